import { useState } from 'react';
import type { TodayItem, TodayKind } from '../../shared/channels/today';
import { fmtDate, fmtScore, fmtSigned } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { useQuery } from '../data/useQuery';
import { type Route, useApp } from '../store';
import { FIRST_ITEMS, ShowAll, useFirst } from './ShowAll';
import { StepDialog } from './StepDialog';
import { TriggerGroups, type TriggerItem } from './TriggerGroups';
import './today.css';

const SECTIONS: Array<{ kind: TodayKind; title: string; empty: string }> = [
  { kind: 'step', title: 'Playbook steps', empty: 'No step is overdue or due this week.' },
  { kind: 'renewal', title: 'Renewals in the next 90 days', empty: 'No renewal in the next 90 days.' },
  { kind: 'status', title: 'Status worsened', empty: 'No account got worse in its latest month.' },
  { kind: 'trigger', title: 'Playbooks that fire', empty: 'No playbook fires that is not already running.' },
  { kind: 'stale', title: 'Stale data', empty: 'Every account has recent data.' },
];

/** Where an item opens. */
function placeOf(i: TodayItem): Route {
  if (i.kind === 'step') return { view: 'playbooks', executionId: i.executionId };
  if (i.kind === 'status') return { view: 'account', accountId: i.accountId, month: i.month };
  return { view: 'account', accountId: i.accountId };
}

/** The user's time zone, for step due dates. */
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Issue 13, point 4: what is due today. */
export function TodayScreen() {
  const [everyone, setEveryone] = useState(false);
  // The playbooks that fire come apart: at thousands of accounts their evaluation is most of
  // Today's time, and the other sections need not wait for it.
  const today = useQuery('today.get', { everyone, timeZone: timeZone(), triggers: false });
  const fires = useQuery('today.triggers', { everyone, timeZone: timeZone() });
  const data = today.data;
  return (
    <section className="screen today">
      <header className="screen-head">
        <div>
          <h1>Today</h1>
          <p className="muted subtitle">
            {data ? `${fmtDate(data.asOf)} · ${data.scope === 'mine' ? 'your accounts' : 'every account'}` : 'Loading…'}
          </p>
        </div>
        <label className="inline-field">
          <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />
          Show everyone's
        </label>
      </header>
      {data &&
        SECTIONS.map((s) =>
          s.kind === 'trigger' ? (
            <TodaySection
              key={s.kind}
              kind={s.kind}
              title={s.title}
              empty={s.empty}
              items={fires.data?.items}
              scope={fires.data?.scope}
              busy={fires.loading || fires.data?.scope !== data.scope}
            />
          ) : (
            <TodaySection
              key={s.kind}
              kind={s.kind}
              title={s.title}
              empty={s.empty}
              items={data.items.filter((i) => i.kind === s.kind)}
              scope={data.scope}
            />
          ),
        )}
    </section>
  );
}

interface SectionProps {
  kind: TodayKind;
  title: string;
  empty: string;
  /** Undefined while the first answer loads. */
  items: TodayItem[] | undefined;
  /** Whose items these are (the answer's scope). */
  scope: 'mine' | 'everyone' | undefined;
  /** A newer answer is on its way (the items shown are the previous ones). */
  busy?: boolean;
}

function TodaySection(props: SectionProps) {
  const id = `today-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section
      className="card today-section"
      aria-labelledby={id}
      aria-busy={props.busy ?? false}
      data-kind={props.kind}
      data-scope={props.scope}
    >
      <h2 id={id}>
        {props.title} <span className="muted">({props.items ? props.items.length : '…'})</span>
      </h2>
      {!props.items ? (
        <p className="muted small">Checking which playbooks fire…</p>
      ) : props.items.length === 0 ? (
        <p className="muted small">{props.empty}</p>
      ) : props.items[0].kind === 'trigger' ? (
        <TriggerGroups items={props.items as TriggerItem[]} />
      ) : (
        <TodayList items={props.items} />
      )}
    </section>
  );
}

function TodayList({ items }: { items: TodayItem[] }) {
  const first = useFirst(items, FIRST_ITEMS);
  return (
    <>
      <ul className="today-list">
        {first.shown.map((i) => (
          <TodayRow key={`${i.kind}-${i.accountId}-${i.kind === 'step' ? i.stepId : ''}`} item={i} />
        ))}
      </ul>
      <ShowAll more={first.more} total={items.length} onClick={first.showAll} />
    </>
  );
}

function TodayRow({ item }: { item: TodayItem }) {
  const navigate = useApp((s) => s.navigate);
  const [completing, setCompleting] = useState(false);
  return (
    <li className={`today-item${item.overdue ? ' overdue' : ''}`} data-kind={item.kind}>
      <span className="today-due">
        {item.overdue && <span className="chip chip-critical">Overdue</span>} {item.due ? fmtDate(item.due) : ''}
      </span>
      <span className="today-what">
        <button type="button" className="link-button" onClick={() => navigate(placeOf(item))}>
          {item.account}
        </button>
        <span> · {item.title}</span>
        {item.kind === 'step' && (
          <span className="today-responsible">
            {' · '}
            {item.responsible?.length ? `Responsible: ${item.responsible.join(', ')}` : 'Nobody responsible yet'}
          </span>
        )}
        {item.kind === 'renewal' && item.status && (
          <span className="today-health">
            {' '}
            <StatusChip status={item.status} /> {fmtScore(item.health)}
            {item.trend != null && ` (${fmtSigned(item.trend)})`}
          </span>
        )}
      </span>
      <span className="today-actions">
        {item.kind === 'step' && item.current && (
          <button type="button" onClick={() => setCompleting(true)}>
            Complete…
          </button>
        )}
      </span>
      {completing && item.kind === 'step' && (
        <StepDialog
          executionId={item.executionId}
          playbookId={item.playbookId}
          stepId={item.stepId}
          onClose={() => setCompleting(false)}
        />
      )}
    </li>
  );
}

/** The sidebar's count: overdue steps. */
export function useTodayCount(enabled: boolean): number {
  const q = useQuery('today.get', { timeZone: timeZone(), triggers: false }, { enabled, toast: false, share: true });
  return q.data?.overdueCount ?? 0;
}
