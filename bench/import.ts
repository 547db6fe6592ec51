import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../main/db/open';
// As in the app: every feature's hooks are loaded (the playbook triggers evaluate after an import).
import '../main/ipc/handlers';
import { WorkbookParser } from '../main/import/parse';
import { commitImport } from '../main/import/service';
import { createWorkspace } from '../main/workspaces/service';
import { makeRollupWorkbook, sampleKpis } from '../tests/helpers/workbooks';
import { benchDir, keepAlive, mb, median, memoryPeak, s, time } from './common';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const MONTHS = 12;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SAMPLES = path.resolve(__dirname, '../resources/samples');

async function main() {
  const work = benchDir('import');
  const mem = memoryPeak();
  const release = keepAlive();
  try {
    const kpis = await sampleKpis(SAMPLES);
    const gen = await time(() => makeRollupWorkbook(kpis, ACCOUNTS, MONTHS));
    const bytes = gen.value;
    const cells = ACCOUNTS * kpis.length * (MONTHS + 8);
    console.log(
      `workbook: ${ACCOUNTS} accounts x ${kpis.length} KPIs x ${MONTHS} months, ${cells.toLocaleString()} cells, ${mb(bytes.length)} (written in ${s(gen.ms)})`,
    );

    const excel: number[] = [];
    let excelPeak = 0;
    for (let i = 0; i < RUNS; i++) {
      global.gc?.();
      mem.reset();
      const base = process.memoryUsage().rss;
      excel.push((await time(() => new ExcelJS.Workbook().xlsx.load(bytes as never))).ms);
      excelPeak = Math.max(excelPeak, mem.peak - base);
    }

    const parser = new WorkbookParser();
    const ours: number[] = [];
    const phases: Record<string, number[]> = {};
    let oursPeak = 0;
    let rows = { uploads: 0, kpis: 0, values: 0, trends: 0 };
    for (let i = 0; i < RUNS; i++) {
      const dbFile = path.join(work.dir, `bench-${i}.db`);
      const db = await openDb(dbFile);
      const ws = createWorkspace(db, { name: 'Bench', mode: 'account_rollup' });
      global.gc?.();
      mem.reset();
      const base = process.memoryUsage().rss;
      // As the app does it: parse in the worker thread, then store and score in one transaction.
      const r = await time(() =>
        commitImport(
          db,
          { customerId: ws.id, userId: null },
          { fileName: 'bench-rollup.xlsx', bytes, period: '2025-12', createAccounts: true },
          (req, onPhase) => parser.parse(`bench-${i}`, req, onPhase),
          (phase) => {
            phases[phase] = [...(phases[phase] ?? []), performance.now()];
          },
        ),
      );
      ours.push(r.ms);
      oursPeak = Math.max(oursPeak, mem.peak - base);
      const count = (t: string) => (db.raw.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n;
      rows = {
        uploads: count('kpi_uploads'),
        kpis: count('kpis'),
        values: count('kpi_time_series'),
        trends: count('health_trends'),
      };
      await db.close();
    }
    await parser.close();

    // Where the time goes, from the progress events of the last run.
    const mark = (p: string) => phases[p]?.[phases[p].length - 1] ?? 0;
    const steps = [
      ['read (exceljs in the worker threads)', mark('checking') - mark('reading')],
      ['check (interpret) and hand over', mark('saving') - mark('checking')],
      ['store and score (one transaction)', mark('done') - mark('saving')],
    ] as const;
    console.log(`last run: ${steps.map(([k, v]) => `${k} ${s(v)}`).join('; ')}`);
    const e = median(excel);
    const o = median(ours);
    console.log(
      `stored: ${rows.uploads} uploads, ${rows.kpis.toLocaleString()} KPI rows, ${rows.values.toLocaleString()} monthly values, ${rows.trends.toLocaleString()} monthly health scores`,
    );
    console.log(`exceljs alone, load:              median ${s(e)}  (runs: ${excel.map(s).join(', ')})`);
    console.log(`our import (read, check, store, score): median ${s(o)}  (runs: ${ours.map(s).join(', ')})`);
    console.log(`ratio import / exceljs: ${(o / e).toFixed(2)}x  (goal: within 1.5x)`);
    console.log(
      `peak memory above start: exceljs load ${mb(excelPeak)}, our import ${mb(oursPeak)}; process peak ${mb(mem.peak)}  (goal: under 1 GB)`,
    );
  } finally {
    mem.stop();
    release();
    work.cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
