import { describe, expect, it } from 'vitest';
import { editKpiValue, listKpiEdits } from '../../../main/kpis/service';
import { kpi, peek, useCsmWorkspace } from './setup';

const SET = (s: { db: string }, ...more: string[]) => [
  'kpi',
  'set',
  '--db',
  s.db,
  '--customer',
  'Samples',
  '--account',
  'TechCorp Solutions',
  ...more,
];

/** Everything a refused edit must leave as it was. */
const snapshot = (file: string) =>
  peek(file, (d) => ({
    values: d.raw.prepare('SELECT id, value, health_score FROM kpi_time_series ORDER BY id').all(),
    trends: d.raw.prepare('SELECT * FROM health_trends ORDER BY trend_id').all(),
    kpis: d.raw.prepare('SELECT kpi_id, data, last_edited_by, last_edited_at FROM kpis ORDER BY kpi_id').all(),
    edits: d.raw.prepare('SELECT COUNT(*) AS n FROM kpi_edits').get(),
  }));

describe('KPI edits (issue 13, point 2)', () => {
  const s = useCsmWorkspace();

  it('kpi set corrects the value, attributes it, keeps the history and re-scores the month', async () => {
    const before = (await peek(s.db, (d) =>
      d.raw
        .prepare(
          `SELECT ts.value, ts.health_status, k.data, k.kpi_id FROM kpi_time_series ts JOIN kpis k ON k.kpi_id = ts.kpi_id
           WHERE k.kpi_parameter = 'NPS Score' AND ts.year = 2025 AND ts.month = 9`,
        )
        .get(),
    )) as { value: number; health_status: string; data: string; kpi_id: number };
    const trendBefore = (await peek(s.db, (d) =>
      d.raw.prepare('SELECT overall_health_score AS o FROM health_trends WHERE year = 2025 AND month = 9').get(),
    )) as { o: number };
    const r = await kpi(
      ...SET(
        s,
        '--kpi',
        'nps score',
        '--month',
        '2025-09',
        '--value',
        '-80',
        '--user',
        'ANA@acme.com',
        '--reason',
        'typo in the CRM export',
      ),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`TechCorp Solutions: NPS Score 2025-09 ${before.value} -> -80 by Ana CSM`);

    const after = await peek(s.db, (d) => ({
      row: d.raw
        .prepare(
          `SELECT ts.value, ts.health_status, k.data, k.last_edited_by, k.last_edited_at FROM kpi_time_series ts JOIN kpis k ON k.kpi_id = ts.kpi_id
           WHERE k.kpi_parameter = 'NPS Score' AND ts.year = 2025 AND ts.month = 9`,
        )
        .get() as Record<string, unknown>,
      trend: d.raw
        .prepare('SELECT overall_health_score AS o FROM health_trends WHERE year = 2025 AND month = 9')
        .get() as {
        o: number;
      },
      august: d.raw
        .prepare('SELECT overall_health_score AS o FROM health_trends WHERE year = 2025 AND month = 8')
        .get(),
      edits: listKpiEdits(d, 1, s.accountId),
    }));
    expect(after.row).toMatchObject({ value: -80, health_status: 'Critical', data: '-80', last_edited_by: s.ana });
    expect(after.row.last_edited_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(after.trend.o).toBeLessThan(trendBefore.o);
    expect(r.out).toContain(`overall health ${trendBefore.o} -> ${after.trend.o}`);
    expect(after.edits).toEqual([
      expect.objectContaining({
        kpi: 'NPS Score',
        month: '2025-09',
        oldValue: before.value,
        newValue: -80,
        userId: s.ana,
        userName: 'Ana CSM',
        reason: 'typo in the CRM export',
      }),
    ]);
  });

  it('an edit of an earlier month changes that month only, and the Data stays', async () => {
    const other = (await peek(s.db, (d) =>
      d.raw.prepare('SELECT month, overall_health_score AS o FROM health_trends ORDER BY month').all(),
    )) as Array<{ month: number; o: number }>;
    const r = await kpi(
      ...SET(s, '--kpi', 'NPS Score', '--month', '2025-03', '--value', '95', '--user', 'bo@acme.com'),
    );
    expect(r.code).toBe(0);
    const now = await peek(s.db, (d) => ({
      trends: d.raw
        .prepare('SELECT month, overall_health_score AS o FROM health_trends ORDER BY month')
        .all() as Array<{
        month: number;
        o: number;
      }>,
      data: d.raw.prepare("SELECT data FROM kpis WHERE kpi_parameter = 'NPS Score'").get(),
    }));
    for (const t of now.trends) {
      const was = other.find((o) => o.month === t.month)!.o;
      if (t.month === 3) expect(t.o).not.toBe(was);
      else expect(t.o).toBe(was);
    }
    expect(now.data).not.toEqual({ data: '95' });
  });

  it('two edits of the same value are both kept, newest first, each with its old value', async () => {
    await kpi(...SET(s, '--kpi', 'NPS Score', '--month', '2025-09', '--value', '10', '--user', 'ana@acme.com'));
    await kpi(...SET(s, '--kpi', 'NPS Score', '--month', '2025-09', '--value', '1,234', '--user', 'bo@acme.com'));
    const edits = await peek(s.db, (d) => listKpiEdits(d, 1, s.accountId, { name: 'nps score' }));
    expect(edits.map((e) => [e.oldValue, e.newValue, e.userName])).toEqual([
      [10, 1234, 'Bo Lead'],
      [expect.any(Number), 10, 'Ana CSM'],
    ]);
  });

  it('refuses bad input with one sentence and changes nothing', async () => {
    const was = await snapshot(s.db);
    const cases: Array<[string[], string]> = [
      [['--kpi', 'NPS Score', '--month', '2025-09', '--value', 'lots'], '"lots" is not a number.'],
      [
        ['--kpi', 'Happiness', '--month', '2025-09', '--value', '3'],
        'TechCorp Solutions has no KPI named "Happiness".',
      ],
      [
        ['--kpi', 'NPS Score', '--month', '2024-02', '--value', '3'],
        'No upload of TechCorp Solutions has NPS Score for 2024-02.',
      ],
      [['--kpi', 'NPS Score', '--month', '2025-13', '--value', '3'], 'month: A month is written YYYY-MM, e.g. 2025-09'],
    ];
    for (const [args, sentence] of cases) {
      const r = await kpi(...SET(s, ...args, '--user', 'ana@acme.com'));
      expect(r).toEqual({ code: 1, out: '', err: `kpi kpi set: ${sentence}` });
    }
    const unknownUser = await kpi(
      ...SET(s, '--kpi', 'NPS Score', '--month', '2025-09', '--value', '3', '--user', 'x@y.z'),
    );
    expect(unknownUser.code).toBe(1);
    expect((await kpi('kpi', 'set', '--db', s.db, '--customer', 'Samples')).code).toBe(2);
    expect(await snapshot(s.db)).toEqual(was);
  });

  it('refuses an edit whose re-score fails, leaving the value as it was (one transaction)', async () => {
    const was = await snapshot(s.db);
    await peek(s.db, (d) => {
      d.raw.exec(
        `CREATE TRIGGER boom BEFORE INSERT ON health_trend_categories BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
      );
      d.raw.exec('DELETE FROM health_trend_categories WHERE year = 2025 AND month = 9');
      expect(() =>
        editKpiValue(d, 1, s.ana, { accountId: s.accountId, kpi: 'NPS Score', month: '2025-09', value: -80 }),
      ).toThrow(/disk says no/);
      d.raw.exec('DROP TRIGGER boom');
    });
    const now = await snapshot(s.db);
    expect(now.values).toEqual(was.values);
    expect(now.kpis).toEqual(was.kpis);
    expect(now.edits).toEqual(was.edits);
  });
});
