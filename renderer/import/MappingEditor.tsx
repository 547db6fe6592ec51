import { useState } from 'react';
import type { SheetPreview } from '../../shared/channels/import';
import {
  type ColumnField,
  type ColumnMapping,
  columnLetter,
  FIELD_LABELS,
  type FieldKey,
} from '../../shared/import/columns';
import type { Issue } from '../../shared/import/interpret';
import { fmtMonth, fmtMonthsIn } from '../components/format';
import { plural } from './importText';

const FIELDS: Array<{ value: ColumnField; label: string }> = [
  ...(Object.entries(FIELD_LABELS) as Array<[FieldKey, string]>).map(([value, label]) => ({ value, label })),
  { value: 'month', label: 'A month' },
  { value: 'ignored', label: 'Not imported' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One KPI sheet as read: the header row, what each column was taken for (editable), sample rows.
 * `mapping` is the one the user sees (theirs while the preview is made again); `unusable` when the
 * mapping they changed leaves nothing to import from it, `notice` saying so. A change is reported at once (onChange), and
 * onSettled when the select is left, so that arrowing through its options does not re-read the file
 * at each step.
 */
export function MappingEditor(props: {
  sheet: SheetPreview;
  mapping: ColumnMapping;
  period: string;
  unusable: boolean;
  /** Open when first shown, whatever its rows (the columns are what the preview asks to mend). */
  openAtFirst?: boolean;
  notice: string | null;
  updating: boolean;
  onChange(mapping: ColumnMapping): void;
  onSettled(): void;
}) {
  const s = props.sheet;
  // Open or closed as the user left it while the preview is made again; a sheet whose columns
  // gave no KPI opens by itself.
  const [open, setOpen] = useState((s.mapping.length > 0 && s.kpiRows === 0) || !!props.openAtFirst);
  const set = (i: number, patch: Partial<ColumnMapping[number]>) => {
    props.onChange(props.mapping.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  };
  return (
    <details
      className="card sheet-card"
      open={open || props.unusable}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      aria-busy={props.updating}
    >
      <summary>
        <strong>{s.name}</strong>{' '}
        {props.unusable ? (
          <span className="muted">not imported with these columns</span>
        ) : (
          <span className="muted">
            header in row {s.headerRow} · {plural(s.rowsRead, 'row')} read · {plural(s.kpiRows, 'KPI')} ·{' '}
            {plural(s.notes.length, 'note')}
            {s.months.length ? ` · ${plural(s.months.length, 'month column')}` : ''}
            {s.remembered ? ' · your saved column mapping' : ''}
          </span>
        )}
        {props.updating && <span className="import-updating muted"> · updating…</span>}
      </summary>
      {props.notice && (
        <p className="notice" role="alert">
          {props.notice}
        </p>
      )}
      <table className="table compact" aria-label={`Columns of ${s.name}`}>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Header</th>
            <th scope="col">Imported as</th>
          </tr>
        </thead>
        <tbody>
          {props.mapping.map((m, i) => (
            <ColumnRow
              key={m.col}
              sheet={s.name}
              column={m}
              onChange={(patch) => set(i, patch)}
              onSettled={props.onSettled}
            />
          ))}
        </tbody>
      </table>
      {s.sample.length > 0 && !props.unusable && <SampleRows sheet={s} period={props.period} />}
      {s.notes.length > 0 && (
        <p className="muted">Notes skipped: {s.notes.map((n) => `row ${n.row} "${n.text}"`).join('; ')}</p>
      )}
    </details>
  );
}

/** One column of a sheet: its letter, header, and what it is imported as (a month with its month). */
function ColumnRow(props: {
  sheet: string;
  column: ColumnMapping[number];
  onChange(patch: Partial<ColumnMapping[number]>): void;
  onSettled(): void;
}) {
  const m = props.column;
  const letter = columnLetter(m.col);
  return (
    <tr>
      <td>{letter}</td>
      <td>{m.header || <span className="muted">(empty)</span>}</td>
      <td>
        <div className="row">
          <select
            aria-label={`Column ${letter} of ${props.sheet} imported as`}
            value={m.field}
            onChange={(e) => {
              const field = e.target.value as ColumnField;
              props.onChange({ field, month: field === 'month' ? m.month : undefined });
            }}
            onBlur={props.onSettled}
          >
            {FIELDS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
          {m.field === 'month' && (
            <input
              type="month"
              aria-label={`Month of column ${letter}`}
              value={m.month ? `${m.month.year}-${pad(m.month.month)}` : ''}
              onChange={(e) => {
                const [y, mo] = e.target.value.split('-').map(Number);
                if (y && mo) props.onChange({ month: { year: y, month: mo } });
              }}
              onBlur={props.onSettled}
            />
          )}
          {m.field === 'month' && m.month && (
            <span className="muted">{fmtMonth(`${m.month.year}-${pad(m.month.month)}`)}</span>
          )}
        </div>
      </td>
    </tr>
  );
}

/**
 * The first rows of a sheet as read, with the value each stores for the period: its Data value,
 * or, where Data is empty, its month column for the period (as the import stores it).
 */
function SampleRows({ sheet: s, period }: { sheet: SheetPreview; period: string }) {
  return (
    <table className="table compact" aria-label={`First rows of ${s.name}`}>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">KPI</th>
          {s.hasAccountColumn && <th scope="col">Account</th>}
          <th scope="col">Data</th>
          <th scope="col" className="num">
            Value for {fmtMonth(period)}
          </th>
        </tr>
      </thead>
      <tbody>
        {s.sample.map((r) => (
          <tr key={`${r.row}-${r.kpi}`}>
            <td>{r.row}</td>
            <td>{r.kpi}</td>
            {s.hasAccountColumn && <td>{r.account}</td>}
            <td>{r.data ?? ''}</td>
            <td className="num">{r.dataValue ?? r.months[period] ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The problems found in a file; `more` counts further warnings of one kind that are not listed. */
export function IssueList({ issues, more }: { issues: Issue[]; more?: { count: number; text: string } }) {
  if (!issues.length) return null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors + (more?.count ?? 0);
  return (
    <div className="card">
      <h3>
        {errors} error{errors === 1 ? '' : 's'}, {warnings.toLocaleString()} warning{warnings === 1 ? '' : 's'}
      </h3>
      <table className="table compact" aria-label="Warnings and errors">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Sheet</th>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
            <tr key={n}>
              <td>
                <span className={`chip ${i.severity === 'error' ? 'chip-critical' : 'chip-risk'}`}>
                  {i.severity === 'error' ? '■ Error' : '▲ Warning'}
                </span>
              </td>
              <td>{i.sheet}</td>
              <td>{i.row ?? ''}</td>
              <td>{i.column ?? ''}</td>
              <td>{fmtMonthsIn(i.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <p className="muted">
          …and {more.count.toLocaleString()} {more.text}.
        </p>
      )}
    </div>
  );
}
