// npm run bench:import — the whole import of a 500-account roll-up workbook through the command
// line (`npm run kpi -- import`, process start included, from the prebuilt bundle) against exceljs
// alone loading the same file in a fresh process; the peak memory (RSS) of that import and of a
// 2,000-account roll-up (4 times larger: the ratio of their times is printed too) and of its
// re-import with every value restated; the floors under the import (start, reading, database);
// and the time each hostile or malformed file takes to be read or refused. Medians of the same
// run. Prints the figures and the goals; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { inTransaction, openDb } from '../main/db/open';
import { commitImport, previewImport } from '../main/import/service';
import { writeStatements } from '../main/import/statements';
import { WorkbookParser } from '../main/import/threads';
import { readAndInterpret } from '../main/import/workbook';
import { readWorkbook } from '../main/import/workbook/read';
import { findWorkspaceByName } from '../main/workspaces/service';
import { isImportRefusal } from '../shared/import/refusal';
import { makeRollupWorkbook, sampleKpis } from '../tests/helpers/workbooks';
import { benchDir, keepAlive, mb, median, s, time } from './common';
import { hostileFiles } from './hostile';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const LARGER = 4;
const MONTHS = 12;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROOT = path.resolve(__dirname, '..');
const SAMPLES = path.join(ROOT, 'resources/samples');
const KPI = path.join(ROOT, 'scripts/kpi.mjs');

/** exceljs alone loading a file, in this (fresh) process: prints the milliseconds as JSON. */
async function exceljsChild(file: string) {
  const release = keepAlive();
  const bytes = fs.readFileSync(file);
  const { ms } = await time(() => new ExcelJS.Workbook().xlsx.load(bytes as never));
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
  release();
}

function exceljsLoad(file: string): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, 'exceljs', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string).ms;
}

/**
 * The window's import in this (fresh) process, as the app's backend runs it: the import thread
 * started ahead (as it is with the window), then the preview and the commit timed; prints the
 * milliseconds and the peak RSS as JSON.
 */
