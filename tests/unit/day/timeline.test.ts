import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, listNotes, updateNote } from '../../../main/notes/service';
import { recordStepResult, startExecution } from '../../../main/playbooks/executions';
import { accountTimeline, monthEnd } from '../../../main/timeline/service';
import type { TimelineEntry } from '../../../shared/channels/timeline';
import { kpi, peek, useCsmWorkspace } from './setup';

const base = (s: { db: string }) => ['--db', s.db, '--customer', 'Samples', '--account', 'TechCorp Solutions'];

describe('notes and the timeline (issue 13, point 3)', () => {
  const s = useCsmWorkspace();

  it('note add stores the text, author and time; only the author edits or deletes it', async () => {
    const r = await kpi(
      'note',
      'add',
      ...base(s),
      '--text',
      'Call went well, renewal likely',
      '--user',
      'ana@acme.com',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^note 1 on TechCorp Solutions by Ana CSM at \d{4}-\d{2}-\d{2}T/);
    await peek(s.db, (d) => {
      const [note] = listNotes(d, 1, s.accountId, s.bo);
      expect(note).toMatchObject({ text: 'Call went well, renewal likely', author: 'Ana CSM', mine: false });
      expect(() => updateNote(d, 1, s.bo, { noteId: note.id, text: 'mine now' })).toThrow(
        'Only Ana CSM can edit this note.',
      );
      expect(() => deleteNote(d, 1, s.bo, note.id)).toThrow('Only Ana CSM can delete this note.');
      expect(updateNote(d, 1, s.ana, { noteId: note.id, text: 'Renewal likely' })).toMatchObject({
        text: 'Renewal likely',
        mine: true,
      });
      expect(() => addNote(d, 2, s.ana, { accountId: s.accountId, text: 'x' })).toThrow('That account does not exist');
      deleteNote(d, 1, s.ana, note.id);
      expect(listNotes(d, 1, s.accountId, s.ana)).toEqual([]);
    });
    const empty = await kpi('note', 'add', ...base(s), '--text', '   ', '--user', 'ana@acme.com');
    expect(empty).toEqual({ code: 1, out: '', err: 'kpi note add: text: A note needs some text.' });
  });

  it('merges notes, uploads, edits, status changes, playbooks and owner/renewal changes, newest first', async () => {
    await kpi(
      'kpi',
      'set',
      ...base(s),
      '--kpi',
      'NPS Score',
      '--month',
      '2025-09',
      '--value',
      '-80',
      '--user',
      'ana@acme.com',
    );
    await kpi(
      'account',
      'set',
      ...base(s),
      '--owner',
      'bo@acme.com',
      '--renewal',
      '2026-03-31',
      '--segment',
      'Enterprise',
    );
    await peek(s.db, (d) => {
      const id = startExecution(d, 1, {
        userId: s.ana,
        accountId: s.accountId,
        playbookId: 'voc-sprint',
        triggeredBy: 'manual',
      });
      recordStepResult(d, 1, id, 'voc-week1-survey', { responses: 45, nps: 42 });
      // the sample stays at Risk all year: a Healthy July makes two status changes (Risk → Healthy → Risk)
      d.raw.prepare('UPDATE health_trends SET overall_health_score = 81 WHERE year = 2025 AND month = 7').run();
    });
    await kpi('note', 'add', ...base(s), '--text', 'Survey out', '--user', 'bo@acme.com');

    const r = await kpi('timeline', ...base(s), '--json');
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.out) as TimelineEntry[];
    const times = entries.map((e) => e.time);
    expect(times).toEqual([...times].sort().reverse());
    const kinds = new Set(entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['change', 'edit', 'note', 'playbook', 'status', 'upload']);
    expect(entries.find((e) => e.kind === 'note')).toMatchObject({ author: 'Bo Lead', text: 'Survey out' });
    expect(entries.find((e) => e.kind === 'upload')).toMatchObject({
      fileName: 'techcorp-solutions-2025-09.xlsx',
      version: 1,
      period: '2025-09',
    });
    expect(entries.find((e) => e.kind === 'edit')).toMatchObject({
      author: 'Ana CSM',
      kpi: 'NPS Score',
      month: '2025-09',
      newValue: -80,
      oldValue: expect.any(Number),
    });
    const pb = entries.filter((e) => e.kind === 'playbook');
    expect(pb.map((e) => e.kind === 'playbook' && [e.event, e.playbook, e.stepId ?? null])).toEqual([
      ['step', 'VoC Sprint', 'voc-week1-survey'],
      ['started', 'VoC Sprint', null],
    ]);
    expect(pb[1].author).toBe('Ana CSM');
    const changes = entries.filter((e) => e.kind === 'change');
    // one save's changes: one time, in the order owner, renewal, segment
    expect(changes.map((c) => c.title)).toEqual([
      'Owner: none → Bo Lead',
      'Renewal date: none → 2026-03-31',
      'Segment: none → Enterprise',
    ]);
    expect(new Set(changes.map((c) => c.time)).size).toBe(1);
    // status changes: one wherever the month's status differs from the month before it
    const trends = (await peek(s.db, (d) =>
      d.raw.prepare('SELECT month, overall_health_score AS o FROM health_trends ORDER BY month').all(),
    )) as Array<{ month: number; o: number }>;
    const st = (o: number) => (o >= 70 ? 'Healthy' : o >= 40 ? 'Risk' : 'Critical');
    const expected = trends
      .slice(1)
      .filter((t, i) => st(t.o) !== st(trends[i].o))
      .map((t) => `2025-${String(t.month).padStart(2, '0')}`);
    expect(
      entries
        .filter((e) => e.kind === 'status')
        .map((e) => e.kind === 'status' && e.month)
        .reverse(),
    ).toEqual(expected);

    const onlyNotes = await peek(s.db, (d) => accountTimeline(d, 1, s.accountId, ['note', 'edit']));
    expect(new Set(onlyNotes.map((e) => e.kind))).toEqual(new Set(['note', 'edit']));
    const text = await kpi('timeline', ...base(s), '--kind', 'edit');
    expect(text.out).toMatch(/edit {6}NPS Score for 2025-09 corrected from [\d.]+ to -80 {2}\(Ana CSM\)$/);
    expect((await kpi('timeline', ...base(s), '--kind', 'gossip')).code).toBe(2);
  });

  it('dates a status change on the last day of its month, in UTC', () => {
    expect(monthEnd(2025, 2)).toBe('2025-02-28T23:59:59.000Z');
    expect(monthEnd(2024, 2)).toBe('2024-02-29T23:59:59.000Z');
    expect(monthEnd(2025, 12)).toBe('2025-12-31T23:59:59.000Z');
  });
});
