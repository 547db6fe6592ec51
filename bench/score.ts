// npm run bench:score — re-scoring a 2,000-account workspace (67 KPIs x 36 months, about 4.8
// million monthly values) against the time just to read those rows. Prints figures and ratios.
import path from 'node:path';
import { openDb } from '../main/db/open';
import { loadRanges, recomputeScores } from '../main/scoring/service';
import { createWorkspace } from '../main/workspaces/service';
import { sampleKpis } from '../tests/helpers/workbooks';
import { benchDir, keepAlive, mb, median, memoryPeak, s, time } from './common';
import { buildWorkspace } from './workspace';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2000);
const MONTHS = 36;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function main() {
  const work = benchDir('score');
  const mem = memoryPeak();
  const release = keepAlive();
  try {
    const db = await openDb(path.join(work.dir, 'score.db'));
    const ws = createWorkspace(db, { name: 'Bench' });
    const kpis = await sampleKpis(path.resolve(__dirname, '../resources/samples'));
    const build = await time(() => buildWorkspace(db, ws.id, kpis, ACCOUNTS, MONTHS));
    const values = (db.raw.prepare('SELECT count(*) n FROM kpi_time_series').get() as { n: number }).n;
    console.log(
      `workspace: ${ACCOUNTS} accounts x ${kpis.length} KPIs x ${MONTHS} months = ${values.toLocaleString()} values (built in ${s(build.ms)})`,
    );

    // The floor: reading every row the scorer needs, once, in one scan.
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push(
        (
          await time(() => {
            let n = 0;
            for (const _ of db.raw
              .prepare('SELECT kpi_id, upload_id, kpi_parameter, category, weight, impact_level FROM kpis')
              .raw(true)
              .iterate())
              n++;
            for (const _ of db.raw
              .prepare(
                'SELECT id, kpi_id, account_id, year, month, value, health_status, health_score FROM kpi_time_series WHERE customer_id = ?',
              )
              .raw(true)
              .iterate(ws.id))
              n++;
            return n;
          })
        ).ms,
      );
    }
    mem.reset();
    const first = await time(() => recomputeScores(db, ws.id));
    const firstPeak = mem.peak;
    console.log(
      `full re-score from scratch: ${s(first.ms)} (${first.value.valuesRescored.toLocaleString()} KPI scores and ${first.value.trendsWritten.toLocaleString()} monthly health scores written)`,
    );
    const again: number[] = [];
    for (let i = 0; i < RUNS; i++) again.push((await time(() => recomputeScores(db, ws.id))).ms);

    // A change of one reference range: every month of every account re-scored.
    const nps = [...loadRanges(db).values()].find((r) => r.kpiName === 'NPS Score')!;
    db.raw
      .prepare("UPDATE kpi_reference_ranges SET risk_max = 40, healthy_min = 40 WHERE kpi_name = 'NPS Score'")
      .run();
    const afterRange = await time(() => recomputeScores(db, ws.id));
    void nps;

    // One account's new upload: a new version with the latest month corrected, then its re-score.
    const accountId = (
      db.raw
        .prepare('SELECT account_id FROM accounts WHERE customer_id = ? ORDER BY account_id LIMIT 1 OFFSET ?')
        .get(ws.id, Math.floor(ACCOUNTS / 2)) as { account_id: number }
    ).account_id;
    const one: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      db.raw.transaction(() => {
        const up = Number(
          db.raw
            .prepare(
              "INSERT INTO kpi_uploads (customer_id, account_id, version, original_filename, period_year, period_month) VALUES (?, ?, ?, 'new.xlsx', 2025, 12)",
            )
            .run(ws.id, accountId, 2 + i).lastInsertRowid,
        );
        for (const k of kpis) {
          const kpiId = Number(
            db.raw
              .prepare(
                'INSERT INTO kpis (upload_id, account_id, category, weight, kpi_parameter, impact_level) VALUES (?, ?, ?, ?, ?, ?)',
              )
              .run(up, accountId, k.category, k.fields.weight, k.fields.kpi_parameter, k.fields.impact_level)
              .lastInsertRowid,
          );
          db.raw
            .prepare(
              'INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value) VALUES (?, ?, ?, 12, 2025, ?)',
            )
            .run(kpiId, accountId, ws.id, (k.dataValue ?? 50) * (1.1 + i / 10));
        }
      })();
      one.push((await time(() => recomputeScores(db, ws.id, { accountIds: [accountId] }))).ms);
    }

    const f = median(floor);
    const a = median(again);
    console.log(
      `read floor (every row the scorer needs, one scan): median ${s(f)}  (runs: ${floor.map(s).join(', ')})`,
    );
    console.log(`full re-score, nothing changed:                  median ${s(a)}  (runs: ${again.map(s).join(', ')})`);
    console.log(
      `full re-score after a reference range changed:    ${s(afterRange.ms)} (${afterRange.value.valuesRescored.toLocaleString()} KPI scores, ${afterRange.value.trendsWritten.toLocaleString()} monthly scores rewritten)`,
    );
    console.log(
      `one account's re-score after its new upload:      median ${median(one).toFixed(1)} ms  (runs: ${one.map((x) => x.toFixed(1)).join(', ')} ms; goal: under 50 ms)`,
    );
    console.log(
      `ratios to the read floor: from scratch ${(first.ms / f).toFixed(2)}x, nothing changed ${(a / f).toFixed(2)}x, after a range change ${(afterRange.ms / f).toFixed(2)}x  (goal: within 2x)`,
    );
    console.log(`peak memory: ${mb(Math.max(firstPeak, mem.peak))} resident  (goal: under 1 GB)`);
    await db.close();
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
