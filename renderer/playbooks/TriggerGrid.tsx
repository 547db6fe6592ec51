import { useState } from 'react';
import type { AccountEvaluation, EvaluationView, PlaybookEvaluation } from '../../shared/channels/playbooks';
import { PLAYBOOKS } from '../../shared/playbooks/catalogue';
import {
  CELL_WORDS,
  reasonWithMonth,
  sortBySeverity,
  type TriggerCellState,
} from '../../shared/playbooks/trigger-grid';
import { call } from '../api';
import { fmtDateTime, fmtHealth, fmtMonth, plural } from '../components/format';
import { Money } from '../components/Money';
import { StatusChip } from '../components/StatusChip';
import { useQuery } from '../data/useQuery';
import { reportError, useApp } from '../store';
import { StartPlaybookDialog } from './StartDialog';
import './triggers.css';

/**
 * The trigger evaluation as a grid (issue 14, point 2): accounts as rows, worst first; the five
 * playbooks as columns; each cell fires, quiet, running or cooling down. A cell's conditions show
 * on hover (its title) and, selected, in the detail beside the grid; firing cells can be ticked
 * and started together.
 */

type CellKey = `${number}|${string}`;
const cellKey = (accountId: number, playbookId: string): CellKey => `${accountId}|${playbookId}`;
const STATE_ICON: Record<TriggerCellState, string> = { fires: '●', quiet: '·', running: '▶', cooling: '◔' };

/** May this cell be started by hand: it fires, nothing holds it back, and auto-start has not started it. */
const startable = (p: PlaybookEvaluation) =>
  p.state === 'fires' && (p.outcome === 'auto-off' || p.outcome === 'would-start');

const startReason = (a: AccountEvaluation, p: PlaybookEvaluation) =>
  reasonWithMonth(p.reason, a.month ? fmtMonth(a.month) : null);

