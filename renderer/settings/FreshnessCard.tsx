import { useEffect, useState } from 'react';
import { staleAfterMonths } from '../../shared/channels/settings';
import type { Settings } from '../../shared/contract';
import { DEFAULT_STALE_AFTER_MONTHS } from '../../shared/defaults';
import { plural } from '../../shared/format';
import { call } from '../api';
import { applyChange } from '../store';

/** The problem with what was typed as the stale limit, or null when it is a valid number of months. */
export function staleLimitProblem(typed: string): string | null {
  if (!typed.trim()) return 'Enter a number of months.';
  if (!/^\s*\d+\s*$/.test(typed)) return 'Enter a whole number of months, such as 2.';
  const checked = staleAfterMonths.safeParse(Number(typed));
  return checked.success ? null : checked.error.issues[0].message;
}

/**
 * The stale limit: how many months without new data before an account's row shows "Stale", the
 * portfolio trend stops carrying its score forward, and Today lists it.
 */
export function FreshnessCard({ settings }: { settings: Settings }) {
  const saved = String(settings.staleAfterMonths);
  const [typed, setTyped] = useState(saved);
  useEffect(() => setTyped(saved), [saved]);
  const problem = staleLimitProblem(typed);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (problem) return;
    const months = Number(typed);
    await applyChange(
      call('settings.update', { staleAfterMonths: months }),
      `Accounts now count as stale after ${plural(months, 'month')} without new data.`,
    );
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="freshness-title" noValidate>
      <h2 id="freshness-title">Stale data</h2>
      <p className="muted">
        An account is marked stale when its newest data is older than this. Stale scores are not carried into the
        portfolio trend, and Today lists the account.
      </p>
      <label className="field">
        <span className="field-label">Stale after (months)</span>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'freshness-error' : 'freshness-hint'}
        />
        {problem ? (
          <span className="field-error" id="freshness-error">
            {problem}
          </span>
        ) : (
          <span className="field-hint" id="freshness-hint">
            Default {plural(DEFAULT_STALE_AFTER_MONTHS, 'month')}.
          </span>
        )}
      </label>
      <div className="actions">
        <button type="submit" disabled={!!problem || typed.trim() === saved}>
          Save
        </button>
      </div>
    </form>
  );
}
