import { describe, expect, it } from 'vitest';
import { importedSummary, previewSummary } from '../../../renderer/import/importText';
import { blockedText } from '../../../renderer/import/previewText';
import { mostChangedFirst } from '../../../shared/import/report-order';
import type { Status } from '../../../shared/scoring';

const uploads = (n: number) => Array.from({ length: n }, () => ({}) as never);

describe("the import report's first line", () => {
  it('counts an account the import created once, as created', () => {
    expect(importedSummary({ uploads: uploads(1), accountsCreated: ['Initech'] })).toBe('1 account created (Initech)');
    expect(importedSummary({ uploads: uploads(2), accountsCreated: ['Initech', 'Globex'] })).toBe(
      '2 accounts created (Initech, Globex)',
    );
  });
  it('names the created ones after the accounts updated', () => {
    expect(importedSummary({ uploads: uploads(5), accountsCreated: ['Acme', 'Globex'] })).toBe(
      '3 accounts updated, 2 created (Acme, Globex)',
    );
    expect(importedSummary({ uploads: uploads(1), accountsCreated: [] })).toBe('1 account updated');
  });
  it('names ten created accounts, then "…"', () => {
    const names = Array.from({ length: 12 }, (_, i) => `A${i + 1}`);
    expect(importedSummary({ uploads: uploads(1012), accountsCreated: names })).toBe(
      `1,000 accounts updated, 12 created (${names.slice(0, 10).join(', ')}, …)`,
    );
  });
});

describe("the import report's accounts, most changed first", () => {
  const change = (name: string, before: Status | null, after: Status | null, playbooks = 0, restated = 0) => ({
    name,
    health: { statusBefore: before, statusAfter: after },
    playbooks: Array.from({ length: playbooks }),
    restated: Array.from({ length: restated }),
  });
  it('puts a worse status first (the furthest fall first), then a better one, then playbooks, then restated months', () => {
    const order = mostChangedFirst([
      change('same', 'Risk', 'Risk'),
      change('restated', 'Risk', 'Risk', 0, 2),
      change('better', 'Critical', 'Risk'),
      change('one playbook', 'Healthy', 'Healthy', 1),
      change('slipped', 'Healthy', 'Risk'),
      change('new', null, 'Critical', 3),
      change('fell', 'Healthy', 'Critical'),
      change('same too', 'Risk', 'Risk'),
    ]).map((c) => c.name);
    expect(order).toEqual(['fell', 'slipped', 'better', 'new', 'one playbook', 'restated', 'same', 'same too']);
  });
});

describe("the import preview's first line", () => {
  it('says one month as a month, several as a span, and counts in the singular where it is one', () => {
    expect(previewSummary(1, 6, ['2025-08'])).toBe('1 KPI sheet, 6 KPI rows, month Aug 2025.');
    expect(previewSummary(2, 1, ['2025-01', '2025-08'])).toBe('2 KPI sheets, 1 KPI row, months Jan 2025 to Aug 2025.');
    expect(previewSummary(1, 1675, [])).toBe('1 KPI sheet, 1,675 KPI rows.');
  });
});

describe('why the preview is blocked, as the window says it', () => {
  const sheet = (name: string) => ({ name }) as never;
  it("points at the sheets to correct when no sheet is a KPI sheet yet, else says the preview's reason", () => {
    expect(
      blockedText({ blocked: 'No sheet … head it "KPI".', sheets: [], nearSheets: [sheet('Relationship Strength')] }),
    ).toBe(
      'No sheet in this file is a KPI sheet as it is: choose below what the columns of Relationship Strength hold, or correct the workbook.',
    );
    expect(blockedText({ blocked: 'Switch modes.', sheets: [sheet('A')], nearSheets: [sheet('B')] })).toBe(
      'Switch modes.',
    );
    expect(blockedText({ blocked: null, sheets: [sheet('A')], nearSheets: [] })).toBeNull();
  });
});
