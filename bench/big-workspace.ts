import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../main/db/open';
import { loadRanges } from '../main/scoring/service';
import { createWorkspace } from '../main/workspaces/service';
import { DEFAULT_CATEGORY_WEIGHTS } from '../shared/defaults';
import { normalizeName } from '../shared/names';
import {
  HEALTH_TREND_COLUMNS,
  type KpiInput,
  kpiKey,
  type Range,
  round2,
  scoreAccountMonth,
  scoreValue,
} from '../shared/scoring';

/**
 * The 2,000-account workspace of `bench:ui` and `bench:today` (moved here from bench/ui.ts): written
 * straight into a temporary SQLite file with prepared statements in one transaction: accounts, one
 * upload per account carrying its month columns, its 67 KPIs and every value with its status and
 * score (scoreValue, as the importer does), and health_trends + health_trend_categories computed
 * in memory with the shared engine (scoreAccountMonth) and inserted directly.
 */

const root = path.resolve(__dirname, '..');

/** A small deterministic random generator (the same workspace every run). */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KpiDef {
  name: string;
  category: string;
  weight: string | null;
  impactLevel: string | null;
  base: number;
  spread: number;
  range: Range | null;
  percent: boolean;
}

/** The 67 KPIs of the TechCorp sample (names, categories, weights, typical values). */
function kpiDefs(ranges: Map<string, Range>): KpiDef[] {
  const samples = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/scoring/samples.json'), 'utf8'));
  const kpis = samples['techcorp-solutions-2025-09'].accounts['TechCorp Solutions'] as Array<{
    name: string;
    category: string;
    weight: string | null;
    impactLevel: string | null;
    values: Record<string, number>;
  }>;
  return kpis.map((k) => {
    const vs = Object.values(k.values);
    const base = vs.reduce((a, b) => a + b, 0) / vs.length;
    const range = ranges.get(normalizeName(k.name)) ?? null;
    const spread = range ? Math.abs(range.riskMax - range.riskMin) : Math.max(Math.abs(base) * 0.2, 1);
    return { ...k, base, spread, range, percent: range?.unit === '%' };
  });
}

const INDUSTRIES = [
  'Technology',
  'Retail',
  'Finance',
  'Healthcare',
  'Manufacturing',
  'Media',
  'Education',
  'Logistics',
];
const REGIONS = ['North America', 'EMEA', 'APAC', 'LATAM', 'ANZ'];
const WORDS = ['Rockets', 'Anvils', 'Cloud', 'Labs', 'Systems', 'Foods', 'Health', 'Media', 'Motors', 'Energy'];

