import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { Backend } from '../../../main/app';
import type { Db } from '../../../main/db/open';
import { recomputeScores } from '../../../main/scoring/service';
import { ok, tempBackend } from '../../helpers/db';

/**
 * Workspace data for the dashboard tests without the importer: the sample workbooks' KPIs and
 * values (tests/fixtures/scoring/samples.json, extracted from ../shared/samples by another tool)
 * written with plain INSERTs, then scored by the real scoring service.
 */

export type SampleKpi = {
  name: string;
  category: string;
  weight: string | null;
  impactLevel: string | null;
  /** A month's value; null: the cell is there but empty (a correction that removes a value). */
  values: Record<string, number | null>;
};
export type Expected = {
  overall_health_score: number;
  status: string;
  categories: Record<string, number>;
  total_kpis: number;
  valid_kpis: number;
};
type Samples = Record<
  string,
  { period: string; accounts: Record<string, SampleKpi[]>; expected: Record<string, Record<string, Expected>> }
>;

export const samples = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/scoring/samples.json', import.meta.url)), 'utf8'),
) as Samples;
export const techcorp = samples['techcorp-solutions-2025-09'];
export const acme = samples['acme-rollup-2025-09'];

/** Inserts one upload of an account carrying `kpis` (all their months, or only `months`); returns its id. */
export function insertUpload(
  db: Db,
  customerId: number,
  accountId: number,
  kpis: SampleKpi[],
  opts: { fileName: string; period: string; uploadedAt?: string; months?: string[] },
): number {
  const version =
    ((
      db.raw
        .prepare('SELECT MAX(version) AS v FROM kpi_uploads WHERE customer_id = ? AND account_id = ?')
        .get(customerId, accountId) as { v: number | null }
    ).v ?? 0) + 1;
  const [py, pm] = opts.period.split('-').map(Number);
  const uploadId = Number(
    db.raw
      .prepare(
        `INSERT INTO kpi_uploads (customer_id, account_id, version, original_filename, period_year, period_month, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(customerId, accountId, version, opts.fileName, py, pm, opts.uploadedAt ?? new Date().toISOString())
      .lastInsertRowid,
  );
  const insKpi = db.raw.prepare(
    `INSERT INTO kpis (upload_id, account_id, category, row_index, weight, data, kpi_parameter, impact_level)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insValue = db.raw.prepare(
    'INSERT INTO kpi_time_series (kpi_id, account_id, customer_id, month, year, value) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.raw.transaction(() => {
    kpis.forEach((k, i) => {
      const data = k.values[opts.period];
      const kpiId = Number(
        insKpi.run(
          uploadId,
          accountId,
          k.category,
          i + 2,
          k.weight,
          data == null ? null : String(data),
          k.name,
          k.impactLevel,
        ).lastInsertRowid,
      );
      for (const [ym, v] of Object.entries(k.values)) {
        if (opts.months && !opts.months.includes(ym)) continue;
        const [y, m] = ym.split('-').map(Number);
        insValue.run(kpiId, accountId, customerId, m, y, v);
      }
    });
  })();
  return uploadId;
}

export function insertAccount(
  db: Db,
  customerId: number,
  name: string,
  extra: { revenue?: number; industry?: string | null; region?: string | null; status?: string } = {},
): number {
  return Number(
    db.raw
      .prepare(
        'INSERT INTO accounts (customer_id, account_name, revenue, industry, region, account_status) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(customerId, name, extra.revenue ?? 0, extra.industry ?? null, extra.region ?? null, extra.status ?? 'active')
      .lastInsertRowid,
  );
}

const INDUSTRIES = ['Technology', 'Retail', 'Finance', 'Healthcare'];
const REGIONS = ['North America', 'EMEA', 'APAC'];

/**
 * A workspace with TechCorp (Jan–Sep 2025) and the ten ACME accounts (Jul–Sep 2025), created
 * through the real channel (so it is the session's workspace), scored by recomputeScores.
 */
export async function seedSamples(
  backend: Backend,
  name = 'Samples',
): Promise<{ customerId: number; ids: Record<string, number> }> {
  const ws = await ok<{ id: number }>(backend, 'workspaces.create', { name });
  const db = backend.ctx.db;
  const ids: Record<string, number> = {};
  ids['TechCorp Solutions'] = insertAccount(db, ws.id, 'TechCorp Solutions', {
    revenue: 1_200_000,
    industry: 'Technology',
    region: 'North America',
  });
  insertUpload(db, ws.id, ids['TechCorp Solutions'], techcorp.accounts['TechCorp Solutions'], {
    fileName: 'techcorp-solutions-2025-09.xlsx',
    period: '2025-09',
    uploadedAt: '2025-10-02T09:00:00.000Z',
  });
  Object.entries(acme.accounts).forEach(([account, kpis], i) => {
    ids[account] = insertAccount(db, ws.id, account, {
      revenue: 100_000 * (i + 1),
      industry: INDUSTRIES[i % INDUSTRIES.length],
      region: REGIONS[i % REGIONS.length],
    });
    insertUpload(db, ws.id, ids[account], kpis, {
      fileName: 'acme-rollup-2025-09.xlsx',
      period: '2025-09',
      uploadedAt: '2025-10-03T09:00:00.000Z',
    });
  });
  recomputeScores(db, ws.id);
  return { customerId: ws.id, ids };
}

/** Every account's expected results, by name. */
export const expected: Record<string, Record<string, Expected>> = { ...techcorp.expected, ...acme.expected };

/**
 * For a describe block: before each test, a backend over a fresh temp file holding the seeded
 * samples; removed after it. The returned object is filled in before each test.
 */
export function useSeededSamples(): { backend: Backend; customerId: number; ids: Record<string, number> } {
  const current = {} as { backend: Backend; customerId: number; ids: Record<string, number> };
  let cleanup: () => Promise<void> = async () => {};
  beforeEach(async () => {
    const t = await tempBackend();
    cleanup = t.cleanup;
    Object.assign(current, { backend: t.backend }, await seedSamples(t.backend));
  });
  afterEach(async () => {
    await cleanup();
  });
  return current;
}
