import { useMemo, useState } from 'react';
import type { ImportPreview, SheetPreview } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import type { ColumnMapping } from '../../shared/import/columns';
import { call } from '../api';
import { fmtMonth } from '../components/format';
import { reportError, useApp } from '../store';
import { nameList, PROPOSED_FROM, plural } from './importText';
import { IssueList, MappingEditor } from './MappingEditor';

/** Account chips shown before "Show all", so the options and the Import button stay in view. */
const CHIPS_SHOWN = 20;

function AccountChips({ accounts }: { accounts: ImportPreview['accounts'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? accounts : accounts.slice(0, CHIPS_SHOWN);
  return (
    <>
      <ul className={`account-chips${all ? ' account-chips-all' : ''}`} aria-label="Accounts in this file">
        {shown.map((a) => (
          <li key={a.name} className={a.existingId == null ? 'new' : undefined}>
            {a.name} {a.existingId == null && <span className="badge">new</span>}
            {a.inactive && <span className="badge">deactivated</span>}
          </li>
        ))}
      </ul>
      {accounts.length > CHIPS_SHOWN && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all
            ? `Show the first ${CHIPS_SHOWN} only`
            : `…and ${(accounts.length - CHIPS_SHOWN).toLocaleString()} more: show all ${accounts.length.toLocaleString()}`}
        </button>
      )}
    </>
  );
}

/** What the "already imported" notice says for the chosen period, or null. */
function alreadyImportedText(p: ImportPreview, period: string, accountId: number | ''): string | null {
  const held = p.periods[period]?.alreadyImported ?? [];
  if (!held.length) return null;
  const month = fmtMonth(period);
  if (p.mode === 'corporate') {
    const chosen = held.find((a) => a.id === accountId);
    return chosen
      ? `This exact file was already imported into ${chosen.name} for ${month}: importing it again stores nothing new.`
      : `This exact file was already imported for ${month} into ${nameList(held.map((a) => a.name))}.`;
  }
  const heldIds = new Set(held.map((a) => a.id));
  const inFile = p.accounts.filter((a) => a.existingId != null && heldIds.has(a.existingId));
  if (!inFile.length) return null;
  const who = nameList(inFile.map((a) => a.name));
  const one = inFile.length === 1;
  const others = p.accounts.length - inFile.length;
  return others
    ? `${who} already ${one ? 'holds' : 'hold'} this exact file for ${month} and ${one ? 'is' : 'are'} skipped; the other ${plural(others, 'account')} ${others === 1 ? 'is' : 'are'} imported.`
    : `${who} already ${one ? 'holds' : 'hold'} this exact file for ${month}: importing it again stores nothing new.`;
}

