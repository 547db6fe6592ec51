import { describe, expect, it } from 'vitest';
import { UNRANGED_LISTED, unrangedIssues } from '../../../main/import/unranged';
import { normalizeName } from '../../../shared/names';

const ranges = new Map(
  ['NPS Score', 'CSAT Score', 'Customer Effort Score', 'Feature Adoption Rate', 'QBR Attendance Rate'].map((n) => [
    normalizeName(n),
    { kpiName: n },
  ]),
);
const sheet = (name: string, kpis: string[]) => ({
  name,
  rows: kpis.map((kpi_parameter) => ({ fields: { kpi_parameter } })),
});

describe('KPIs that no reference range matches', () => {
  it('are named once per sheet, with the range a name most likely meant', () => {
    const issues = unrangedIssues(
      [
        // A roll-up: the same KPIs for each account.
        sheet('Relationship Strength', ['NPS', ' qbr attendance rate ', 'NPS', 'Champion Strength', 'NPS']),
        sheet('Adoption', ['Feature Adoption Rate']),
      ],
      ranges,
    );
    expect(issues).toEqual([
      {
        severity: 'warning',
        sheet: 'Relationship Strength',
        message:
          '2 KPIs have no reference range, so they are stored but not scored: "NPS" (a range is named "NPS Score"), "Champion Strength". Add a range in Settings, or name the KPI as its range is named.',
      },
    ]);
  });

  it('suggests no range when several hold the name\'s words, and says "it is" of one KPI', () => {
    // "Score" is in three range names: none is proposed.
    const [issue] = unrangedIssues([sheet('Support', ['Score'])], ranges);
    expect(issue.message).toBe(
      '1 KPI has no reference range, so it is stored but not scored: "Score". Add a range in Settings, or name the KPI as its range is named.',
    );
  });

  it('lists the first names of a long list and counts the rest', () => {
    const names = Array.from({ length: UNRANGED_LISTED + 3 }, (_, i) => `Custom KPI ${i + 1}`);
    const [issue] = unrangedIssues([sheet('Custom', names)], ranges);
    expect(issue.message).toContain(`${UNRANGED_LISTED + 3} KPIs have no reference range`);
    expect(issue.message).toContain(`"Custom KPI ${UNRANGED_LISTED}" and 3 more.`);
    expect(issue.message).not.toContain(`"Custom KPI ${UNRANGED_LISTED + 1}"`);
  });

  it('says nothing when every KPI has a range', () => {
    expect(unrangedIssues([sheet('Support', ['CSAT SCORE', 'customer effort score'])], ranges)).toEqual([]);
  });
});