async function appChild(file: string, dbFile: string) {
  await import('../main/playbooks/triggers'); // the trigger hooks, registered as the app registers them
  const release = keepAlive();
  const db = await openDb(dbFile);
  const parser = new WorkbookParser();
  await parser.warm();
  const ws = findWorkspaceByName(db, 'Bench').id;
  const bytes = fs.readFileSync(file);
  const parse = (req: Parameters<WorkbookParser['parse']>[1]) => parser.parse('bench', req);
  const t0 = performance.now();
  await previewImport(db, ws, { fileName: path.basename(file), bytes }, parse);
  const t1 = performance.now();
  const fileName = path.basename(file);
  await commitImport(
    db,
    { customerId: ws, userId: null },
    { fileName, bytes, period: '2025-12', createAccounts: true },
    parse,
  );
  const t2 = performance.now();
  await parser.close();
  await db.close();
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ preview: t1 - t0, commit: t2 - t1, rss })}\n`);
  release();
}

/** The window's import of `file` into a new database, in a fresh process (see appChild). */
function appImport(file: string, dir: string, n: number): { preview: number; commit: number; rss: number } {
  const b = benchDb(dir, `app-${n}`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, 'app', file, b.db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, KPI_IMPORT_WORKER: path.join(ROOT, 'dist/main/import-worker.cjs') },
  });
  b.remove();
  return JSON.parse(out.trim().split('\n').pop() as string);
}

/** A file preloaded into the command line's process that prints its peak RSS as it exits. */
function rssHook(dir: string): string {
  const hook = path.join(dir, 'rss-hook.cjs');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => process.stderr.write(`\\nmaxrss ${process.resourceUsage().maxRSS * 1024}\\n`));\n",
  );
  return hook;
}

const kpi = (args: string[], hook?: string) =>
  spawnSync(process.execPath, [...(hook ? ['--require', hook] : []), KPI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

/** Runs command-line steps that must succeed (setting up a database). */
function kpiSteps(steps: string[][]): void {
  for (const args of steps) {
    const r = kpi(args);
    if (r.status !== 0) throw new Error(`kpi ${args.join(' ')}: ${r.stderr}`);
  }
}

/** A new database with the roll-up workspace "Bench", and the import command into it. */
function benchDb(dir: string, name: string) {
  const db = path.join(dir, `${name}.db`);
  kpiSteps([
    ['init', '--db', db],
    ['customer', 'add', '--db', db, '--name', 'Bench', '--mode', 'account_rollup'],
  ]);
  const importArgs = (file: string) => [
    'import',
    file,
    '--db',
    db,
    '--customer',
    'Bench',
    '--create-accounts',
    '--period',
    '2025-12',
  ];
  // The database with its WAL companions, removed after a timed import.
  const remove = () => {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  };
  return { db, importArgs, remove };
}

/** One import through the command line, timed with its peak RSS; the database is removed after. */
function timedImport(b: ReturnType<typeof benchDb>, file: string, hook: string) {
  const t0 = performance.now();
  const r = kpi(b.importArgs(file), hook);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`kpi import: ${r.stderr || r.stdout}`);
  b.remove();
  return { ms, rss: Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0), stored: r.stdout.split('\n')[0] };
}

/** The whole import through the command line, in a new workspace of a new database: wall time and peak RSS. */
function cliImport(file: string, dir: string, hook: string, n: number): { ms: number; rss: number; stored: string } {
  return timedImport(benchDb(dir, `bench-${n}`), file, hook);
}

/**
 * A re-import: `first` imported into a new workspace (not timed), then `second` (the same accounts,
 * every value different) timed with its peak RSS: each account's earlier values are read, compared
 * for the report and scored with the new ones.
 */
function cliReimport(first: string, second: string, dir: string, hook: string, n: number) {
  const b = benchDb(dir, `reimport-${n}`);
  kpiSteps([b.importArgs(first)]);
  return timedImport(b, second, hook);
}

/** Each hostile file read or refused in this process: its median time and what happened. */
async function hostile(): Promise<Array<{ name: string; ms: number; outcome: string }>> {
  const out = [];
  for (const f of await hostileFiles()) {
    const times: number[] = [];
    let outcome = '';
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      try {
        // Read and interpreted, as an import does before anything is stored.
        await readAndInterpret(f.bytes, f.fileName);
        outcome = 'read';
      } catch (e) {
        if (!isImportRefusal(e)) throw e;
        outcome = `refused (${e.code})`;
      }
      times.push(performance.now() - t0);
    }
    out.push({ name: `${f.name}, ${mb(f.bytes.length).replace(' MB', '')} MB`, ms: median(times), outcome });
  }
  return out;
}

/** A new database with one account and one upload, for the floors under the store. */
async function floorDb(dir: string, name: string) {
  const file = path.join(dir, `${name}.db`);
  kpiSteps([
    ['init', '--db', file],
    ['customer', 'add', '--db', file, '--name', 'Floor'],
    ['account', 'add', '--db', file, '--customer', 'Floor', '--name', 'Floor account'],
  ]);
  const db = await openDb(file);
  const st = writeStatements(db);
  const [ws, account] = db.raw.prepare('SELECT customer_id, account_id FROM accounts').raw().get() as number[];
  const upload = Number(
    st.insertUpload.run(ws, account, null, 1, 'floor.xlsx', null, null, 2025, 12, 'floor', null).lastInsertRowid,
  );
  return { db, st, ws, account, upload, now: new Date().toISOString() };
}

/**
 * The database alone writing what the import writes, in a new database: `rows` KPI rows and their
 * values for every month, with the store's own statements, in one transaction, committed and the
 * file closed (no reading, scoring, parsed_json or report): the floor under the store.
 */
async function databaseAlone(dir: string, n: number, rows: number): Promise<number> {
  const { db, st, ws, account, upload, now } = await floorDb(dir, `floor-${n}`);
  const t0 = performance.now();
  inTransaction(db, () => {
    const values = st.insertValues(Array.from({ length: MONTHS }, (_, m) => 202501 + m));
    const params: unknown[] = [];
    const shared = { kpi: 0, account, customer: ws, now };
    for (let k = 0; k < rows; k++) {
      shared.kpi = Number(
        st.insertKpi.run(
          upload,
          account,
          'Relationship Strength',
          k + 2,
          'Sentiment',
          '30%',
          '41.5',
          'CRM',
          `KPI ${k % 67}`,
          'High',
          'Monthly',
          null,
          now,
        ).lastInsertRowid,
      );
      let p = 0;
      for (let m = 1; m <= MONTHS; m++) for (const v of [10 + ((k * 7 + m) % 90), 'Healthy', 87.5]) params[p++] = v;
      values.run(params, shared);
    }
  });
  await db.close();
  return performance.now() - t0;
}

/**
 * SQLite alone writing the same rows as databaseAlone, generated inside SQLite by two INSERT ...
 * SELECT statements (nothing bound per row, no JavaScript in the loop), committed and closed: the
 * floor under any store that keeps this schema.
 */
async function sqliteAlone(dir: string, n: number, rows: number): Promise<number> {
  const { db, ws, account, upload, now } = await floorDb(dir, `sql-floor-${n}`);
  const t0 = performance.now();
  inTransaction(db, () => {
    const first = Number(db.raw.prepare('SELECT COALESCE(MAX(kpi_id), 0) + 1 FROM kpis').pluck().get());
    db.raw
      .prepare(`WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ? - 1)
        INSERT INTO kpis (kpi_id, upload_id, account_id, category, row_index, health_score_component, weight, data,
          source_review, kpi_parameter, impact_level, measurement_frequency, last_edited_by, last_edited_at)
        SELECT ? + i, ?, ?, 'Relationship Strength', i + 2, 'Sentiment', '30%', '41.5', 'CRM', 'KPI ' || (i % 67),
          'High', 'Monthly', NULL, ? FROM k`)
      .run(rows, first, upload, account, now);
    db.raw
      .prepare(`WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ? - 1),
          m(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM m WHERE j < ?)
        INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value, health_status, health_score,
          created_at, updated_at)
        SELECT ? + i, ?, ?, j, 2025, 10 + ((i * 7 + j) % 90), 'Healthy', 87.5, ?, ? FROM k, m ORDER BY i, j`)
      .run(rows, MONTHS, first, account, ws, now, now);
  });
  await db.close();
  return performance.now() - t0;
}

/** Medians of the floors under the whole import: the command line's start, the reading alone, the database alone. */
async function floors(file: string, dir: string, rows: number) {
  const start: number[] = [];
  const reading: number[] = [];
  const database: number[] = [];
  const sql: number[] = [];
  const bytes = fs.readFileSync(file);
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    if (kpi(['import', '--help']).status !== 0) throw new Error('kpi import --help failed');
    start.push(performance.now() - t0);
    t0 = performance.now();
    await readWorkbook(bytes, path.basename(file));
    reading.push(performance.now() - t0);
    database.push(await databaseAlone(dir, i, rows));
    sql.push(await sqliteAlone(dir, i, rows));
  }
  return { start: median(start), reading: median(reading), database: median(database), sql: median(sql) };
}

const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');

/**
 * The import's time over exceljs's, of their medians (the goal), and each run's own: a run's
 * exceljs and import ran back to back, so their ratios show how much of a difference between runs
 * is the machine's.
 */
function printRatio(ours: Array<{ ms: number }>, excel: number[]): void {
  const r = median(ours.map((x) => x.ms)) / median(excel);
  console.log(`ratio import / exceljs: ${r.toFixed(2)}x  (goal: at most 1.0x, ${goal(r <= 1)})`);
  const own = ours.map((x, i) => x.ms / excel[i]);
  console.log(
    `  each run's own ratio: ${own.map((x) => `${x.toFixed(2)}x`).join(', ')}; median ${median(own).toFixed(2)}x`,
  );
}

