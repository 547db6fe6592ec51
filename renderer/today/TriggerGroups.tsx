import { useState } from 'react';
import type { TodayItem } from '../../shared/channels/today';
import { plural } from '../components/format';
import { useMutation } from '../data/useQuery';
import { useApp } from '../store';
import { FIRST_ACCOUNTS, ShowAll, useFirst } from './ShowAll';

/**
 * Today's "playbooks that fire and are not running" (issue 13, point 4), one group per playbook:
 * a checkbox per account and "Start for selected", which starts the ticked accounts in one call
 * (playbooks.startMany: all of them or none). Native checkboxes and buttons: keyboard as usual.
 * A long group shows its first accounts and "Show all"; "Select all" ticks every account of it.
 */

export type TriggerItem = Extract<TodayItem, { kind: 'trigger' }>;

export interface TriggerGroup {
  playbookId: string;
  playbook: string;
  items: TriggerItem[];
}

/** The items per playbook, playbooks in the order they first appear, accounts in the items' order. */
export function groupByPlaybook(items: readonly TriggerItem[]): TriggerGroup[] {
  const groups = new Map<string, TriggerGroup>();
  for (const i of items) {
    let g = groups.get(i.playbookId);
    if (!g) {
      g = { playbookId: i.playbookId, playbook: i.playbook, items: [] };
      groups.set(i.playbookId, g);
    }
    g.items.push(i);
  }
  return [...groups.values()];
}

export function TriggerGroups({ items }: { items: readonly TriggerItem[] }) {
  return (
    <div className="today-groups">
      {groupByPlaybook(items).map((g) => (
        <PlaybookGroup key={g.playbookId} group={g} />
      ))}
    </div>
  );
}

function PlaybookGroup({ group }: { group: TriggerGroup }) {
  const navigate = useApp((s) => s.navigate);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const selected = group.items.filter((i) => ticked.has(i.accountId));
  const every = selected.length === group.items.length;
  const first = useFirst(group.items, FIRST_ACCOUNTS);
  const start = useMutation('playbooks.startMany', {
    done: (r) => `Started ${plural(r.started.length, 'playbook')}: ${group.playbook} for ${names(r.started)}.`,
  });
  const toggle = (accountId: number, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(accountId);
      else next.delete(accountId);
      return next;
    });
  const startSelected = async () => {
    const starts = selected.map((i) => ({ accountId: i.accountId, playbookId: i.playbookId, reason: i.reason }));
    if (await start.run({ starts })) setTicked(new Set());
  };
  const headingId = `today-fires-${group.playbookId}`;
  return (
    <section className="today-group" aria-labelledby={headingId}>
      <div className="today-group-head">
        <h3 id={headingId}>
          {group.playbook} <span className="muted">({group.items.length})</span>
        </h3>
        <label className="radio">
          <input
            type="checkbox"
            checked={every}
            aria-label={`Select every account for ${group.playbook}`}
            onChange={(e) => setTicked(new Set(e.target.checked ? group.items.map((i) => i.accountId) : []))}
          />
          Select all
        </label>
        <button type="button" disabled={selected.length === 0 || start.pending} onClick={startSelected}>
          Start for selected{selected.length ? ` (${selected.length})` : ''}
        </button>
      </div>
      <ul className="today-list">
        {first.shown.map((i) => (
          <li key={i.accountId} className="today-item today-fires" data-kind="trigger">
            <input
              type="checkbox"
              checked={ticked.has(i.accountId)}
              onChange={(e) => toggle(i.accountId, e.target.checked)}
              aria-label={`Select ${i.account} for ${group.playbook}`}
            />
            <span className="today-what">
              <button
                type="button"
                className="link-button"
                onClick={() => navigate({ view: 'account', accountId: i.accountId })}
              >
                {i.account}
              </button>
              <span> · {i.reason}</span>
            </span>
          </li>
        ))}
      </ul>
      <ShowAll more={first.more} total={group.items.length} onClick={first.showAll} />
    </section>
  );
}

/** "Acme and Initech", "A, B and C". */
function names(started: ReadonlyArray<{ accountName: string }>): string {
  const list = started.map((s) => s.accountName);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}
