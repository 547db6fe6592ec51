import { describe, expect, it } from 'vitest';
import { IDLE, importMachine, keptPeriod, type Stage } from '../../../renderer/import/importMachine';
import type { ImportPreview, ImportReport } from '../../../shared/channels/import';

const preview = { periods: { '2025-08': 3, '2025-09': 0 }, defaultPeriod: '2025-09' } as unknown as ImportPreview;
const report = { fileName: 'a.xlsx', uploads: [] } as unknown as ImportReport;
const working: Stage = { kind: 'working', label: 'a.xlsx', jobId: 'j1', phase: 'reading', commit: false };
const shown: Stage = { kind: 'preview', preview, updating: false, problem: null };

describe('importMachine', () => {
  it('starts a job on the progress card at the reading phase', () => {
    expect(importMachine(IDLE, { type: 'start', label: 'a.xlsx', jobId: 'j1', commit: false })).toEqual(working);
  });
  it('moves the phase only while working', () => {
    expect(importMachine(working, { type: 'progress', phase: 'saving' })).toMatchObject({ phase: 'saving' });
    expect(importMachine(shown, { type: 'progress', phase: 'saving' })).toBe(shown);
  });
  it('keeps the preview on screen while a mapping change is previewed', () => {
    const updating = importMachine({ ...shown, problem: 'old' }, { type: 'updating' });
    expect(updating).toEqual({ ...shown, updating: true, problem: null });
    expect(importMachine(IDLE, { type: 'updating' })).toBe(IDLE);
  });
  it('shows a failure after a mapping change on the preview, else refuses', () => {
    const failed = { type: 'previewFailed', inPlace: true, message: 'm', problem: 'p' } as const;
    expect(importMachine({ ...shown, updating: true }, failed)).toEqual({ ...shown, problem: 'p' });
    expect(importMachine(working, failed)).toEqual({ kind: 'refused', message: 'm' });
    expect(importMachine(shown, { ...failed, inPlace: false })).toEqual({ kind: 'refused', message: 'm' });
  });
  it('reports after a commit, and goes back to the preview when storing fails', () => {
    expect(importMachine(working, { type: 'reported', report })).toEqual({ kind: 'report', report });
    expect(importMachine(working, { type: 'commitFailed', preview })).toEqual(shown);
  });
  it('a cancel goes back to idle', () => {
    expect(importMachine(working, { type: 'cancelled' })).toEqual(IDLE);
  });
});

describe('keptPeriod', () => {
  it('keeps any month chosen (the picker offers every month), else the default', () => {
    expect(keptPeriod('2025-08', preview)).toBe('2025-08');
    expect(keptPeriod('2024-01', preview)).toBe('2024-01');
    expect(keptPeriod('', preview)).toBe('2025-09');
  });
  it("replaces a default given while no sheet could be read (the file's month was not known yet)", () => {
    const unread = { defaultPeriod: '2026-12', sheets: [] } as unknown as ImportPreview;
    const read = { defaultPeriod: '2026-12', sheets: [{}] } as unknown as ImportPreview;
    expect(keptPeriod('2026-12', preview, unread)).toBe('2025-09');
    expect(keptPeriod('2026-11', preview, unread)).toBe('2026-11');
    expect(keptPeriod('2026-12', preview, read)).toBe('2026-12');
  });
});
