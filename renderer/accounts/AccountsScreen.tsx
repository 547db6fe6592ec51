import { useEffect, useState } from 'react';
import type { AccountRow } from '../../shared/contract';
import { call } from '../api';
import { Dialog, DialogError, Field } from '../components/Dialog';
import { plural } from '../components/format';
import { Money } from '../components/Money';
import { useQuery } from '../data/useQuery';
import { applyChange, errorMessage, reportError, useApp } from '../store';
import { AccountsListImport } from './AccountsListImport';
import { BookFields, BulkSetButton, useBookFields } from './BookFields';

type StatusFilter = 'active' | 'inactive' | 'all';

const NO_ROWS: AccountRow[] = [];
const NO_FACETS = { industries: [], regions: [] };

interface AccountFilters {
  search: string;
  status: StatusFilter;
  industry: string;
  region: string;
}
const NO_FILTERS: AccountFilters = { search: '', status: 'active', industry: '', region: '' };

export function AccountsScreen() {
  const [filters, setFilters] = useState<AccountFilters>(NO_FILTERS);
  const [editing, setEditing] = useState<AccountRow | 'new' | null>(null);
  const { search, status, industry, region } = filters;
  const rows =
    useQuery('accounts.list', {
      search: search || undefined,
      status,
      industry: industry || undefined,
      region: region || undefined,
    }).data ?? NO_ROWS;
  const set = (patch: Partial<AccountFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Accounts</h1>
        <div className="toolbar">
          <BulkSetButton rows={rows} />
          <AccountsListImport />
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Add account
          </button>
        </div>
      </header>
      <AccountsToolbar filters={filters} set={set} count={rows.length} />
      {rows.length === 0 ? (
        <div className="empty-state">
          {search || industry || region || status !== 'active'
            ? 'No account matches these filters.'
            : 'No accounts yet. Add one, or import a workbook: accounts are proposed from it.'}
        </div>
      ) : (
        <AccountsTable rows={rows} onEdit={setEditing} />
      )}
      <AccountDialog account={editing} onClose={() => setEditing(null)} />
    </section>
  );
}

function AccountsToolbar(props: { filters: AccountFilters; set: (p: Partial<AccountFilters>) => void; count: number }) {
  const { filters, set } = props;
  const facets = useQuery('accounts.facets', {}).data ?? NO_FACETS;
  return (
    <div className="toolbar">
      <input
        type="search"
        aria-label="Search accounts"
        placeholder="Search by name…"
        value={filters.search}
        onChange={(e) => set({ search: e.target.value })}
      />
      <select
        aria-label="Status"
        value={filters.status}
        onChange={(e) => set({ status: e.target.value as StatusFilter })}
      >
        <option value="active">Active</option>
        <option value="inactive">Deactivated</option>
        <option value="all">All</option>
      </select>
      <select aria-label="Industry" value={filters.industry} onChange={(e) => set({ industry: e.target.value })}>
        <option value="">All industries</option>
        {facets.industries.map((x) => (
          <option key={x}>{x}</option>
        ))}
      </select>
      <select aria-label="Region" value={filters.region} onChange={(e) => set({ region: e.target.value })}>
        <option value="">All regions</option>
        {facets.regions.map((x) => (
          <option key={x}>{x}</option>
        ))}
      </select>
      <span className="muted">{plural(props.count, 'account')}</span>
    </div>
  );
}

/** Deactivates (with an Undo) or restores an account. */
async function setActive(a: AccountRow, next: 'active' | 'inactive'): Promise<void> {
  const { toast } = useApp.getState();
  try {
    await call('accounts.setStatus', { accountId: a.id, status: next });
    useApp.getState().dataChanged();
    if (next === 'inactive') {
      toast('info', `${a.name} deactivated: hidden from the portfolio, its data kept.`, {
        label: 'Undo',
        run: () => setActive(a, 'active'),
      });
    } else {
      toast('success', `${a.name} restored.`);
    }
  } catch (e) {
    reportError(e);
  }
}

function AccountsTable({ rows, onEdit }: { rows: AccountRow[]; onEdit: (a: AccountRow) => void }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <table className="table" aria-label="Accounts">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Revenue
          </th>
          <th scope="col">Industry</th>
          <th scope="col">Region</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id} className={a.status === 'inactive' ? 'inactive' : undefined}>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => navigate({ view: 'account', accountId: a.id })}
              >
                {a.name}
              </button>
            </td>
            <td className="num">
              <Money value={a.revenue || null} />
            </td>
            <td>{a.industry ?? '–'}</td>
            <td>{a.region ?? '–'}</td>
            <td>{a.status === 'active' ? 'Active' : 'Deactivated'}</td>
            <td className="row-actions">
              <div>
                <button type="button" onClick={() => onEdit(a)} aria-label={`Edit ${a.name}`}>
                  Edit
                </button>
                {a.status === 'active' ? (
                  <button type="button" onClick={() => setActive(a, 'inactive')} aria-label={`Deactivate ${a.name}`}>
                    Deactivate
                  </button>
                ) : (
                  <button type="button" onClick={() => setActive(a, 'active')} aria-label={`Restore ${a.name}`}>
                    Restore
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccountDialog(props: { account: AccountRow | 'new' | null; onClose: () => void }) {
  const a = props.account === 'new' ? null : props.account;
  const [name, setName] = useState('');
  const [revenue, setRevenue] = useState('');
  const [industry, setIndustry] = useState('');
  const [region, setRegion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const book = useBookFields(a);
  useEffect(() => {
    setError(null);
    setName(a?.name ?? '');
    setRevenue(a?.revenue ? String(a.revenue) : '');
    setIndustry(a?.industry ?? '');
    setRegion(a?.region ?? '');
  }, [a]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const rev = revenue.trim() === '' ? 0 : Number(revenue.replace(/[,\s$]/g, ''));
    if (!Number.isFinite(rev)) {
      setError('Revenue must be a number, e.g. 1200000.');
      return;
    }
    const payload = { name, revenue: rev, industry: industry || null, region: region || null, ...book.payload };
    const saved = await applyChange(
      a ? call('accounts.update', { accountId: a.id, ...payload }) : call('accounts.create', payload),
      a ? `${name} saved.` : `${name} added.`,
      'success',
      (e) => setError(errorMessage(e)),
    );
    if (saved) props.onClose();
  };
  return (
    <Dialog title={a ? `Edit ${a.name}` : 'Add account'} open={props.account !== null} onClose={props.onClose}>
      <form onSubmit={submit} className="form">
        <Field label="Account name">
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus maxLength={200} />
        </Field>
        <Field label="Annual revenue">
          <input
            value={revenue}
            onChange={(e) => setRevenue(e.target.value)}
            inputMode="decimal"
            placeholder="Not recorded"
          />
        </Field>
        <Field label="Industry">
          <input value={industry} onChange={(e) => setIndustry(e.target.value)} maxLength={200} />
        </Field>
        <Field label="Region">
          <input value={region} onChange={(e) => setRegion(e.target.value)} maxLength={200} />
        </Field>
        <BookFields state={book} />
        <DialogError message={error} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            {a ? 'Save' : 'Add account'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
