import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../shared/contract';
import { DEFAULT_CATEGORY_WEIGHTS } from '../../shared/defaults';
import { normalizeName } from '../../shared/names';
import { weightCoverage } from '../../shared/scoring';
import { call } from '../api';
import { Dialog, DialogError } from '../components/Dialog';
import { applyChange, errorMessage, reportError } from '../store';
import { describeImpact } from './impact';
import { checkWeightRows, rowsOf, type WeightFault, type WeightRow } from './weights';

/** The categories offered for a weight: the workspace's own (from its KPIs), then the default ones. */
function categoryOptions(categories: string[]): string[] {
  const seen = new Map<string, string>();
  for (const c of [...categories, ...Object.keys(DEFAULT_CATEGORY_WEIGHTS)])
    if (!seen.has(normalizeName(c))) seen.set(normalizeName(c), c);
  return [...seen.values()];
}

/** How many accounts would change status with these weights, before they are saved. */
const previewWeights = async (categoryWeights: Record<string, number>) =>
  describeImpact(await call('scoring.previewWeights', { categoryWeights }));

/** The rows as typed, and which fields the user has edited (a fault shows there, or everywhere once saving was tried). */
function useWeightRows(settings: Settings) {
  const [rows, setRows] = useState<WeightRow[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setRows(rowsOf(settings.categoryWeights));
    setTouched(new Set());
    setTried(false);
  }, [settings]);
  const edit = (key: number, field: 'category' | 'percent', value: string) => {
    setRows((rs) => rs.map((x) => (x.key === key ? { ...x, [field]: value } : x)));
    setTouched((t) => new Set([...t, `${key}:${field}`]));
  };
  const shown = (f: WeightFault) => tried || touched.has(`${f.key}:${f.field}`);
  return { rows, setRows, edit, shown, setTried };
}

/** The impact of valid weights on the accounts' status, asked for a moment after the last keystroke. */
function useWeightsPreview(weights: Record<string, number>, enabled: boolean) {
  const [impact, setImpact] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) {
      setImpact(null);
      return;
    }
    const t = setTimeout(() => {
      previewWeights(weights).then(setImpact, () => setImpact(null));
    }, 250);
    return () => clearTimeout(t);
  }, [weights, enabled]);
  return impact;
}

/** The warnings of weights against the data's categories: unused weights (by category) and unweighted categories. */
function coverageWarnings(weights: Record<string, number>, categories: string[]) {
  const coverage = weightCoverage(Object.keys(weights), categories);
  // each doubtful category name is described by its own warning
  const unused = new Map(coverage.unused.map((c, i) => [normalizeName(c), `weight-warning-${i}`]));
  const warnings = [
    ...coverage.unused.map(
      (c) => `No KPI of this workspace is in the category "${c}": its weight counts for nothing (check the spelling).`,
    ),
    ...coverage.unweighted.map((c) => `${c} has KPIs but no weight: it will not count.`),
  ];
  return { unused, warnings };
}

/**
 * Weights are edited as percentages and stored as fractions, as the seed's JSON has them. A weight
 * that is not a number is refused with a sentence at its field (nothing is read as 0). A weight
 * whose category no KPI uses, or a category of the data left without a weight, is pointed out, and
 * saving such weights asks for a confirmation: a typo would otherwise silently take a category's
 * weight away.
 */
