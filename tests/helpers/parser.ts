import { WorkbookParser } from '../../main/import/threads';

/** Runs `use` with an import parser (its worker thread started on demand), closed after. */
export async function withParser<T>(use: (parser: WorkbookParser) => Promise<T>): Promise<T> {
  const parser = new WorkbookParser();
  try {
    return await use(parser);
  } finally {
    await parser.close();
  }
}
