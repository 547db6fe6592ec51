// Child process for the SIGKILL tests of issue 11: runs a migration, backup or restore that stalls
// midway (a slow step) and says on stdout when it has begun, so the parent can kill it there.
import fs from 'node:fs';
import { sql } from 'kysely';
import { createBackup } from '../../main/db/backups';
import { migrate, openDb } from '../../main/db/open';
import { restoreDb } from '../../main/db/restore';
import { MIGRATIONS } from '../../migrations';

const say = (s: string) => process.stdout.write(`${s}\n`);
const stall = () => new Promise((r) => setTimeout(r, 60_000));

async function main() {
  const [what, dbFile, from] = process.argv.slice(2);
  if (what === 'migration') {
    const db = await openDb(dbFile, { migrate: false });
    await migrate(db, {
      ...MIGRATIONS,
      '9000_slow': {
        up: async (k) => {
          await sql`CREATE TABLE slow_one (id INTEGER PRIMARY KEY, v TEXT)`.execute(k);
          await sql`INSERT INTO slow_one (v) SELECT hex(randomblob(200)) FROM kpi_reference_ranges`.execute(k);
          say('begun');
          await stall();
        },
      },
    });
  } else if (what === 'backup') {
    const db = await openDb(dbFile);
    const raw = db.raw;
    const original = raw.backup.bind(raw);
    // Page by page, slowly, so the kill lands in the middle.
    raw.backup = ((dest: string) =>
      original(dest, {
        progress: () => {
          say('begun');
          return 1;
        },
      })) as typeof raw.backup;
    await createBackup(raw, dbFile, 'manual');
  } else if (what === 'restore') {
    const db = await openDb(dbFile);
    const copy = fs.copyFileSync;
    fs.copyFileSync = ((a: string, b: string) => {
      copy(a, b);
      say('begun');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }) as typeof fs.copyFileSync;
    await restoreDb(db, from);
  }
  say('done');
}
main();
