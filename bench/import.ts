// npm run bench:import — the whole import of a 500-account roll-up workbook against exceljs alone
// loading the same file. Each measurement runs in a fresh process (its own time from cold and its
// own peak memory); the import uses the built worker thread, as the packaged app does. Prints
// the figures and the ratio; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
import '../main/ipc/handlers'; // as in the app: every feature's hooks (playbook triggers) are loaded
import { WorkbookParser } from '../main/import/parse';
import { commitImport } from '../main/import/service';
import { createWorkspace } from '../main/workspaces/service';
import { makeRollupWorkbook, sampleKpis } from '../tests/helpers/workbooks';
import { benchDir, keepAlive, mb, median, s, time } from './common';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const MONTHS = 12;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SAMPLES = path.resolve(__dirname, '../resources/samples');

type Result = { ms: number; maxRss: number; timings?: Record<string, number>; rows?: Record<string, number> };

/** One measurement in this (fresh) process; prints its result as JSON. */
async function child(mode: 'exceljs' | 'import', file: string, dir: string) {
  const release = keepAlive();
  const bytes = fs.readFileSync(file);
  let result: Result;
  if (mode === 'exceljs') {
    const r = await time(() => new ExcelJS.Workbook().xlsx.load(bytes as never));
    result = { ms: r.ms, maxRss: process.resourceUsage().maxRSS * 1024 };
  } else {
    const parser = new WorkbookParser();
    const parse = (req: Parameters<typeof parser.parse>[1], onPhase: Parameters<typeof parser.parse>[2]) =>
      parser.parse('bench', req, onPhase);
    const db = await openDb(path.join(dir, `bench-${process.pid}.db`));
    const ws = createWorkspace(db, { name: 'Bench', mode: 'account_rollup' });
    const r = await time(() =>
      commitImport(
        db,
        { customerId: ws.id, userId: null },
        { fileName: 'bench-rollup.xlsx', bytes, period: '2025-12', createAccounts: true },
        parse,
      ),
    );
    const count = (t: string) =>
      (db.raw.prepare(`SELECT count(*) n FROM ${t} WHERE customer_id = ?`).get(ws.id) as { n: number }).n;
    result = {
      ms: r.ms,
      maxRss: process.resourceUsage().maxRSS * 1024,
      timings: r.value.timings,
      rows: {
        uploads: r.value.uploads.length,
        'KPI rows': r.value.uploads.reduce((n, u) => n + u.kpis, 0),
        'monthly values': count('kpi_time_series'),
        'monthly health scores': count('health_trends'),
      },
    };
    await parser.close();
    await db.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  release();
}

function measure(mode: 'exceljs' | 'import', file: string, dir: string): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, mode, file, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

async function main() {
  const work = benchDir('import');
  execFileSync(process.execPath, [path.resolve(__dirname, '../scripts/build-main.mjs')], { stdio: 'ignore' });
  try {
    const kpis = await sampleKpis(SAMPLES);
    const gen = await time(() => makeRollupWorkbook(kpis, ACCOUNTS, MONTHS));
    const file = path.join(work.dir, 'bench-rollup.xlsx');
    fs.writeFileSync(file, gen.value);
    const cells = ACCOUNTS * kpis.length * (MONTHS + 8);
    console.log(
      `workbook: ${ACCOUNTS} accounts x ${kpis.length} KPIs x ${MONTHS} months, ${cells.toLocaleString()} cells, ${mb(gen.value.length)} (written in ${s(gen.ms)})`,
    );
    const excel: Result[] = [];
    const ours: Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      excel.push(measure('exceljs', file, work.dir));
      ours.push(measure('import', file, work.dir));
    }
    const e = median(excel.map((r) => r.ms));
    const o = median(ours.map((r) => r.ms));
    const last = ours[ours.length - 1];
    console.log(
      `stored: ${Object.entries(last.rows ?? {})
        .map(([k, v]) => `${v.toLocaleString()} ${k}`)
        .join(', ')}`,
    );
    console.log(
      `exceljs alone, load:                    median ${s(e)}  (runs: ${excel.map((r) => s(r.ms)).join(', ')})`,
    );
    console.log(
      `our import (read, check, store, score): median ${s(o)}  (runs: ${ours.map((r) => s(r.ms)).join(', ')})`,
    );
    console.log(
      `  where the time goes (last run): ${Object.entries(last.timings ?? {})
        .map(([k, v]) => `${k} ${s(v)}`)
        .join(', ')}`,
    );
    console.log(`ratio import / exceljs: ${(o / e).toFixed(2)}x  (goal: within 1.5x)`);
    console.log(
      `peak memory (whole process, worker threads included): exceljs load ${mb(median(excel.map((r) => r.maxRss)))}, our import ${mb(median(ours.map((r) => r.maxRss)))}  (goal: under 1 GB)`,
    );
  } finally {
    work.cleanup();
  }
}

const [mode, file, dir] = process.argv.slice(2);
if (mode === 'exceljs' || mode === 'import') {
  child(mode, file, dir).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
