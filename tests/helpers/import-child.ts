// Child process for the crash test: imports a file and reports each phase on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../main/db/open';
import { commitImport } from '../../main/import/service';

async function main() {
  const [dbFile, file, customerId] = process.argv.slice(2);
  const db = await openDb(dbFile);
  await commitImport(
    db,
    { customerId: Number(customerId), userId: null },
    {
      fileName: path.basename(file),
      bytes: fs.readFileSync(file),
      period: '2025-12',
      createAccounts: true,
      mode: 'account_rollup',
    },
    undefined,
    (phase) => process.stdout.write(`${phase}\n`),
  );
  process.stdout.write('committed\n');
}
main();
