import { describe, expect, it } from 'vitest';
import { fmtDate, fmtDateTime, fmtMoneyShort, fmtMonthsIn, fmtSigned } from '../../../renderer/components/format';

/** The screens' shared formatters: one way to write a date and a signed number everywhere. */

describe('dates', () => {
  it('writes the day, the month in words and the year, never the locale numeric form', () => {
    expect(fmtDate('2026-12-01')).toBe('1 Dec 2026');
    // Noon UTC is the same day in every time zone the app is used in.
    expect(fmtDate('2025-10-02T12:00:00.000Z')).toBe('2 Oct 2025');
    expect(fmtDateTime('2026-12-01')).toBe('1 Dec 2026, 00:00');
    expect(fmtDateTime('2025-10-02T12:00:00.000Z')).toMatch(/^2 Oct 2025, \d\d:\d\d$/);
    expect(fmtDate(null)).toBe('–');
    expect(fmtDate('not a date')).toBe('–');
  });
  it('writes the months in a sentence in words, and leaves days and other numbers alone', () => {
    expect(fmtMonthsIn('CSAT Score 3.3 < 3.6; Churn Risk Score 43 > 30 (data of 2025-09)')).toBe(
      'CSAT Score 3.3 < 3.6; Churn Risk Score 43 > 30 (data of Sep 2025)',
    );
    expect(fmtMonthsIn('2025-12 and 2026-01, not 2025-09-30, 2025-13 or 12025-09')).toBe(
      'Dec 2025 and Jan 2026, not 2025-09-30, 2025-13 or 12025-09',
    );
  });
});

describe('numbers', () => {
  it('signs a change with a true minus, and what rounds to zero with no sign', () => {
    expect(fmtSigned(-2.34)).toBe('−2.3');
    expect(fmtSigned(2.34)).toBe('+2.3');
    expect(fmtSigned(-0.004, 2)).toBe('0.00');
    expect(fmtSigned(0.126, 2)).toBe('+0.13');
  });

  it('writes large money in three significant digits', () => {
    expect(fmtMoneyShort(3_954_225_000)).toBe('$3.95B');
    expect(fmtMoneyShort(12_340_000)).toBe('$12.3M');
  });
});
