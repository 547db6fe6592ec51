import type { AccountChange } from '../../shared/channels/import';
import type { EvaluationView } from '../../shared/channels/playbooks';
import type { KpiRow } from '../../shared/import/interpret';
import { reasonWithMonth } from '../../shared/playbooks/trigger-grid';
import { kpiKey } from '../../shared/scoring';
import { statusOf } from '../../shared/scoring/value';
import type { Db } from '../db/open';
import { evaluateWorkspace } from '../playbooks/triggers';
import { type EffectiveRow, effectiveByMonth, ymKey, ymText } from '../scoring/service';

/**
 * What an import changed, per account (issue 10, point 2): the health of the period before and
 * after, the months it restated (values that held a different value before; an identical value is
 * no change), and the playbooks whose trigger holds now and did not before. `captureBefore` runs
 * inside the import's transaction before anything is written, `restatedValues` as each account is
 * scored, `describeChanges` after the re-score.
 */
export interface BeforeImport {
  /** account -> ym -> overall health */
  health: Map<number, Map<number, number>>;
  /** account -> playbook ids whose trigger held */
  firing: Map<number, Set<string>>;
}

/** How many changed KPIs a restated month names. */
const EXAMPLES = 3;

function healthOf(db: Db, customerId: number, accountIds: number[]): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>(accountIds.map((id) => [id, new Map()]));
  const st = db.raw.prepare(
    'SELECT year, month, overall_health_score FROM health_trends WHERE customer_id = ? AND account_id = ?',
  );
  for (const id of accountIds) {
    const m = out.get(id)!;
    for (const r of st.all(customerId, id) as Array<{ year: number; month: number; overall_health_score: number }>)
      m.set(ymKey(r.year, r.month), r.overall_health_score);
  }
  return out;
}

/** The values that counted among `rows`, by `ym|kpi key`. */
function countingValues(rows: EffectiveRow[]) {
  const out = new Map<string, { value: number; name: string }>();
  for (const [ym, kpis] of effectiveByMonth(rows))
    for (const [key, r] of kpis) if (r.value != null) out.set(`${ym}|${key}`, { value: r.value, name: r.name });
  return out;
}

type Fired = { reason: string; started: boolean; name: string; month: string | null };
type Firing = Map<number, Map<string, Fired>>;

/** The playbooks that fire per account in an evaluation, whether it started them, and the month they read. */
function firingIn(view: EvaluationView): Firing {
  const out: Firing = new Map();
  for (const a of view.accounts) {
    const fires = new Map<string, Fired>();
    for (const p of a.playbooks)
      if (p.fires)
        fires.set(p.playbookId, {
          reason: p.reason,
          started: p.outcome === 'started',
          name: p.playbookName,
          month: a.month,
        });
    out.set(a.accountId, fires);
  }
  return out;
}

/** The playbooks that fire per account, evaluated without starting any. */
function firingOf(db: Db, customerId: number, accountIds: number[]): Firing {
  if (!accountIds.length) return new Map();
  return firingIn(evaluateWorkspace(db, customerId, { accountIds, dryRun: true }));
}