/** The preview the screen opens with, or the applied result of "Evaluate now" until data changes. */
function useEvaluation() {
  const version = useApp((s) => s.dataVersion);
  const preview = useQuery('playbooks.evaluation', {});
  const [applied, setApplied] = useState<{ view: EvaluationView; version: number } | null>(null);
  const view = applied && applied.version === version ? applied.view : preview.data;
  const [busy, setBusy] = useState(false);
  const evaluate = async () => {
    setBusy(true);
    try {
      const v = await call('playbooks.evaluate', {});
      const firing = v.accounts.filter((a) => a.playbooks.some((p) => p.fires)).length;
      useApp
        .getState()
        .toast(
          'success',
          `Evaluated ${plural(v.accounts.length, 'account')}: ${firing} with a playbook firing, ${v.started.length} started.`,
        );
      useApp.getState().dataChanged();
      setApplied({ view: v, version: useApp.getState().dataVersion });
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return { view, busy, evaluate };
}

/** Ticked cells and "Start selected": every ticked pair started in one go (or none, with the reason). */
function useSelection(accounts: AccountEvaluation[]) {
  const [ticked, setTicked] = useState<ReadonlySet<CellKey>>(new Set());
  const [busy, setBusy] = useState(false);
  const pairs = accounts.flatMap((a) =>
    a.playbooks.filter((p) => startable(p) && ticked.has(cellKey(a.accountId, p.playbookId))).map((p) => ({ a, p })),
  );
  const toggle = (k: CellKey, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });
  const startSelected = async () => {
    setBusy(true);
    try {
      const starts = pairs.map(({ a, p }) => ({
        accountId: a.accountId,
        playbookId: p.playbookId,
        reason: startReason(a, p),
      }));
      const r = await call('playbooks.startMany', { starts });
      setTicked(new Set());
      useApp.getState().dataChanged();
      useApp.getState().toast('success', `Started ${plural(r.started.length, 'playbook')}.`);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return { ticked, toggle, count: pairs.length, busy, startSelected };
}

export function EvaluationPanel() {
  const { view, busy, evaluate } = useEvaluation();
  const [onlyActive, setOnlyActive] = useState(true);
  const all = sortBySeverity(view?.accounts ?? []);
  const accounts = all.filter((a) => !onlyActive || a.playbooks.some((p) => p.state !== 'quiet'));
  const selection = useSelection(accounts);
  const [focus, setFocus] = useState<CellKey | null>(null);
  const [start, setStart] = useState<{ accountId: number; playbookId: string; reason: string } | null>(null);
  const focused = findCell(accounts, focus);
  return (
    <section className="pb-evaluation" aria-labelledby="pb-eval-title">
      <header className="pb-card-head">
        <h2 id="pb-eval-title">Trigger evaluation</h2>
        <div className="toolbar">
          <label className="radio">
            <input type="checkbox" checked={onlyActive} onChange={(e) => setOnlyActive(e.target.checked)} />
            Only accounts where a playbook fires or runs
          </label>
          <button type="button" onClick={selection.startSelected} disabled={selection.count === 0 || selection.busy}>
            Start selected{selection.count ? ` (${selection.count})` : ''}
          </button>
          <button type="button" className="primary" onClick={evaluate} disabled={busy}>
            Evaluate now
          </button>
        </div>
      </header>
      {view && (
        <p className="muted pb-small">
          {view.applied ? `Evaluated ${fmtDateTime(view.evaluatedAt)}.` : 'As things stand now (preview).'} Each
          account's latest scored month is read; the worst accounts come first. Select a cell for its conditions; tick
          firing cells to start them together.
        </p>
      )}
      {view && accounts.length === 0 && (
        <p className="empty-state">
          {all.length === 0 ? 'No active accounts yet.' : 'No playbook fires or runs for any account.'}
        </p>
      )}
      {accounts.length > 0 && (
        <GridTable
          accounts={accounts}
          focus={focus}
          onFocus={setFocus}
          ticked={selection.ticked}
          onTick={selection.toggle}
        />
      )}
      {focused && <CellDetail a={focused.a} p={focused.p} onStart={setStart} />}
      <StartPlaybookDialog
        open={start != null}
        onClose={() => setStart(null)}
        accountId={start?.accountId}
        playbookId={start?.playbookId}
        reason={start?.reason}
      />
    </section>
  );
}

function findCell(accounts: AccountEvaluation[], k: CellKey | null) {
  if (!k) return null;
  for (const a of accounts) for (const p of a.playbooks) if (cellKey(a.accountId, p.playbookId) === k) return { a, p };
  return null;
}

interface GridProps {
  accounts: AccountEvaluation[];
  focus: CellKey | null;
  onFocus: (k: CellKey) => void;
  ticked: ReadonlySet<CellKey>;
  onTick: (k: CellKey, on: boolean) => void;
}

function GridTable(props: GridProps) {
  return (
    <div className="tg-scroll">
      <table className="table compact tg-grid" aria-label="Trigger evaluation by account and playbook">
        <thead>
          <tr>
            <th scope="col">Account</th>
            {PLAYBOOKS.map((def) => (
              <th scope="col" key={def.id}>
                {def.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((a) => (
            <GridRow key={a.accountId} a={a} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GridRow(props: GridProps & { a: AccountEvaluation }) {
  const { a } = props;
  return (
    <tr>
      <th scope="row" className="tg-account">
        <span className="tg-name" title={a.accountName}>
          {a.accountName}
        </span>
        <span className="tg-facts">
          <StatusChip status={a.status} label={a.status ? `${a.status} ${fmtHealth(a.health)}` : undefined} />
          {a.revenueAtRisk ? (
            <span className="muted pb-small">
              <Money value={a.revenueAtRisk} short /> at risk
            </span>
          ) : null}
        </span>
      </th>
      {a.playbooks.map((p) => (
        <GridCell key={p.playbookId} {...props} p={p} />
      ))}
    </tr>
  );
}

function GridCell(props: GridProps & { a: AccountEvaluation; p: PlaybookEvaluation }) {
  const { a, p } = props;
  const k = cellKey(a.accountId, p.playbookId);
  const label = `${p.playbookName} for ${a.accountName}`;
  return (
    <td className={`tg-cell tg-${p.state}${props.focus === k ? ' tg-focused' : ''}`}>
      <button
        type="button"
        className="tg-state"
        title={`${p.summary}\n${p.details.join('\n')}`}
        aria-pressed={props.focus === k}
        aria-label={`${label}: ${CELL_WORDS[p.state]}`}
        onClick={() => props.onFocus(k)}
      >
        <span aria-hidden="true">{STATE_ICON[p.state]}</span> {CELL_WORDS[p.state]}
      </button>
      {startable(p) && (
        <input
          type="checkbox"
          className="tg-tick"
          aria-label={`Select ${label}`}
          checked={props.ticked.has(k)}
          onChange={(e) => props.onTick(k, e.target.checked)}
        />
      )}
    </td>
  );
}

/** The selected cell: its conditions counted and each in words, what happened, and what can be done. */
function CellDetail(props: {
  a: AccountEvaluation;
  p: PlaybookEvaluation;
  onStart: (s: { accountId: number; playbookId: string; reason: string }) => void;
}) {
  const { a, p } = props;
  const navigate = useApp((s) => s.navigate);
  return (
    <section className="card tg-detail" aria-label={`${p.playbookName} for ${a.accountName}`}>
      <h3>
        {p.playbookName} for {a.accountName}{' '}
        <span className="muted pb-small">
          {a.month
            ? `${fmtMonth(a.month)} · health ${fmtHealth(a.health)}${a.previousMonth ? ` (${fmtMonth(a.previousMonth)}: ${fmtHealth(a.previousHealth)})` : ''}`
            : 'no scored month yet'}
        </span>
      </h3>
      <p className="tg-summary">
        <strong>{CELL_WORDS[p.state]}</strong>: {p.summary}.
      </p>
      <ul className="pb-conditions">
        {p.conditions.map((c, i) => (
          <li key={c.key} className={c.holds ? 'holds' : undefined}>
            <span aria-hidden="true">{c.holds ? '✓' : '·'}</span>
            <span className="sr-only">{c.holds ? 'holds:' : 'does not hold:'}</span> {p.details[i]}
          </li>
        ))}
      </ul>
      <p className={`pb-small pb-outcome-${p.outcome}`}>{p.outcomeText}</p>
      <div className="toolbar">
        {p.executionId && (
          <button type="button" onClick={() => navigate({ view: 'playbooks', executionId: p.executionId! })}>
            Open the execution
          </button>
        )}
        {startable(p) && (
          <button
            type="button"
            onClick={() =>
              props.onStart({ accountId: a.accountId, playbookId: p.playbookId, reason: startReason(a, p) })
            }
          >
            Start {p.playbookName}…
          </button>
        )}
      </div>
    </section>
  );
}
