import { describe, expect, it } from 'vitest';
import { fmtCount, fmtHealth, fmtMoney, fmtPercent, ofCount, plural } from '../../../shared/format';

/** One formatter per kind (issue 14, point 5): the same number reads the same everywhere. */

describe('one formatter per kind', () => {
  it('writes health with one decimal, never 44.68 or 54.765', () => {
    expect(fmtHealth(44.68)).toBe('44.7');
    expect(fmtHealth(54.765)).toBe('54.8');
    expect(fmtHealth(100)).toBe('100.0');
    expect(fmtHealth(0)).toBe('0.0');
    expect(fmtHealth(null)).toBe('–');
    expect(fmtHealth(Number.NaN)).toBe('–');
  });

  it('writes money in whole dollars with thousands separators', () => {
    expect(fmtMoney(1_250_000)).toBe('$1,250,000');
    expect(fmtMoney(0)).toBe('$0');
    expect(fmtMoney(undefined)).toBe('–');
  });

  it('writes a share as a percent, small ones with a decimal', () => {
    expect(fmtPercent(0.42)).toBe('42%');
    expect(fmtPercent(0.045)).toBe('4.5%');
    expect(fmtPercent(0)).toBe('0%');
    expect(fmtPercent(1)).toBe('100%');
  });

  it('writes counts with thousands separators and the right plural', () => {
    expect(fmtCount(1675)).toBe('1,675');
    expect(plural(1675, 'KPI')).toBe('1,675 KPIs');
    expect(plural(1, 'account')).toBe('1 account');
    expect(plural(0, 'account')).toBe('0 accounts');
    expect(plural(2, 'KPI row')).toBe('2 KPI rows');
    expect(plural(3, 'category', 'categories')).toBe('3 categories');
    expect(ofCount(1, 1, 'account')).toBe('1 of 1 account');
    expect(ofCount(3, 11, 'account')).toBe('3 of 11 accounts');
  });
});
