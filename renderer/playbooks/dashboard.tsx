import { useState } from 'react';
import type { RunningView } from '../../shared/channels/playbooks';
import { improvementText, outcomeKpiName } from '../../shared/playbooks/report';
import { fmtDate } from '../components/format';
import { useQuery } from '../data/useQuery';
import { useApp } from '../store';
import { ExecStatus, OverdueChip, Progress } from './common';
import { StartPlaybookDialog } from './StartDialog';

/**
 * Small pieces the dashboards drop in: the running playbooks (portfolio) and an account's
 * playbook history with outcomes (account view). They reload when stored data changes.
 */

/** `playbooks.running`, fetched once per data version however many badges are on screen. */
export function useRunningPlaybooks(): RunningView | null {
  return useQuery('playbooks.running', {}, { share: true }).data ?? null;
}

const open = (executionId?: string) => useApp.getState().navigate({ view: 'playbooks', executionId });

/**
 * "▶ 2 playbooks running · 1 overdue", for the whole portfolio or one account (accountId);
 * nothing when none runs. Opens the execution (one) or the board (several).
 */
export function RunningPlaybooksBadge(props: { accountId?: number; compact?: boolean }) {
  const view = useRunningPlaybooks();
  if (!view) return null;
  const list =
    props.accountId == null
      ? view.byAccount.flatMap((a) => a.executions)
      : (view.byAccount.find((a) => a.accountId === props.accountId)?.executions ?? []);
  if (!list.length) return null;
  const overdue = list.filter((e) => e.overdue).length;
  const title = list.map((e) => `${e.playbookName} (${e.accountName}): ${e.stepsDone}/${e.totalSteps}`).join('\n');
  const text = `${list.length} playbook${list.length === 1 ? '' : 's'} running${overdue ? ` · ${overdue} overdue` : ''}`;
  return (
    <button
      type="button"
      className={`pb-badge${overdue ? ' pb-badge-overdue' : ''}`}
      title={title}
      aria-label={props.accountId == null ? text : `${text}: ${list.map((e) => e.playbookName).join(', ')}`}
      onClick={(e) => {
        e.stopPropagation();
        open(list.length === 1 ? list[0].executionId : undefined);
      }}
    >
      <span aria-hidden="true">▶</span> {props.compact ? `${list.length}${overdue ? '!' : ''}` : text}
    </button>
  );
}

/**
 * The portfolio's card: every running execution by account, with its progress and next due date.
 * With none running, one line with a way to the playbooks instead.
 */
export function RunningPlaybooksPanel() {
  const view = useRunningPlaybooks();
  if (!view) return null;
  if (view.total === 0) {
    return (
      <section className="pb-running-none muted small" aria-label="Running playbooks">
        <span aria-hidden="true">▶</span> No playbook is running.{' '}
        <button type="button" className="link-button" onClick={() => open()}>
          Open playbooks
        </button>
      </section>
    );
  }
  return (
    <section className="card pb-running" aria-labelledby="pb-running-title">
      <header className="pb-card-head">
        <h2 id="pb-running-title">Running playbooks</h2>
        <span className="muted">
          {view.total} running{view.overdue ? `, ${view.overdue} overdue` : ''}
        </span>
      </header>
      <ul className="pb-running-list">
        {view.byAccount.flatMap((a) =>
          a.executions.map((e) => (
            <li key={e.executionId}>
              <button type="button" className="link-button" onClick={() => open(e.executionId)}>
                {e.playbookName}: {a.accountName}
              </button>
              <Progress done={e.stepsDone} total={e.totalSteps} label={`${e.playbookName} progress`} />
              <span className="muted">
                {e.currentStepName ?? 'All steps done'}
                {e.nextDueAt ? `, due ${fmtDate(e.nextDueAt)}` : ''}
              </span>
              {e.overdue && <OverdueChip />}
            </li>
          )),
        )}
      </ul>
    </section>
  );
}

/** The account view's card: the account's executions with their outcomes, and a start button. */
export function AccountPlaybooks(props: { accountId: number }) {
  const items = useQuery('playbooks.history', { accountId: props.accountId }).data;
  const [starting, setStarting] = useState(false);
  return (
    <section className="card pb-history" aria-labelledby={`pb-history-${props.accountId}`}>
      <header className="pb-card-head">
        <h2 id={`pb-history-${props.accountId}`}>Playbooks</h2>
        <button type="button" onClick={() => setStarting(true)}>
          Start a playbook
        </button>
      </header>
      {items && items.length === 0 && <p className="muted">No playbook has been run for this account.</p>}
      {items && items.length > 0 && (
        <table className="table compact" aria-label="Playbook history">
          <thead>
            <tr>
              <th scope="col">Playbook</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.executionId}>
                <td>
                  <button type="button" className="link-button" onClick={() => open(h.executionId)}>
                    {h.playbookName}
                  </button>
                  {h.triggeredBy === 'auto' && <span className="muted"> (auto)</span>}
                </td>
                <td>
                  <ExecStatus status={h.status} /> {h.overdue && <OverdueChip />}
                </td>
                <td>{fmtDate(h.startedAt)}</td>
                <td>{fmtDate(h.completedAt)}</td>
                <td>
                  {h.outcome ? (
                    <>
                      {h.outcome.criteriaMet}/{h.outcome.criteriaTotal} exit criteria met
                      {h.outcome.outcomes.map((o) => (
                        <span key={o.key} className="pb-outcome">
                          {' '}
                          · {outcomeKpiName(o.key)} {improvementText(o)}: {o.status}
                        </span>
                      ))}
                    </>
                  ) : h.status === 'in-progress' ? (
                    <Progress done={h.stepsDone} total={h.totalSteps} label={`${h.playbookName} progress`} />
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StartPlaybookDialog open={starting} onClose={() => setStarting(false)} accountId={props.accountId} />
    </section>
  );
}
