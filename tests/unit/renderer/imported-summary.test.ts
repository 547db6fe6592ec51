import { describe, expect, it } from 'vitest';
import { importedSummary } from '../../../renderer/import/importText';

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