/** The prepared inserts of the workspace's rows. */
function statements(db: Db) {
  const raw = db.raw;
  const cols = Object.values(HEALTH_TREND_COLUMNS);
  return {
    cols,
    insAccount: raw.prepare(
      'INSERT INTO accounts (customer_id, account_name, revenue, industry, region, account_status) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insUpload: raw.prepare(
      `INSERT INTO kpi_uploads (customer_id, account_id, version, original_filename, period_year, period_month, uploaded_at)
     VALUES (?, ?, 1, ?, ?, ?, ?)`,
    ),
    insKpi: raw.prepare(
      `INSERT INTO kpis (upload_id, account_id, category, row_index, weight, data, kpi_parameter, impact_level)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insValue: raw.prepare(
      `INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value, health_status, health_score)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insTrend: raw.prepare(
      `INSERT INTO health_trends (account_id, customer_id, month, year, overall_health_score, ${cols.join(', ')}, total_kpis, valid_kpis)
     VALUES (?, ?, ?, ?, ?, ${cols.map(() => '?').join(', ')}, ?, ?)`,
    ),
    insCat: raw.prepare(
      `INSERT INTO health_trend_categories (account_id, customer_id, month, year, category, score, weight, valid_kpis)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

interface Gen {
  st: ReturnType<typeof statements>;
  customerId: number;
  defs: KpiDef[];
  ranges: Map<string, Range>;
  weights: Record<string, number>;
  random: () => number;
}

interface AccountWalk {
  accountId: number;
  kpiIds: number[];
  walk: number[];
  /** How healthy the account is, -1..1. */
  bias: number;
  /** Its trend per month. */
  drift: number;
}

/** One account month (m: month index): its values with their scores, then its health; the values written. */
function writeMonth(g: Gen, w: AccountWalk, m: number): number {
  const { st, customerId, defs, ranges, weights, random } = g;
  const { accountId, kpiIds, walk, bias, drift } = w;
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  const inputs: KpiInput[] = [];
  defs.forEach((k, i) => {
    walk[i] += (random() - 0.5) * 0.25 + drift;
    const dir = k.range && !k.range.higherIsBetter ? -1 : 1;
    let v = k.base + dir * (bias * 1.4 + walk[i] * 0.5) * k.spread;
    if (k.percent) v = Math.min(100, Math.max(0, v));
    if (k.range && (k.range.unit === 'count' || k.range.unit === 'days' || k.range.unit === 'hours'))
      v = Math.max(0, v);
    v = round2(v);
    const s = k.range ? scoreValue(v, k.range) : null;
    st.insValue.run(kpiIds[i], accountId, customerId, month, year, v, s?.status ?? null, s ? round2(s.score) : null);
    inputs.push({
      key: kpiKey(k.category, k.name),
      name: k.name,
      category: k.category,
      value: v,
      weight: k.weight,
      impactLevel: k.impactLevel,
    });
  });
  const score = scoreAccountMonth({ kpis: inputs, ranges, categoryWeights: weights });
  if (score.overall == null) return defs.length;
  const named = st.cols.map((c) => {
    const cat = score.categories.find((x) => HEALTH_TREND_COLUMNS[normalizeName(x.category)] === c);
    return cat?.score != null ? round2(cat.score) : null;
  });
  st.insTrend.run(
    accountId,
    customerId,
    month,
    year,
    round2(score.overall),
    ...named,
    score.totalKpis,
    score.validKpis,
  );
  for (const c of score.categories)
    if (c.score != null)
      st.insCat.run(accountId, customerId, month, year, c.category, round2(c.score), c.weight, c.validKpis);
  return defs.length;
}

/** The Bench workspace: `accounts` accounts (2% inactive, 3% without data, 10% stale), `months` months each. */
export function buildWorkspace(
  db: Db,
  size: { accounts: number; months: number },
): { customerId: number; values: number } {
  const ws = createWorkspace(db, { name: 'Bench', mode: 'account_rollup' });
  const customerId = ws.id;
  const ranges = loadRanges(db);
  const defs = kpiDefs(ranges);
  const random = rng(42);
  const g: Gen = { st: statements(db), customerId, defs, ranges, weights: { ...DEFAULT_CATEGORY_WEIGHTS }, random };
  const { st } = g;
  const now = new Date();
  const lastYm = now.getFullYear() * 12 + now.getMonth() - 1; // last month, as month index
  let values = 0;
  db.raw.transaction(() => {
    for (let a = 0; a < size.accounts; a++) {
      const r = random();
      const status = r < 0.02 ? 'inactive' : 'active';
      const name = `${WORDS[a % WORDS.length]} ${String(a + 1).padStart(4, '0')} ${['Inc', 'GmbH', 'Ltd', 'SA'][a % 4]}`;
      const accountId = Number(
        st.insAccount.run(
          customerId,
          name,
          Math.round(50_000 + random() * 4_950_000),
          INDUSTRIES[Math.floor(random() * INDUSTRIES.length)],
          REGIONS[Math.floor(random() * REGIONS.length)],
          status,
        ).lastInsertRowid,
      );
      if (random() < 0.03) continue; // a new account: no data yet
      // Most accounts are current; some stopped sending data a few months ago (stale).
      const end = lastYm - (random() < 0.1 ? 3 + Math.floor(random() * 6) : 0);
      const start = end - size.months + 1;
      const ey = Math.floor(end / 12);
      const em = (end % 12) + 1;
      const uploadId = Number(
        st.insUpload.run(
          customerId,
          accountId,
          `bench-rollup-${ey}-${String(em).padStart(2, '0')}.xlsx`,
          ey,
          em,
          new Date(Date.UTC(ey, em, 3)).toISOString(),
        ).lastInsertRowid,
      );
      const bias = random() * 2 - 1;
      const drift = (random() - 0.5) * 0.04;
      const kpiIds = defs.map((k, i) =>
        Number(
          st.insKpi.run(uploadId, accountId, k.category, i + 2, k.weight, null, k.name, k.impactLevel).lastInsertRowid,
        ),
      );
      const w: AccountWalk = { accountId, kpiIds, walk: defs.map(() => 0), bias, drift };
      for (let m = start; m <= end; m++) values += writeMonth(g, w, m);
    }
  })();
  db.raw.pragma('wal_checkpoint(TRUNCATE)');
  db.raw.exec('ANALYZE');
  return { customerId, values };
}
