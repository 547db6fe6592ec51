import { useState } from 'react';
import { PLAYBOOKS } from '../../shared/playbooks/catalogue';
import type { ExecutionStatus } from '../../shared/playbooks/execution';
import { fmtDate, fmtMonthsIn } from '../components/format';
import { useQuery } from '../data/useQuery';
import { settingsExtensions } from '../settings/SettingsScreen';
import { useApp } from '../store';
import { ExecStatus, OverdueChip, Progress, STATUS_LABEL } from './common';
import { ExecutionScreen } from './ExecutionScreen';
import { StartPlaybookDialog } from './StartDialog';
import { TriggerSettingsCard, TriggersTab } from './Triggers';
import { playbooksTab } from './tab';

// Settings says where the trigger thresholds are edited.
settingsExtensions.push(TriggerSettingsCard);

/** The Playbooks view: the board of executions and the triggers; or one execution (route.executionId). */
export function PlaybooksScreen() {
  const route = useApp((s) => s.route);
  const executionId = route.view === 'playbooks' ? route.executionId : undefined;
  if (executionId) return <ExecutionScreen key={executionId} executionId={executionId} />;
  return <PlaybooksHome />;
}

const TABS = ['executions', 'triggers'] as const;
type Tab = (typeof TABS)[number];

function PlaybooksHome() {
  const [tab, setTabState] = useState<Tab>(playbooksTab.last);
  const [starting, setStarting] = useState(false);
  const setTab = (t: Tab) => {
    playbooksTab.last = t;
    setTabState(t);
  };
  // The ARIA tabs pattern: one Tab stop; Left/Right move to the previous/next tab (wrapping),
  // Home/End to the first/last, and the tab focused is the one shown.
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length];
    setTab(next);
    document.getElementById(`pb-tab-${next}`)?.focus();
  };
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Playbooks</h1>
        <button type="button" className="primary" onClick={() => setStarting(true)}>
          Start a playbook
        </button>
      </header>
      <div className="pb-tabs" role="tablist" aria-label="Playbooks" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`pb-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`pb-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="pb-tab"
            onClick={() => setTab(t)}
          >
            {t === 'executions' ? 'Executions' : 'Triggers'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`pb-panel-${tab}`} aria-labelledby={`pb-tab-${tab}`} className="pb-panel">
        {tab === 'executions' ? <Board /> : <TriggersTab />}
      </div>
      <StartPlaybookDialog open={starting} onClose={() => setStarting(false)} />
    </section>
  );
}

function Board() {
  const navigate = useApp((s) => s.navigate);
  const [status, setStatus] = useState<ExecutionStatus | ''>('');
  const [playbookId, setPlaybookId] = useState('');
  const [accountId, setAccountId] = useState<number | ''>('');
  const accounts = useQuery('accounts.list', { status: 'all' }).data ?? [];
  const rows = useQuery('playbooks.list', {
    status: status || undefined,
    playbookId: playbookId || undefined,
    accountId: accountId === '' ? undefined : accountId,
  }).data;
  const filtered = status !== '' || playbookId !== '' || accountId !== '';
  return (
    <>
      <fieldset className="toolbar pb-filters" aria-label="Filter executions">
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as ExecutionStatus | '')}>
          <option value="">All statuses</option>
          {(Object.keys(STATUS_LABEL) as ExecutionStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <select aria-label="Playbook" value={playbookId} onChange={(e) => setPlaybookId(e.target.value)}>
          <option value="">All playbooks</option>
          {PLAYBOOKS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Account"
          value={accountId}
          onChange={(e) => setAccountId(e.target.value ? Number(e.target.value) : '')}
        >
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </fieldset>
      {rows && rows.length === 0 && (
        <div className="empty-state">
          {filtered
            ? 'No execution matches these filters.'
            : 'No playbook has been started yet. Start one by hand, or switch auto-start on in Triggers.'}
        </div>
      )}
      {rows && rows.length > 0 && (
        <table className="table pb-board" aria-label="Playbook executions">
          <thead>
            <tr>
              <th scope="col">Playbook</th>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Current step</th>
              <th scope="col">Due</th>
              <th scope="col">Started</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.executionId} className={r.overdue ? 'pb-row-overdue' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate({ view: 'playbooks', executionId: r.executionId })}
                  >
                    {r.playbookName}
                  </button>
                </td>
                <td>{r.accountName}</td>
                <td>
                  <ExecStatus status={r.status} /> {r.overdue && <OverdueChip />}
                </td>
                <td>
                  <Progress done={r.stepsDone} total={r.totalSteps} label={`${r.playbookName} for ${r.accountName}`} />
                </td>
                <td>{r.currentStepName ?? <span className="muted">–</span>}</td>
                <td>{r.nextDueAt ? fmtDate(r.nextDueAt) : <span className="muted">–</span>}</td>
                <td>{fmtDate(r.startedAt)}</td>
                <td title={r.reason ? fmtMonthsIn(r.reason) : undefined}>
                  {r.triggeredBy === 'auto' ? 'Auto-trigger' : 'By hand'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