async function main() {
  const work = benchDir('import');
  // The command line's bundle, built before any clock starts (as `npm run build:kpi` builds it).
  execFileSync(process.execPath, [KPI, '--build'], { stdio: 'ignore' });
  try {
    const kpis = await sampleKpis(SAMPLES);
    // BENCH_WORKBOOKS=DIR keeps the generated workbooks there between runs (they take minutes to write).
    const keep = process.env.BENCH_WORKBOOKS;
    const small = path.join(keep ?? work.dir, `rollup-${ACCOUNTS}.xlsx`);
    const large = path.join(keep ?? work.dir, `rollup-${ACCOUNTS * LARGER}.xlsx`);
    // The larger file again with every value different (another seed): the re-import.
    const restated = path.join(keep ?? work.dir, `rollup-${ACCOUNTS * LARGER}-restated.xlsx`);
    for (const [file, n, seed] of [
      [small, ACCOUNTS, 7],
      [large, ACCOUNTS * LARGER, 7],
      [restated, ACCOUNTS * LARGER, 8],
    ] as const) {
      if (!fs.existsSync(file)) fs.writeFileSync(file, await makeRollupWorkbook(kpis, n, MONTHS, seed));
    }
    const gen = { value: fs.readFileSync(small) };
    const cells = (n: number) => (n * kpis.length * (MONTHS + 8)).toLocaleString('en-US');
    console.log(
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${mb(os.totalmem())}, Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)}`,
    );
    console.log(
      `workbooks: ${ACCOUNTS} accounts x ${kpis.length} KPIs x ${MONTHS} months, ${cells(ACCOUNTS)} cells, ${mb(gen.value.length)}; ${ACCOUNTS * LARGER} accounts, ${cells(ACCOUNTS * LARGER)} cells, ${mb(fs.statSync(large).size)}`,
    );
    console.log('hostile and malformed files, read or refused (goal: under 2 s each):');
    for (const h of await hostile())
      console.log(`  ${s(h.ms)}  ${h.outcome.padEnd(32)} ${h.name}${h.ms < 2000 ? '' : '  NOT met'}`);
    const hook = rssHook(work.dir);
    const excel: number[] = [];
    const ours: Array<{ ms: number; rss: number }> = [];
    const larger: Array<{ ms: number; rss: number }> = [];
    const again: Array<{ ms: number; rss: number }> = [];
    let stored = ['', '', ''];
    for (let i = 0; i < RUNS; i++) {
      excel.push(exceljsLoad(small));
      const a = cliImport(small, work.dir, hook, i);
      const b = cliImport(large, work.dir, hook, i);
      const c = cliReimport(large, restated, work.dir, hook, i);
      ours.push(a);
      larger.push(b);
      again.push(c);
      stored = [a.stored, b.stored, c.stored];
      console.log(
        `  run ${i + 1}: exceljs ${s(excel[i])}, import ${s(a.ms)} (${mb(a.rss)}), ${LARGER}x larger ${s(b.ms)} (${mb(b.rss)}), its re-import ${s(c.ms)} (${mb(c.rss)})`,
      );
    }
    console.log(`  the command line said: ${stored.join(' | ')}`);
    const e = median(excel);
    const o = median(ours.map((r) => r.ms));
    const l = median(larger.map((r) => r.ms));
    const rss = median(ours.map((r) => r.rss));
    const rssLarge = median(larger.map((r) => r.rss));
    console.log(`exceljs alone loading the ${ACCOUNTS}-account file:                 median ${s(e)}`);
    console.log(`whole import through the command line (process start included): median ${s(o)}`);
    printRatio(ours, excel);
    console.log(`peak memory (RSS) of that import: ${mb(rss)}  (goal: under 400 MB, ${goal(rss < 400 * 2 ** 20)})`);
    console.log(
      `${ACCOUNTS * LARGER}-account roll-up: median ${s(l)}, peak memory ${mb(rssLarge)}  (goal: under 600 MB, ${goal(rssLarge < 600 * 2 ** 20)})`,
    );
    console.log(
      `ratio for a workbook ${LARGER} times larger: ${(l / o).toFixed(2)}x  (goal: at most 4.5x, ${goal(l / o <= 4.5)})`,
    );
    const rssAgain = median(again.map((r) => r.rss));
    console.log(
      `re-import of the ${ACCOUNTS * LARGER}-account roll-up with every value restated, into the workspace holding it: median ${s(median(again.map((r) => r.ms)))}, peak memory ${mb(rssAgain)}  (goal: under 600 MB, ${goal(rssAgain < 600 * 2 ** 20)})`,
    );
    const rows = ACCOUNTS * kpis.length;
    const f = await floors(small, work.dir, rows);
    const floor = f.start + f.reading + f.database;
    console.log(`where the ${ACCOUNTS}-account import's time goes (floors, medians of this run):`);
    console.log(`  the command line's start (node and the bundle: import --help): ${s(f.start)}`);
    console.log(`  reading alone (the check, unzipping, every cell; no interpreting): ${s(f.reading)}`);
    console.log(
      `  the database alone writing the same ${rows.toLocaleString('en-US')} KPI rows and ${(rows * MONTHS).toLocaleString('en-US')} values (the store's statements, one transaction, commit, close): ${s(f.database)}`,
    );
    console.log(
      `  SQLite alone writing those rows, generated in SQL (INSERT ... SELECT: nothing bound, no JavaScript): ${s(f.sql)}; start + reading + this = ${((f.start + f.reading + f.sql) / e).toFixed(2)}x exceljs`,
    );
    console.log(
      `  together ${s(floor)} = ${(floor / e).toFixed(2)}x exceljs; the rest of the import (interpreting, preview, scoring, parsed_json, the report's before and after): ${s(o - floor)}`,
    );
    const app = Array.from({ length: RUNS }, (_, i) => appImport(small, work.dir, i));
    const [preview, commit] = [median(app.map((r) => r.preview)), median(app.map((r) => r.commit))];
    console.log(
      `the window's import of the ${ACCOUNTS}-account file (its import thread started ahead, as with the window): preview ${s(preview)}, commit ${s(commit)}, together ${s(preview + commit)} = ${((preview + commit) / e).toFixed(2)}x exceljs; peak memory ${mb(median(app.map((r) => r.rss)))}`,
    );
    console.log('hostile and malformed files, read or refused (goal: under 2 s each):');
    for (const h of await hostile())
      console.log(`  ${s(h.ms)}  ${h.outcome.padEnd(32)} ${h.name}${h.ms < 2000 ? '' : '  NOT met'}`);
  } finally {
    work.cleanup();
  }
}

const [mode, file] = process.argv.slice(2);
if (mode === 'exceljs') {
  exceljsChild(file).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else if (mode === 'app') {
  appChild(file, process.argv[4]).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
