import { useState } from 'react';
import type { ImportPreview } from '../../shared/channels/import';
import type { AccountRow } from '../../shared/contract';
import { call } from '../api';
import { reportError, useApp } from '../store';
import { PROPOSED_FROM, plural } from './importText';
import type { AccountChoice } from './previewText';

/** Account chips shown before "Show all", so the options and the Import button stay in view. */
const CHIPS_SHOWN = 20;

/**
 * Corporate mode: the account the workbook belongs to. The one the file names is marked; when it
 * names none that exists, the new account its title names is offered ("Add Globex Analytics") and
 * created with the import. Another account can be added by name.
 */
export function AccountField(props: {
  preview: ImportPreview;
  accounts: AccountRow[];
  accountId: AccountChoice;
  setAccountId(id: AccountChoice): void;
  onAccountCreated(a: AccountRow): void;
}) {
  const p = props.preview;
  const [newName, setNewName] = useState('');
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
  return (
    <div className="field">
      <label className="field-label" htmlFor="import-account">
        Account
      </label>
      <select
        id="import-account"
        value={props.accountId}
        onChange={(e) => {
          const v = e.target.value;
          props.setAccountId(v === 'new' ? 'new' : v ? Number(v) : '');
        }}
      >
        <option value="">Choose the account…</option>
        {p.proposedNewAccount && (
          <option value="new">Add {p.proposedNewAccount.name} (a new account, named in the title rows)</option>
        )}
        {props.accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
            {p.proposedAccount?.id === a.id ? ` (named in the ${PROPOSED_FROM[p.proposedAccount.from]})` : ''}
          </option>
        ))}
      </select>
      {props.accountId === 'new' && p.proposedNewAccount && (
        <p className="muted">
          {p.proposedNewAccount.name} is created with the import, from the title “{p.proposedNewAccount.title}”.
        </p>
      )}
      {p.proposedNewAccount && p.proposedNewAccount.similar.length > 0 && (
        <SimilarAccounts
          name={p.proposedNewAccount.name}
          similar={p.proposedNewAccount.similar}
          accounts={props.accounts}
          choose={props.setAccountId}
        />
      )}
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
  );
}

/** "Hooli Inc is in this workspace already": the accounts of a name like the new one's, each one click away. */
function SimilarAccounts(props: {
  name: string;
  similar: string[];
  accounts: AccountRow[];
  choose(id: AccountChoice): void;
}) {
  const like = props.accounts.filter((a) => props.similar.includes(a.name));
  return (
    <p className="muted">
      The title names {props.name}; {props.similar.join(', ')} {props.similar.length > 1 ? 'are' : 'is'} in this
      workspace already. If the file is {props.similar.length > 1 ? 'one of theirs' : 'its'}, choose it:{' '}
      {like.map((a) => (
        <button key={a.id} type="button" className="link-button" onClick={() => props.choose(a.id)}>
          Use {a.name}
        </button>
      ))}
    </p>
  );
}

/** Roll-up mode: the accounts of the file, new ones marked, and the box to create them. */
export function RollupAccounts(props: {
  accounts: ImportPreview['accounts'];
  createAccounts: boolean;
  setCreateAccounts(v: boolean): void;
}) {
  const all = props.accounts;
  const fresh = all.filter((a) => a.existingId == null).length;
  if (!all.length) return null;
  return (
    <div className="field">
      <span className="field-label">
        Accounts in this file ({all.length.toLocaleString()}
        {fresh === all.length ? ', all new' : fresh ? `, ${fresh.toLocaleString()} new` : ''})
      </span>
      {fresh > 0 && (
        <label className="radio">
          <input
            type="checkbox"
            checked={props.createAccounts}
            onChange={(e) => props.setCreateAccounts(e.target.checked)}
          />
          Create the {plural(fresh, 'new account')}
        </label>
      )}
      <AccountChips accounts={all} />
    </div>
  );
}

function AccountChips({ accounts }: { accounts: ImportPreview['accounts'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? accounts : accounts.slice(0, CHIPS_SHOWN);
  return (
    <>
      <ul className={`account-chips${all ? ' account-chips-all' : ''}`} aria-label="Accounts in this file">
        {shown.map((a) => (
          <li key={a.name} className={a.existingId == null ? 'new' : undefined}>
            {a.name} {a.existingId == null && <span className="badge">new</span>}
            {a.like && <span className="muted"> (like {a.like})</span>}
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
