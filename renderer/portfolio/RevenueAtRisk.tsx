import { Money, NO_REVENUE } from '../components/Money';
import { useApp } from '../store';

/**
 * The Revenue at risk figure: the amount and its share of the revenue recorded; where no
 * account has revenue recorded, says so (never "$0") and leads to the Accounts screen, where
 * each account's annual revenue is entered (issue 14, point 4).
 */
export function RevenueAtRiskFigure(props: { atRisk: number; total: number }) {
  const navigate = useApp((s) => s.navigate);
  if (!props.total) {
    return (
      <>
        <p className="big-number muted" data-testid="revenue-at-risk">
          {NO_REVENUE}
        </p>
        <p className="muted small">
          Enter each account's annual revenue in{' '}
          <button type="button" className="link-button" onClick={() => navigate({ view: 'accounts' })}>
            Accounts
          </button>{' '}
          to see what is at risk.
        </p>
      </>
    );
  }
  return (
    <>
      <p className="big-number" data-testid="revenue-at-risk">
        <Money value={props.atRisk} short />
      </p>
      <p className="muted small">
        {Math.round((props.atRisk / props.total) * 100)}% of <Money value={props.total} short />
      </p>
    </>
  );
}
