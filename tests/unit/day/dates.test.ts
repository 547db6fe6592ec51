import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, dueState, localDate, monthsBetween, stepDueDate } from '../../../shared/today/dates';

describe('Today: due-date arithmetic (issue 13, point 4)', () => {
  it('adds calendar days across month ends and leap years', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2025-01-31', 30)).toBe('2025-03-02');
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-02-25', '2025-03-04')).toBe(7);
    expect(daysBetween('2024-02-25', '2024-03-04')).toBe(8);
    expect(daysBetween('2025-12-31', '2025-12-01')).toBe(-30);
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
  });

  it("dates a step on the start's calendar day in the user's time zone", () => {
    // 23:30 UTC on 31 March is already 1 April in Berlin, still 31 March in New York
    const start = '2025-03-31T23:30:00.000Z';
    expect(localDate(start, 'UTC')).toBe('2025-03-31');
    expect(localDate(start, 'Europe/Berlin')).toBe('2025-04-01');
    expect(localDate(start, 'America/New_York')).toBe('2025-03-31');
    expect(stepDueDate(start, 7, 'Europe/Berlin')).toBe('2025-04-08');
    expect(stepDueDate(start, 7, 'America/New_York')).toBe('2025-04-07');
    // just after midnight in Tokyo is the previous day in UTC
    expect(stepDueDate('2025-01-31T15:30:00.000Z', 30, 'Asia/Tokyo')).toBe('2025-03-03');
    expect(stepDueDate('2025-01-31T15:30:00.000Z', 30, 'UTC')).toBe('2025-03-02');
  });

  it('keeps the calendar day across a daylight-saving change', () => {
    // Europe moves its clocks on 30 March 2025 and 26 October 2025: still 7 calendar days
    expect(stepDueDate('2025-03-27T08:00:00.000Z', 7, 'Europe/Berlin')).toBe('2025-04-03');
    expect(stepDueDate('2025-10-23T22:30:00.000Z', 7, 'Europe/Berlin')).toBe('2025-10-31');
    // the US changes on 2 March 2025; a start late in the evening stays on its local day
    expect(stepDueDate('2025-03-01T04:30:00.000Z', 3, 'America/Los_Angeles')).toBe('2025-03-03');
  });

  it('says overdue before the due day, this week for the 7 days from today, later after', () => {
    expect(dueState('2025-10-15', '2025-10-16')).toBe('overdue');
    expect(dueState('2025-10-16', '2025-10-16')).toBe('this-week');
    expect(dueState('2025-10-22', '2025-10-16')).toBe('this-week');
    expect(dueState('2025-10-23', '2025-10-16')).toBe('later');
    expect(dueState('2025-03-01', '2025-02-28')).toBe('this-week');
    expect(dueState('2025-02-28', '2025-03-01')).toBe('overdue');
  });

  it('refuses an instant that is not a time', () => {
    expect(() => localDate('not a date')).toThrow(RangeError);
  });
});