export function WeightsCard({ settings }: { settings: Settings }) {
  const { rows, setRows, edit, shown, setTried } = useWeightRows(settings);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const checked = useMemo(() => checkWeightRows(rows), [rows]);
  const { weights, total, faults } = checked;
  const off = Math.abs(total - 100) > 0.001;
  const { unused, warnings } = useMemo(
    () => coverageWarnings(weights, settings.categories),
    [weights, settings.categories],
  );
  const impact = useWeightsPreview(weights, faults.length === 0 && !off && rows.length > 0);
  const store = async () => {
    const saved = await applyChange(
      call('settings.update', { categoryWeights: weights }),
      'Category weights saved; health scores recomputed.',
      'success',
      confirming ? (e) => setConfirmError(errorMessage(e)) : reportError,
    );
    if (saved) setConfirming(false);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (faults.length) {
      setTried(true);
      document.getElementById(`weight-${faults[0].field}-${faults[0].key}`)?.focus();
    } else if (warnings.length) {
      setConfirmError(null);
      setConfirming(true);
    } else await store();
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="weights-title" noValidate>
      <h2 id="weights-title">Category weights</h2>
      <p className="muted">How much each category counts in an account's overall health. They must add up to 100%.</p>
      {!settings.weightsConfigured && (
        <p className="notice" role="note">
          No weights are set for this workspace, so every scored category counts the same (shown below). Saving sets
          these weights.
        </p>
      )}
      <datalist id="weight-categories">
        {categoryOptions(settings.categories).map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <WeightsTable
        rows={rows}
        faults={faults.filter(shown)}
        unused={unused}
        total={total}
        off={off}
        onEdit={edit}
        onRemove={(key) => setRows(rows.filter((x) => x.key !== key))}
      />
      {off && <p className="text-critical">The weights add up to {Math.round(total * 100) / 100}%, not 100%.</p>}
      {warnings.length > 0 && (
        <ul className="notice warning-list" aria-label="Weight warnings">
          {warnings.map((w, i) => (
            <li key={w} id={i < unused.size ? `weight-warning-${i}` : undefined}>
              {w}
            </li>
          ))}
        </ul>
      )}
      {impact && <p className="muted">{impact}</p>}
      <div className="actions">
        <button type="button" onClick={() => setRows([...rows, { key: Date.now(), category: '', percent: '0' }])}>
          Add category
        </button>
        <button type="submit" className="primary" disabled={off}>
          Save weights
        </button>
      </div>
      <ConfirmWeights
        open={confirming}
        warnings={warnings}
        error={confirmError}
        onClose={() => setConfirming(false)}
        onSave={store}
      />
    </form>
  );
}

function WeightsTable(props: {
  rows: WeightRow[];
  faults: WeightFault[];
  unused: Map<string, string>;
  total: number;
  off: boolean;
  onEdit: (key: number, field: 'category' | 'percent', value: string) => void;
  onRemove: (key: number) => void;
}) {
  return (
    <table className="table compact weights-table" aria-label="Category weights">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Weight %
          </th>
          <th scope="col">
            <span className="sr-only">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <WeightRowView
            key={r.key}
            row={r}
            index={i}
            faults={props.faults.filter((f) => f.key === r.key)}
            warning={props.unused.get(normalizeName(r.category))}
            onEdit={props.onEdit}
            onRemove={props.onRemove}
          />
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className={`num ${props.off ? 'text-critical' : ''}`} data-testid="weights-total">
            {Math.round(props.total * 100) / 100}%
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

/** One category and its weight, each with its fault (if any) under it and describing it. */
function WeightRowView(props: {
  row: WeightRow;
  index: number;
  faults: WeightFault[];
  warning: string | undefined;
  onEdit: (key: number, field: 'category' | 'percent', value: string) => void;
  onRemove: (key: number) => void;
}) {
  const r = props.row;
  const fault = (field: WeightFault['field']) => props.faults.find((f) => f.field === field);
  const errorOf = (field: WeightFault['field']) => {
    const f = fault(field);
    return (
      f && (
        <p className="field-error" id={`weight-${field}-error-${r.key}`}>
          {f.text}
        </p>
      )
    );
  };
  const describedBy = (field: WeightFault['field'], extra?: string) =>
    [fault(field) && `weight-${field}-error-${r.key}`, extra].filter(Boolean).join(' ') || undefined;
  return (
    <tr>
      <td>
        <input
          id={`weight-category-${r.key}`}
          aria-label={`Category ${props.index + 1} name`}
          list="weight-categories"
          value={r.category}
          aria-invalid={fault('category') ? true : undefined}
          aria-describedby={describedBy('category', props.warning)}
          className={props.warning ? 'input-warning' : undefined}
          onChange={(e) => props.onEdit(r.key, 'category', e.target.value)}
        />
        {errorOf('category')}
      </td>
      <td className="num">
        <input
          id={`weight-percent-${r.key}`}
          aria-label={`Weight of ${r.category}`}
          className="num-input"
          inputMode="decimal"
          value={r.percent}
          aria-invalid={fault('percent') ? true : undefined}
          aria-describedby={describedBy('percent')}
          onChange={(e) => props.onEdit(r.key, 'percent', e.target.value)}
        />
        {errorOf('percent')}
      </td>
      <td>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove ${r.category}`}
          onClick={() => props.onRemove(r.key)}
        >
          ×
        </button>
      </td>
    </tr>
  );
}

function ConfirmWeights(props: {
  open: boolean;
  warnings: string[];
  error: string | null;
  onClose: () => void;
  onSave: () => void;
}) {
  return (
    <Dialog title="Save weights that leave categories out?" open={props.open} onClose={props.onClose}>
      <ul className="warning-list">
        {props.warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p>Saving them changes the health scores of this workspace's accounts.</p>
      <DialogError message={props.error} />
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Go back
        </button>
        <button type="button" className="primary" onClick={props.onSave}>
          Save anyway
        </button>
      </div>
    </Dialog>
  );
}
