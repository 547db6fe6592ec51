// npm run bench:import — the whole import of a 500-account roll-up workbook against exceljs alone
// loading the same file. Each side runs in a fresh process, with the built import worker as the
// packaged app has it, and is measured twice: cold (the process's first file) and again (a second
// file of the same shape in the same process; the app restarts its import threads after a large
// file to give their memory back). The import threads are started and ready before the clock
// starts, as the app starts them with its window. Prints the figures and the ratios; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
import '../main/ipc/handlers'; // as in the app: every feature's hooks (playbook triggers) are loaded
import { commitImport } from '../main/import/service';
import { WorkbookParser } from '../main/import/threads';
import { createWorkspace } from '../main/workspaces/service';
import type { ImportReport } from '../shared/channels/import';
import { makeRollupWorkbook, sampleKpis } from '../tests/helpers/workbooks';
import { benchDir, keepAlive, mb, median, s, time } from './common';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const MONTHS = 12;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SAMPLES = path.resolve(__dirname, '../resources/samples');

type Run = { ms: number; timings?: ImportReport['timings']; maxRss?: number };
type Result = { cold: Run; again: Run; maxRss: number; rows?: Record<string, number> };

/** The measurements of one fresh process; prints them as JSON. */
async function child(mode: 'exceljs' | 'import', files: string[], dir: string) {
  const release = keepAlive();
  const runs: Run[] = [];
  let rows: Record<string, number> | undefined;
  if (mode === 'exceljs') {
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      runs.push({
        ms: (await time(() => new ExcelJS.Workbook().xlsx.load(bytes as never))).ms,
        maxRss: process.resourceUsage().maxRSS * 1024,
      });
    }
  } else {
    // As the app has them when a file is dropped: started with the window, code loaded.
    const parser = new WorkbookParser();
    await parser.warm();
    const db = await openDb(path.join(dir, `bench-${process.pid}.db`));
    for (const [i, f] of files.entries()) {
      const ws = createWorkspace(db, { name: `Bench ${i}`, mode: 'account_rollup' });
      const bytes = fs.readFileSync(f);
      const r = await time(() =>
        commitImport(
          db,
          { customerId: ws.id, userId: null },
          { fileName: path.basename(f), bytes, period: '2025-12', createAccounts: true },
          (req, onPhase) => parser.parse(`bench-${i}`, req, onPhase),
        ),
      );
      await parser.forget(); // as the app does after a commit (fresh threads, their code loaded)
      runs.push({ ms: r.ms, timings: r.value.timings, maxRss: process.resourceUsage().maxRSS * 1024 });
      const count = (t: string) =>
        (db.raw.prepare(`SELECT count(*) n FROM ${t} WHERE customer_id = ?`).get(ws.id) as { n: number }).n;
      rows = {
        uploads: r.value.uploads.length,
        'KPI rows': r.value.uploads.reduce((n, u) => n + u.kpis, 0),
        'monthly values': count('kpi_time_series'),
        'monthly health scores': count('health_trends'),
      };
    }
    await parser.close();
    await db.close();
  }
  const result: Result = { cold: runs[0], again: runs[1], maxRss: process.resourceUsage().maxRSS * 1024, rows };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  release();
}

function measure(mode: 'exceljs' | 'import', files: string[], dir: string): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, mode, dir, ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, KPI_IMPORT_WORKER: path.resolve(__dirname, '../dist/main/import-worker.cjs') },
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

const fmtTimings = (t?: ImportReport['timings']) =>
  t ? `read ${s(t.read)}, check ${s(t.check)}, store ${s(t.store)}, score ${s(t.score)}` : '';

async function main() {
  const work = benchDir('import');
  execFileSync(process.execPath, [path.resolve(__dirname, '../scripts/build-main.mjs')], { stdio: 'ignore' });
  try {
    const kpis = await sampleKpis(SAMPLES);
    const gen = await time(() => makeRollupWorkbook(kpis, ACCOUNTS, MONTHS));
    const files = [path.join(work.dir, 'bench-rollup.xlsx'), path.join(work.dir, 'bench-rollup-2.xlsx')];
    fs.writeFileSync(files[0], gen.value);
    fs.writeFileSync(files[1], await makeRollupWorkbook(kpis, ACCOUNTS, MONTHS, 99));
    const cells = ACCOUNTS * kpis.length * (MONTHS + 8);
    console.log(
      `workbook: ${ACCOUNTS} accounts x ${kpis.length} KPIs x ${MONTHS} months, ${cells.toLocaleString()} cells, ${mb(gen.value.length)} (written in ${s(gen.ms)})`,
    );
    const excel: Result[] = [];
    const ours: Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      excel.push(measure('exceljs', files, work.dir));
      ours.push(measure('import', files, work.dir));
    }
    const last = ours[ours.length - 1];
    console.log(
      `stored per import: ${Object.entries(last.rows ?? {})
        .map(([k, v]) => `${v.toLocaleString()} ${k}`)
        .join(', ')}`,
    );
    for (const phase of ['cold', 'again'] as const) {
      const e = median(excel.map((r) => r[phase].ms));
      const o = median(ours.map((r) => r[phase].ms));
      console.log(
        `${phase}: exceljs alone, load:                     median ${s(e)}  (runs: ${excel.map((r) => s(r[phase].ms)).join(', ')})`,
      );
      console.log(
        `${phase}: our import (read, check, store, score): median ${s(o)}  (runs: ${ours.map((r) => s(r[phase].ms)).join(', ')})`,
      );
      console.log(`${phase}:   where the time goes (last run): ${fmtTimings(last[phase].timings)}`);
      console.log(`${phase}: ratio import / exceljs: ${(o / e).toFixed(2)}x  (goal: within 1.5x)`);
    }
    const peak = (rs: Result[], phase: 'cold' | 'again') => mb(median(rs.map((r) => r[phase].maxRss ?? 0)));
    console.log(
      `peak memory of the process, worker threads included (goal: under 1 GB): after the first file exceljs ${peak(excel, 'cold')}, our import ${peak(ours, 'cold')}; after both files exceljs ${peak(excel, 'again')}, our import ${peak(ours, 'again')}`,
    );
  } finally {
    work.cleanup();
  }
}

const [mode, dir, ...files] = process.argv.slice(2);
if (mode === 'exceljs' || mode === 'import') {
  child(mode, files, dir).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
