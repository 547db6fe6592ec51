/**
 * A small trend line in SVG (cheap enough for every visible row of a long table). Gaps (null)
 * break the line; the last point is marked.
 */
export function Sparkline(props: {
  values: Array<number | null>;
  width?: number;
  height?: number;
  /** Fixed scale (scores: 0..100); else the values' own min and max. */
  min?: number;
  max?: number;
  /** The smallest range of values the height stands for (so that noise does not look like a trend). */
  minSpan?: number;
  label: string;
  className?: string;
}) {
  const w = props.width ?? 96;
  const h = props.height ?? 24;
  const vals = props.values;
  const present = vals.filter((v): v is number => v != null);
  if (!present.length) {
    return (
      <span className="spark-empty" role="img" aria-label={`${props.label}: no data`}>
        –
      </span>
    );
  }
  let lo = props.min ?? Math.min(...present);
  let hi = props.max ?? Math.max(...present);
  const span = Math.max(props.minSpan ?? 0, 1e-9);
  if (hi - lo < span) {
    const mid = (hi + lo) / 2;
    lo = mid - span / 2;
    hi = mid + span / 2;
  }
  const pad = 2;
  const x = (i: number) => pad + (vals.length > 1 ? (i * (w - 2 * pad)) / (vals.length - 1) : (w - 2 * pad) / 2);
  const y = (v: number) => pad + (1 - (v - lo) / (hi - lo)) * (h - 2 * pad);
  const segments: string[] = [];
  let current = '';
  vals.forEach((v, i) => {
    if (v == null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? ' L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  let lastIndex = vals.length - 1;
  while (lastIndex >= 0 && vals[lastIndex] == null) lastIndex--;
  const lastValue = vals[lastIndex] as number;
  return (
    <svg
      className={`sparkline ${props.className ?? ''}`}
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={props.label}
    >
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      ))}
      <circle cx={x(lastIndex)} cy={y(lastValue)} r="2.2" fill="currentColor" />
    </svg>
  );
}
