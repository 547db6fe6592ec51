import type { TimelineEntry, TimelineKind } from '../../shared/channels/timeline';
import { AppError } from '../../shared/errors';
import { formatNumber } from '../../shared/import/values';
import { playbookById, stepById } from '../../shared/playbooks/catalogue';
import { parseExecutionData } from '../../shared/playbooks/execution';
import { statusOf } from '../../shared/scoring';
import { peopleNames } from '../accounts/book';
import { all, type Db, first } from '../db/open';
import { listKpiEdits } from '../kpis/service';
import { listNotes } from '../notes/service';
import { ymText } from '../scoring/service';

/**
 * Issue 13, point 3: an account's timeline, newest first, merged from what each feature keeps:
 * notes, uploads, KPI edits, status changes from month to month (health_trends), playbook starts,
 * steps and ends (execution_data), and owner/renewal/segment changes (account_changes).
 */

const show = (v: number | null) => (v == null ? 'empty' : formatNumber(v));

/** The last day of a month, as a timestamp: when a month's status is dated. */
export function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0, 23, 59, 59)).toISOString();
}

function noteEntries(db: Db, customerId: number, accountId: number): TimelineEntry[] {
  return listNotes(db, customerId, accountId, null).map((n) => ({
    kind: 'note',
    time: n.createdAt,
    author: n.author,
    title: n.text.length > 120 ? `${n.text.slice(0, 119)}…` : n.text,
    noteId: n.id,
    text: n.text,
  }));
}

function uploadEntries(db: Db, customerId: number, accountId: number, names: Map<number, string>): TimelineEntry[] {
  const rows = all(
    db,
    db.k
      .selectFrom('kpi_uploads')
      .select(['upload_id', 'version', 'original_filename', 'uploaded_at', 'user_id', 'period_year', 'period_month'])
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  return rows.map((u) => {
    const period = u.period_year && u.period_month ? ymText(u.period_year, u.period_month) : null;
    return {
      kind: 'upload',
      time: u.uploaded_at,
      author: u.user_id != null ? (names.get(u.user_id) ?? null) : null,
      title: `Upload version ${u.version}${u.original_filename ? ` (${u.original_filename})` : ''}${period ? ` for ${period}` : ''}`,
      uploadId: u.upload_id,
      fileName: u.original_filename,
      version: u.version,
      period,
    };
  });
}

function editEntries(db: Db, customerId: number, accountId: number): TimelineEntry[] {
  return listKpiEdits(db, customerId, accountId).map((e) => ({
    kind: 'edit',
    time: e.editedAt,
    author: e.userName,
    title: `${e.kpi} for ${e.month} corrected from ${show(e.oldValue)} to ${show(e.newValue)}${e.reason ? `: ${e.reason}` : ''}`,
    editId: e.id,
    kpi: e.kpi,
    category: e.category,
    month: e.month,
    oldValue: e.oldValue,
    newValue: e.newValue,
    reason: e.reason,
  }));
}

/** A status change wherever a scored month's status differs from the scored month before it. */
function statusEntries(db: Db, customerId: number, accountId: number): TimelineEntry[] {
  const trends = all(
    db,
    db.k
      .selectFrom('health_trends')
      .select(['year', 'month', 'overall_health_score'])
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId)
      .orderBy('year')
      .orderBy('month'),
  );
  const out: TimelineEntry[] = [];
  for (let i = 1; i < trends.length; i++) {
    const score = Number(trends[i].overall_health_score);
    const from = statusOf(Number(trends[i - 1].overall_health_score));
    const to = statusOf(score);
    if (from === to) continue;
    const month = ymText(trends[i].year, trends[i].month);
    out.push({
      kind: 'status',
      time: monthEnd(trends[i].year, trends[i].month),
      author: null,
      title: `Status ${from} → ${to} in ${month} (health ${formatNumber(Math.round(score * 10) / 10)})`,
      month,
      from,
      to,
      score,
    });
  }
  return out;
}

