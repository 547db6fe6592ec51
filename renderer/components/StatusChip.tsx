import type { Status } from '../../shared/scoring';
import './StatusChip.css';

/** The shape that goes with each status, so that status reads without colour too. */
export const STATUS_ICON: Record<Status, string> = { Healthy: '●', Risk: '▲', Critical: '■' };

/** A status as colour, shape and word: ● Healthy, ▲ Risk, ■ Critical, or "No score". */
export function StatusChip(props: { status: Status | null; label?: string }) {
  const s = props.status;
  return (
    <span className={`chip chip-${s ? s.toLowerCase() : 'none'}`}>
      <span aria-hidden="true">{s ? STATUS_ICON[s] : '○'}</span>
      {props.label ?? s ?? 'No score'}
    </span>
  );
}
