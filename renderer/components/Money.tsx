import { fmtMoney, fmtMoneyShort } from './format';
import './Money.css';

export const NO_REVENUE = 'No revenue recorded';

/**
 * An amount of money. No amount (a revenue never recorded) shows as "–" like any missing value,
 * read "No revenue recorded". With `short`, an amount from $10,000,000 up is written $3.95B where
 * its container is narrow (a CSS container query picks the form), with the full figure in the
 * title and for screen readers.
 */
export function Money(props: { value: number | null; short?: boolean }) {
  const v = props.value;
  if (v == null) {
    return (
      <span className="money-none" title={NO_REVENUE}>
        <span aria-hidden="true">–</span>
        <span className="sr-only">{NO_REVENUE}</span>
      </span>
    );
  }
  const full = fmtMoney(v);
  if (!props.short || Math.abs(v) < 10_000_000) return <>{full}</>;
  return (
    <span className="money" title={full}>
      <span className="money-full">{full}</span>
      <span className="money-short">
        <span aria-hidden="true">{fmtMoneyShort(v)}</span>
        <span className="sr-only">{full}</span>
      </span>
    </span>
  );
}