function playbookEntries(db: Db, customerId: number, accountId: number): TimelineEntry[] {
  const rows = all(
    db,
    db.k
      .selectFrom('playbook_executions')
      .select(['execution_id', 'execution_data'])
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  const out: TimelineEntry[] = [];
  for (const row of rows) {
    let exec: ReturnType<typeof parseExecutionData>;
    try {
      exec = parseExecutionData(row.execution_data);
    } catch {
      continue; // an unreadable execution is left out here as on the playbooks board
    }
    const def = playbookById(exec.playbookId);
    const playbook = def?.name ?? exec.playbookId;
    const base = { kind: 'playbook' as const, executionId: exec.id, playbookId: exec.playbookId, playbook };
    out.push({
      ...base,
      event: 'started',
      time: exec.startedAt,
      author: exec.context.userName,
      title: `${playbook} started`,
    });
    for (const r of exec.results) {
      const step = (def && stepById(def, r.stepId)?.name) ?? r.stepId;
      const skipped = r.status === 'skipped';
      out.push({
        ...base,
        event: skipped ? 'skipped' : 'step',
        time: r.completedAt,
        author: null,
        title: `${playbook}: ${step} ${skipped ? `skipped${r.reason ? ` (${r.reason})` : ''}` : 'done'}`,
        stepId: r.stepId,
        step,
      });
    }
    if (exec.status !== 'in-progress' && exec.completedAt)
      out.push({
        ...base,
        event: exec.status,
        time: exec.completedAt,
        author: null,
        title: `${playbook} ${exec.status}`,
      });
  }
  return out;
}

const FIELD_WORDS: Record<string, string> = { owner: 'Owner', renewal: 'Renewal date', segment: 'Segment' };

function changeEntries(db: Db, customerId: number, accountId: number, names: Map<number, string>): TimelineEntry[] {
  const rows = all(
    db,
    db.k
      .selectFrom('account_changes')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  const word = (field: string, v: string | null) =>
    v == null ? 'none' : field === 'owner' ? (names.get(Number(v)) ?? `user ${v}`) : v;
  return rows.map((c) => {
    const oldValue = word(c.field, c.old_value);
    const newValue = word(c.field, c.new_value);
    return {
      kind: 'change',
      time: c.changed_at,
      author: c.user_id != null ? (names.get(c.user_id) ?? null) : null,
      title: `${FIELD_WORDS[c.field] ?? c.field}: ${oldValue} → ${newValue}`,
      field: c.field,
      oldValue: c.old_value == null ? null : oldValue,
      newValue: c.new_value == null ? null : newValue,
    };
  });
}

/** The account's timeline, newest first; only the given kinds when named. */
export function accountTimeline(
  db: Db,
  customerId: number,
  accountId: number,
  kinds?: readonly TimelineKind[],
): TimelineEntry[] {
  const a = first(
    db,
    db.k
      .selectFrom('accounts')
      .select('account_id')
      .where('customer_id', '=', customerId)
      .where('account_id', '=', accountId),
  );
  if (!a) throw new AppError('not_found', 'That account does not exist in this workspace.');
  const names = peopleNames(db, customerId);
  const want = (k: TimelineKind) => !kinds?.length || kinds.includes(k);
  const entries: TimelineEntry[] = [
    ...(want('note') ? noteEntries(db, customerId, accountId) : []),
    ...(want('upload') ? uploadEntries(db, customerId, accountId, names) : []),
    ...(want('edit') ? editEntries(db, customerId, accountId) : []),
    ...(want('status') ? statusEntries(db, customerId, accountId) : []),
    ...(want('playbook') ? playbookEntries(db, customerId, accountId) : []),
    ...(want('change') ? changeEntries(db, customerId, accountId, names) : []),
  ];
  return entries.sort((x, y) => (x.time < y.time ? 1 : x.time > y.time ? -1 : 0));
}