/** The accounts' health and firing playbooks before the import writes. */
export function captureBefore(db: Db, customerId: number, accountIds: number[]): BeforeImport {
  const firing = new Map<number, Set<string>>();
  for (const [id, fires] of firingOf(db, customerId, accountIds)) firing.set(id, new Set(fires.keys()));
  return { health: healthOf(db, customerId, accountIds), firing };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const status = (score: number | null | undefined) => (score == null ? null : statusOf(score));

/** The values an upload changed in one month: how many, and the first few. */
type MonthChanges = { values: number; examples: AccountChange['restated'][number]['examples'] };

/**
 * The values of the months an account's upload changed (counting values that held a different
 * value before), by month: taken right after the account is written and scored, so that its rows
 * can go before the health of those months is known (restatedMonths adds it). What counted before
 * is found among the values the scoring read (`scored`: every upload's, in the months the import
 * touched) without the new upload's: an import only adds values, so the others are as they were,
 * and no account's earlier values are held beyond its own turn.
 */
export function restatedValues(
  scored: EffectiveRow[],
  uploadId: number,
  rows: KpiRow[],
  monthsOf: (sheet: string) => readonly number[],
  periodKey: number,
): Map<number, MonthChanges> {
  const byMonth = new Map<number, MonthChanges>();
  const earlier = scored.filter((r) => r.uploadId !== uploadId);
  if (!earlier.length) return byMonth;
  const was = countingValues(earlier);
  for (const [k, now] of uploadValues(rows, monthsOf, periodKey)) {
    const old = was.get(k);
    if (!old || near(old.value, now.value)) continue;
    const ym = Number(k.slice(0, k.indexOf('|')));
    let m = byMonth.get(ym);
    if (!m) {
      m = { values: 0, examples: [] };
      byMonth.set(ym, m);
    }
    m.values++;
    if (m.examples.length < EXAMPLES) m.examples.push({ kpi: now.name, from: old.value, to: now.value });
  }
  return byMonth;
}

/** The months an upload restated, with the health of each month before and after. */
function restatedMonths(
  changes: Map<number, MonthChanges>,
  health: { before?: Map<number, number>; after?: Map<number, number> },
): AccountChange['restated'] {
  return [...changes.entries()]
    .map(([ym, m]) => ({
      month: ymText(Math.floor(ym / 100), ym % 100),
      values: m.values,
      healthBefore: health.before?.get(ym) ?? null,
      healthAfter: health.after?.get(ym) ?? null,
      examples: m.examples,
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * The values an upload's rows make count, by `ym|kpi key`: the newest upload's value counts
 * wherever it has one (its month column, or Data for the period).
 */
export function uploadValues(
  rows: KpiRow[],
  monthsOf: (sheet: string) => readonly number[],
  periodKey: number,
): Map<string, { value: number; name: string }> {
  const out = new Map<string, { value: number; name: string }>();
  for (const r of rows) {
    const key = kpiKey(r.category, r.fields.kpi_parameter);
    for (const ym of monthsOf(r.sheet)) {
      const value =
        ym === periodKey && r.dataValue != null
          ? r.dataValue
          : r.months.find((m) => m.year * 100 + m.month === ym)?.value;
      if (value != null) out.set(`${ym}|${key}`, { value, name: r.fields.kpi_parameter });
    }
  }
  return out;
}

export type Written = {
  accountId: number;
  accountName: string;
  created: boolean;
  version: number;
  /** restatedValues of its upload */
  restated: Map<number, MonthChanges>;
};

/**
 * Each written account's change, once the import is written and scored. `evaluated`: the triggers'
 * evaluation the re-score ran (it may have started playbooks); without one (no trigger hook, or it
 * failed), the playbooks that fire are evaluated here without starting any.
 */
export function describeChanges(
  db: Db,
  customerId: number,
  before: BeforeImport,
  written: Written[],
  period: { year: number; month: number },
  evaluated?: EvaluationView,
): AccountChange[] {
  const ids = written.map((w) => w.accountId);
  const healthAfter = healthOf(db, customerId, ids);
  const firingNow = evaluated ? firingIn(evaluated) : firingOf(db, customerId, ids);
  const p = ymKey(period.year, period.month);
  const periodText = ymText(period.year, period.month);
  return written.map((w): AccountChange => {
    const hb = before.health.get(w.accountId);
    const ha = healthAfter.get(w.accountId);
    const was = before.firing.get(w.accountId) ?? new Set<string>();
    const playbooks = [...(firingNow.get(w.accountId) ?? new Map()).entries()]
      .filter(([id]) => !was.has(id))
      .map(([playbookId, f]) => ({
        playbookId,
        playbookName: f.name,
        // Triggers read the latest scored month: named when it is not the import's period.
        reason: reasonWithMonth(f.reason, f.month !== periodText ? f.month : null),
        started: f.started,
      }));
    return {
      accountId: w.accountId,
      accountName: w.accountName,
      created: w.created,
      version: w.version,
      health: {
        before: hb?.get(p) ?? null,
        after: ha?.get(p) ?? null,
        statusBefore: status(hb?.get(p)),
        statusAfter: status(ha?.get(p)),
      },
      restated: restatedMonths(w.restated, { before: hb, after: ha }),
      playbooks,
    };
  });
}
