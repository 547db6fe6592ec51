import type { RaciRoles } from '../../shared/playbooks/catalogue';
import { formatNumber } from '../../shared/playbooks/catalogue';
import type { ExecutionStatus } from '../../shared/playbooks/execution';
import './playbooks.css';

export const STATUS_LABEL: Record<ExecutionStatus, string> = {
  'in-progress': 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const STATUS_ICON: Record<ExecutionStatus, string> = {
  'in-progress': '▶',
  completed: '✓',
  failed: '✗',
  cancelled: '–',
};

/** An execution's status as colour, shape and word. */
export function ExecStatus({ status }: { status: ExecutionStatus }) {
  return (
    <span className={`chip pb-status-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span>
      {STATUS_LABEL[status]}
    </span>
  );
}

export function OverdueChip() {
  return (
    <span className="chip chip-critical">
      <span aria-hidden="true">!</span>Overdue
    </span>
  );
}

export function Progress(props: { done: number; total: number; label: string }) {
  return (
    <span className="pb-progress">
      <progress max={props.total} value={props.done} aria-label={props.label} />
      <span className="pb-progress-text">
        {props.done}/{props.total}
      </span>
    </span>
  );
}

export function Raci({ raci }: { raci: RaciRoles }) {
  const rows: Array<[string, string, readonly string[]]> = [
    ['R', 'Responsible', raci.responsible],
    ['A', 'Accountable', raci.accountable],
    ['C', 'Consulted', raci.consulted],
    ['I', 'Informed', raci.informed],
  ];
  return (
    <dl className="pb-raci">
      {rows.map(([k, title, who]) => (
        <div key={k}>
          <dt title={title}>
            {k}
            <span className="sr-only"> ({title})</span>
          </dt>
          <dd>{who.join(', ')}</dd>
        </div>
      ))}
    </dl>
  );
}

export const fmtValue = (v: number | null | undefined) => (v == null ? '–' : formatNumber(v));
