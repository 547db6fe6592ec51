import { fmtMonth, fmtSigned } from './format';
import './Change.css';

/** A change of score in points: arrow, sign and one decimal, read out as "+3.2 points since Aug 2025". */
export function Change(props: { value: number | null; since?: string | null; className?: string }) {
  const v = props.value;
  if (v == null) {
    return (
      <span className={`change change-none ${props.className ?? ''}`}>
        –<span className="sr-only">no earlier month to compare with</span>
      </span>
    );
  }
  const flat = Math.abs(v) < 0.05;
  const dir = flat ? 'flat' : v > 0 ? 'up' : 'down';
  const arrow = flat ? '→' : v > 0 ? '↑' : '↓';
  const text = flat ? `±${Math.abs(v).toFixed(1)}` : fmtSigned(v);
  return (
    <span className={`change change-${dir} ${props.className ?? ''}`}>
      <span aria-hidden="true">{arrow} </span>
      {text}
      <span className="sr-only"> points{props.since ? ` since ${fmtMonth(props.since)}` : ''}</span>
    </span>
  );
}
