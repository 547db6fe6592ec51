import { commands } from '../../main/cli/commands';
import { runCli } from '../../main/cli/framework';
import { openDb } from '../../main/db/open';

/** `npm run kpi -- ARGV` in this process: its exit code and what it printed, lines joined. */
export async function kpi(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(commands, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The rows of one query on a database file, opened for it and closed after. */
export async function queryFile<T = unknown>(file: string, sql: string): Promise<T[]> {
  const d = await openDb(file);
  try {
    return d.raw.prepare(sql).all() as T[];
  } finally {
    await d.close();
  }
}
