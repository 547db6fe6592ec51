import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/open';
import { LATEST_VALUES_SQL, ONLY_NAMED } from '../../../main/playbooks/snapshot';
import { KPIS_SQL, VALUES_SQL } from '../../../main/scoring/service';
import { tempDb } from '../../helpers/db';

/**
 * The two indexes on kpis by account (migrations 0004 and 0014) each serve their reader: the
 * trigger evaluation seeks the KPIs of a few names and reads them from idx_kpis_account_name
 * alone; the scorer reads an account's values in KPI order through idx_kpis_account (through the
 * name index, in name order, the 2,000-account re-score took about 15% longer).
 */
describe('query plans on kpis', () => {
  let t: { db: Db; cleanup: () => Promise<void> };
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const plan = (sql: string, ...params: unknown[]) =>
    (t.db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);

  it("reads the trigger KPIs' latest values from the name index alone", () => {
    const detail = plan(LATEST_VALUES_SQL + ONLY_NAMED, '[[1, 2025, 9]]', 1, '["NPS"]');
    expect(detail).toContain('SEARCH k USING COVERING INDEX idx_kpis_account_name (account_id=? AND kpi_parameter=?)');
  });

  it("reads an account's KPI rows and values through the index on the account", () => {
    expect(plan(KPIS_SQL, 1)).toContain('SEARCH kpis USING INDEX idx_kpis_account (account_id=?)');
    expect(plan(VALUES_SQL, 1, 1)).toContain('SEARCH k USING COVERING INDEX idx_kpis_account (account_id=?)');
  });
});
