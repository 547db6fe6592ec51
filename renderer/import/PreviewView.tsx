import type { ImportPreview, SheetPreview } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import type { ColumnMapping } from '../../shared/import/columns';
import { fmtMonth } from '../components/format';
import { AccountField, RollupAccounts } from './AccountField';
import { plural, previewSummary } from './importText';
import { IssueList } from './MappingEditor';
import { PeriodField } from './PeriodField';
import { type AccountChoice, alreadyImportedText, blockedText, importReason } from './previewText';
import { SheetEditors } from './SheetEditors';

export type PreviewProps = {
  preview: ImportPreview;
  updating: boolean;
  problem: string | null;
  editedSheet: string | null;
  mappings: Record<string, ColumnMapping>;
  knownSheets: Map<string, SheetPreview>;
  accounts: AccountRow[];
  onAccountCreated(a: AccountRow): void;
  period: string;
  setPeriod(p: string): void;
  accountId: AccountChoice;
  setAccountId(id: AccountChoice): void;
  createAccounts: boolean;
  setCreateAccounts(v: boolean): void;
  onMapping(sheet: string, mapping: ColumnMapping): void;
  onMappingSettled(): void;
  onCommit(): void;
  onCancel(): void;
};

/** The preview of a file: what was found, the period and account to import it as, the problems, the columns. */
export function PreviewView(props: PreviewProps) {
  const p = props.preview;
  const kpiRows = p.sheets.reduce((s, x) => s + x.kpiRows, 0);
  const notes = p.periods[props.period];
  const held = alreadyImportedText(p, props.period, props.accountId);
  const reason = importReason(p, props);
  const blocked = !!p.blocked || !!props.problem || reason !== null;
  return (
    <div className="import-preview" aria-busy={props.updating}>
      <div className="card">
        <h2>{p.fileName}</h2>
        <p>{previewSummary(p.sheets.length, kpiRows, p.months)}</p>
        {props.problem && (
          <p className="notice" role="alert">
            {props.problem}
          </p>
        )}
        {p.blocked && (
          <p className="notice" role="alert" id="import-blocked">
            {blockedText(p)}
          </p>
        )}
        {held && <p className="notice">{held}</p>}
        {/* With no sheet read yet (its columns to choose below), there is no period or account to offer. */}
        {p.sheets.length > 0 && (
          <div className="form-grid">
            <PeriodField preview={p} period={props.period} setPeriod={props.setPeriod} />
            {p.mode === 'corporate' ? <AccountField {...props} /> : <RollupAccounts {...props} accounts={p.accounts} />}
          </div>
        )}
        <div className="actions import-actions">
          <span className="muted" id="import-reason" aria-live="polite">
            {reason}
          </span>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={blocked}
            aria-describedby={reason ? 'import-reason' : p.blocked ? 'import-blocked' : undefined}
            onClick={props.onCommit}
          >
            Import {plural(kpiRows, 'KPI')}
          </button>
        </div>
      </div>
      <SkippedSheets skipped={p.skipped.filter((s) => !s.near)} />
      <IssueList
        issues={[...p.issues, ...(notes?.conflicts.issues ?? [])]}
        more={
          notes && notes.conflicts.count > notes.conflicts.issues.length
            ? {
                count: notes.conflicts.count - notes.conflicts.issues.length,
                text: `more KPI rows whose Data value differs from their ${fmtMonth(props.period)} column`,
              }
            : undefined
        }
      />
      <SheetEditors {...props} />
    </div>
  );
}

function SkippedSheets({ skipped }: { skipped: ImportPreview['skipped'] }) {
  if (!skipped.length) return null;
  return (
    <div className="card">
      <h3>Sheets skipped</h3>
      <ul className="plain-list">
        {skipped.map((s) => (
          <li key={s.sheet}>
            <strong>{s.sheet}</strong>: {s.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