export function PreviewView(props: {
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
  accountId: number | '';
  setAccountId(id: number | ''): void;
  createAccounts: boolean;
  setCreateAccounts(v: boolean): void;
  onMapping(sheet: string, mapping: ColumnMapping): void;
  onMappingSettled(): void;
  onCommit(): void;
  onCancel(): void;
}) {
  const p = props.preview;
  const kpiRows = p.sheets.reduce((s, x) => s + x.kpiRows, 0);
  const newAccounts = p.accounts.filter((a) => a.existingId == null);
  const [newName, setNewName] = useState('');
  const periodOptions = useMemo(() => Object.keys(p.periods).sort(), [p]);
  const notes = p.periods[props.period];
  const held = alreadyImportedText(p, props.period, props.accountId);
  // Why the Import button is off, said next to it (the file's own problem is said above).
  const reason = props.updating
    ? 'Updating the preview…'
    : props.problem || p.blocked
      ? null
      : !props.period
        ? 'Choose the period of the Data column.'
        : p.mode === 'corporate' && !props.accountId
          ? 'Choose the account this workbook belongs to, or add it.'
          : p.mode === 'account_rollup' && newAccounts.length > 0 && !props.createAccounts
            ? `Tick "Create the ${plural(newAccounts.length, 'new account')}" to import this file.`
            : null;
  const blocked = !!p.blocked || !!props.problem || reason !== null;
  const addAccount = async () => {
    try {
      const a = await call('accounts.create', { name: newName });
      props.onAccountCreated(a);
      props.setAccountId(a.id);
      setNewName('');
      useApp.getState().dataChanged();
    } catch (e) {
      reportError(e);
    }
  };
  // The sheets in the file's order: those previewed, and those a mapping change made unusable
  // (kept with their editor, so the change can be undone).
  const skippedReason = new Map(p.skipped.map((s) => [s.sheet, s.reason]));
  const editors: Array<{ sheet: SheetPreview; notice: string | null }> = [];
  for (const known of props.knownSheets.values()) {
    const sheet = p.sheets.find((s) => s.name === known.name);
    const reason = skippedReason.get(known.name);
    if (sheet) editors.push({ sheet, notice: props.editedSheet === sheet.name ? props.problem : null });
    else if (props.mappings[known.name] && reason)
      editors.push({
        sheet: known,
        notice: `With these columns the sheet is not imported (${reason}): change them back to import it.`,
      });
  }
  return (
    <div className="import-preview" aria-busy={props.updating}>
      <div className="card">
        <h2>{p.fileName}</h2>
        <p>
          {p.sheets.length} KPI sheet{p.sheets.length === 1 ? '' : 's'}, {kpiRows.toLocaleString()} KPI rows
          {p.months.length ? `, months ${fmtMonth(p.months[0])} to ${fmtMonth(p.months[p.months.length - 1])}` : ''}.
        </p>
        {props.problem && (
          <p className="notice" role="alert">
            {props.problem}
          </p>
        )}
        {p.blocked && (
          <p className="notice" role="alert" id="import-blocked">
            {p.blocked}
          </p>
        )}
        {held && <p className="notice">{held}</p>}
        <div className="form-grid">
          <label className="field">
            <span className="field-label">Period of the Data column</span>
            <select value={props.period} onChange={(e) => props.setPeriod(e.target.value)} aria-label="Period">
              {periodOptions.map((m) => (
                <option key={m} value={m}>
                  {fmtMonth(m)}
                </option>
              ))}
            </select>
          </label>
          {p.mode === 'corporate' ? (
            <div className="field">
              <label className="field-label" htmlFor="import-account">
                Account
              </label>
              <select
                id="import-account"
                value={props.accountId}
                onChange={(e) => props.setAccountId(e.target.value ? Number(e.target.value) : '')}
              >
                <option value="">Choose the account…</option>
                {props.accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                    {p.proposedAccount?.id === a.id ? ` (named in the ${PROPOSED_FROM[p.proposedAccount.from]})` : ''}
                  </option>
                ))}
              </select>
              {p.ambiguousAccounts.length > 0 && (
                <p className="muted">
                  The file names several accounts equally ({p.ambiguousAccounts.join(', ')}): choose the right one.
                </p>
              )}
              <div className="row">
                <input
                  aria-label="New account name"
                  placeholder="…or a new account"
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                />
                <button type="button" onClick={addAccount} disabled={!newName.trim()}>
                  Add
                </button>
              </div>
            </div>
          ) : p.accounts.length > 0 ? (
            <div className="field">
              <span className="field-label">
                Accounts in this file ({p.accounts.length.toLocaleString()}
                {newAccounts.length === p.accounts.length
                  ? ', all new'
                  : newAccounts.length
                    ? `, ${newAccounts.length.toLocaleString()} new`
                    : ''}
                )
              </span>
              {newAccounts.length > 0 && (
                <label className="radio">
                  <input
                    type="checkbox"
                    checked={props.createAccounts}
                    onChange={(e) => props.setCreateAccounts(e.target.checked)}
                  />
                  Create the {plural(newAccounts.length, 'new account')}
                </label>
              )}
              <AccountChips accounts={p.accounts} />
            </div>
          ) : null}
        </div>
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
            Import {kpiRows} KPIs
          </button>
        </div>
      </div>
      {p.skipped.length > 0 && (
        <div className="card">
          <h3>Sheets skipped</h3>
          <ul className="plain-list">
            {p.skipped.map((s) => (
              <li key={s.sheet}>
                <strong>{s.sheet}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
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
      {editors.map(({ sheet, notice }) => (
        <MappingEditor
          key={sheet.name}
          sheet={sheet}
          mapping={props.mappings[sheet.name] ?? sheet.mapping}
          unusable={!p.sheets.includes(sheet) || notice !== null}
          notice={notice}
          updating={props.updating && props.editedSheet === sheet.name}
          onChange={(m) => props.onMapping(sheet.name, m)}
          onSettled={props.onMappingSettled}
        />
      ))}
    </div>
  );
}

/** Accounts named in the report's summary line; the rest are counted. */
