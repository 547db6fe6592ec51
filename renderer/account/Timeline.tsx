import { useState } from 'react';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../shared/channels/timeline';
import { fmtDateTime } from '../components/format';
import { useQuery } from '../data/useQuery';
import { type Route, useApp } from '../store';
import './notes.css';

const KIND_LABEL: Record<TimelineKind, string> = {
  note: 'Notes',
  upload: 'Uploads',
  edit: 'KPI edits',
  status: 'Status',
  playbook: 'Playbooks',
  change: 'Owner & renewal',
};

/** Where an entry opens: its KPI, month, playbook, the notes or the uploads of the account. */
function placeOf(e: TimelineEntry, accountId: number): Route | string {
  switch (e.kind) {
    case 'edit':
      return { view: 'kpi', accountId, kpi: e.kpi, category: e.category };
    case 'status':
      return { view: 'account', accountId, month: e.month, section: 'overview' };
    case 'playbook':
      return { view: 'playbooks', executionId: e.executionId };
    case 'note':
      return `note-${e.noteId}`;
    case 'upload':
      return { view: 'account', accountId, section: 'uploads' };
    default:
      return 'account-facts';
  }
}

/** Issue 13, point 3: the account's timeline, newest first, filtered by kind. */
export function TimelineCard(props: { accountId: number }) {
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const timeline = useQuery('timeline.account', {
    accountId: props.accountId,
    kinds: kinds.length ? kinds : undefined,
  });
  const navigate = useApp((s) => s.navigate);
  const toggle = (k: TimelineKind) => setKinds((cur) => (cur.includes(k) ? cur.filter((x) => x !== k) : [...cur, k]));
  const open = (e: TimelineEntry) => {
    const place = placeOf(e, props.accountId);
    if (typeof place !== 'string') return navigate(place);
    const el = document.getElementById(place);
    if (el instanceof HTMLDetailsElement) el.open = true;
    el?.scrollIntoView({ block: 'start' });
  };
  return (
    <section className="card timeline-card" aria-labelledby="timeline-h">
      <div className="card-head">
        <h2 id="timeline-h">Timeline</h2>
      </div>
      <fieldset className="timeline-filters">
        <legend className="sr-only">Show only</legend>
        {TIMELINE_KINDS.map((k) => (
          <label key={k} className="inline-field">
            <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(k)} />
            {KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      {timeline.data?.length === 0 && <p className="muted small">Nothing on the timeline yet.</p>}
      <ol className="timeline-list" aria-label="Timeline entries">
        {(timeline.data ?? []).slice(0, 200).map((e) => (
          <li key={`${e.kind}-${e.time}-${e.title}`} className={`timeline-item timeline-${e.kind}`}>
            <span className="muted small">{fmtDateTime(e.time)}</span>
            <span className="timeline-kind">{e.kind}</span>
            <span>
              <button type="button" className="link-button" onClick={() => open(e)}>
                {e.title}
              </button>
              {e.author && <span className="muted small"> · {e.author}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
