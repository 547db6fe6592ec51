import fs from 'node:fs';
import path from 'node:path';
import type { ImportPreview, ImportReport } from '../../shared/channels/import';
import { AppError } from '../../shared/errors';
import { plural } from '../../shared/format';
import { CHANGES_LISTED, mostChangedFirst } from '../../shared/import/report-order';
import { findAccountByName } from '../accounts/service';
import { type Command, readInput, str, UsageError, withDb } from '../cli/framework';
import type { Db } from '../db/open';
import { exportRanges, importRanges } from '../ranges/service';
import { getSettings } from '../settings/service';
import { defaultUserId, findWorkspaceByName } from '../workspaces/service';
import { mappingsFor, parseMapOption } from './cli-map';
import { accountLikeColumn, unknownAccounts } from './groups';
import { commitImport, previewImport } from './service';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };

const score = (n: number | null, status: string | null) => (n == null ? 'none' : `${n.toFixed(1)} (${status})`);

/** The line that counts the accounts past the first CHANGES_LISTED of `total`, if there are any. */
const moreThanListed = (total: number, rest: string) =>
  total > CHANGES_LISTED ? [`  ... and ${plural(total - CHANGES_LISTED, 'more account')}${rest}`] : [];

/**
 * What the import changed per account: health of the period, months restated, playbooks that now
 * fire; the accounts that changed most first, as the window lists them, and the rest counted.
 */
function changeLines(r: ImportReport): string[] {
  const lines: string[] = [];
  for (const c of mostChangedFirst(r.changes).slice(0, CHANGES_LISTED)) {
    const h = c.health;
    const moved =
      h.statusBefore !== h.statusAfter && h.statusBefore ? `, status ${h.statusBefore} -> ${h.statusAfter}` : '';
    lines.push(
      h.before == null && h.after == null
        ? `  ${c.accountName}: no health score for ${r.period}`
        : `  ${c.accountName}: health for ${r.period} ${score(h.before, h.statusBefore)} -> ${score(h.after, h.statusAfter)}${moved}`,
    );
    for (const m of c.restated) {
      const eg = m.examples.map((e) => `${e.kpi} ${e.from} -> ${e.to}`).join(', ');
      const health =
        m.healthBefore != null && m.healthAfter != null
          ? `; health ${m.healthBefore.toFixed(1)} -> ${m.healthAfter.toFixed(1)}`
          : '';
      lines.push(`    restated ${m.month}: ${plural(m.values, 'value')} changed (${eg})${health}`);
    }
    for (const p of c.playbooks)
      lines.push(
        `    playbook now fires: ${p.playbookName} (${p.reason})${p.started ? ', started automatically' : ''}`,
      );
  }
  lines.push(...moreThanListed(r.changes.length, ' (--json lists every account)'));
  return lines;
}

/** The import report as the screen shows it, as text. */
export function formatReport(r: ImportReport): string[] {
  if (r.alreadyImported) {
    return [
      `${r.fileName}: already imported for ${r.period} (${r.skippedAccounts.map((s) => `${s.name}: ${s.reason}`).join('; ')}); nothing stored.`,
    ];
  }
  const lines = [
    `${r.fileName}: imported for ${r.period} (${r.mode === 'corporate' ? 'corporate' : 'roll-up'}) in ${r.durationMs} ms`,
  ];
  for (const s of r.sheets)
    lines.push(
      `  sheet ${s.name}: ${plural(s.rowsRead, 'row')} read, ${plural(s.kpisImported, 'KPI')} imported, ${plural(s.notesSkipped, 'note')} skipped`,
    );
  for (const s of r.skipped) lines.push(`  sheet ${s.sheet}: skipped (${s.reason})`);
  for (const u of r.uploads.slice(0, CHANGES_LISTED))
    lines.push(
      `  account ${u.accountName}: version ${u.version}, ${plural(u.kpis, 'KPI')}, ${plural(u.values, 'value')}`,
    );
  lines.push(...moreThanListed(r.uploads.length, ' stored (--json lists every upload)'));
  const created = r.accountsCreated;
  if (created.length)
    lines.push(
      `  accounts created: ${created.slice(0, CHANGES_LISTED).join(', ')}${created.length > CHANGES_LISTED ? `, ... (${plural(created.length, 'account')})` : ''}`,
    );
  lines.push(...changeLines(r));
  for (const s of r.skippedAccounts) lines.push(`  account ${s.name}: ${s.reason}`);
  lines.push(
    `  months: ${r.months.join(', ')}; scored ${plural(r.scored.accounts, 'account')}, ${plural(r.scored.months, 'account-month')}`,
  );
  for (const i of r.issues) {
    lines.push(
      `  ${i.severity}: ${i.sheet}${i.row ? ` row ${i.row}` : ''}${i.column ? ` column ${i.column}` : ''}: ${i.message}`,
    );
  }
  return lines;
}

/**
 * Corporate mode: the account a file is imported into, as the window proposes it: the one named
 * with --account, else the one the file names (title rows, file name, Account column), else the
 * new account its title names; a new account is created only with --create-accounts.
 */
export function corporateTarget(
  db: Db,
  ws: { id: number; name: string },
  preview: ImportPreview,
  name: string | undefined,
  createAccounts: boolean,
): { accountId?: number; newAccountName?: string; chosen: string } {
  if (name) {
    const account = findAccountByName(db, ws.id, name);
    if (account)
      return { accountId: account.account_id, chosen: `account: ${account.account_name} (named with --account)` };
    if (!createAccounts)
      throw new AppError(
        'not_found',
        `There is no account named "${name}" in ${ws.name}; add --create-accounts to create it.`,
      );
    return { newAccountName: name.trim(), chosen: `account: ${name.trim()} (named with --account, created)` };
  }
  const proposed = preview.proposedAccount;
  if (proposed)
    return {
      accountId: proposed.id,
      chosen: `account proposed from the ${proposed.from === 'title' ? 'title rows' : proposed.from}: ${proposed.name}`,
    };
  if (preview.ambiguousAccounts.length)
    throw new AppError(
      'invalid_input',
      `The file names several accounts equally (${preview.ambiguousAccounts.join(', ')}); name the one it belongs to with --account.`,
    );
  const fresh = preview.proposedNewAccount;
  // "Hooli Inc" is in the workspace and the title says "Hooli": perhaps the same account.
  const similar = fresh?.similar.length
    ? `; ${fresh.similar.join(', ')} ${fresh.similar.length > 1 ? 'are' : 'is'} in ${ws.name} already`
    : '';
  if (fresh && createAccounts)
    return {
      newAccountName: fresh.name,
      chosen: `account: ${fresh.name} (new, named in the title rows, created${similar})`,
    };
  if (fresh)
    throw new AppError(
      'refused',
      `The title names an account that is not in ${ws.name} yet, ${fresh.name}${similar}: add --create-accounts to create it, or name an account with --account.`,
    );
  throw new AppError(
    'invalid_input',
    `No account of ${ws.name} is named in the title rows or the file name of ${preview.fileName}: name the account it belongs to with --account (with --create-accounts for a new one).`,
  );
}

/**
 * Roll-up mode: the accounts the file names that the workspace does not have are created only
 * with --create-accounts; without it, the command says so in its own terms (the window's refusal
 * asks to tick a box).
 */
export function rollupAccountsCheck(ws: { name: string }, preview: ImportPreview, createAccounts: boolean): void {
  const unknown = preview.accounts.filter((a) => a.existingId == null).map((a) => a.name);
  if (!unknown.length || createAccounts) return;
  const how = (them: string) => `add --create-accounts to create ${them}. Nothing was stored.`;
  throw new AppError('refused', `${unknownAccounts(unknown, ws.name, how)}${likeSentence(preview, ws)}`);
}

/**
 * The new names of a roll-up that are a workspace account's but for accents, "&" or spacing
 * ("Nestle" where "Nestlé" exists), as "Nestle (W has Nestlé)", or null: said before they are
 * created as second accounts, and after.
 */
function alikeNames(preview: ImportPreview, ws: { name: string }): string | null {
  const like = preview.accounts.filter((a) => a.existingId == null && a.like);
  if (!like.length) return null;
  const pairs = like.slice(0, 5).map((a) => `${a.name} (${ws.name} has ${a.like})`);
  return `${pairs.join(', ')}${like.length > 5 ? `, and ${like.length - 5} more` : ''}`;
}

function likeSentence(preview: ImportPreview, ws: { name: string }): string {
  const alike = alikeNames(preview, ws);
  return alike
    ? ` Alike but for accents, "&" or spacing: ${alike}; write the name as the workspace does to import into that account.`
    : '';
}

/** The window's refusal, with the command line's way to map the column that looks like the accounts'. */
function withMapHint(preview: ImportPreview): string {
  const like = preview.mode === 'account_rollup' ? accountLikeColumn(preview.sheets) : null;
  return like ? `${preview.blocked} On the command line: --map '${like.header}=Account'.` : (preview.blocked ?? '');
}

export const importCommands: Command[] = [
  {
    name: 'import',
    summary: 'Import a KPI workbook (.xlsx) or CSV file into a workspace, all or nothing, and score it.',
    positional: ['FILE'],
    options: [
      DB,
      { name: 'customer', value: 'NAME', required: true, help: 'the workspace' },
      {
        name: 'account',
        value: 'NAME',
        help: 'corporate mode: the account (default: the one named in the title rows or file name)',
      },
      {
        name: 'period',
        value: 'YYYY-MM',
        help: 'the month of the Data column (default: from the title rows, the file name, the month columns, or today)',
      },
      {
        name: 'create-accounts',
        help: "create the accounts the file names that do not exist (roll-up: its Account column; corporate: the title's or --account's)",
      },
      {
        name: 'map',
        value: "'HEADER=FIELD,...'",
        help: "what a column holds, as the window's column mapping says it (remembered): e.g. 'Customer=Account,Metric Name=KPI name'",
      },
      { name: 'json', help: 'print the report as JSON' },
    ],
    run: (args, io) =>
      withDb(args, async (db) => {
        const file = args.positional[0];
        const bytes = readInput(file);
        const mapOption = str(args, 'map');
        const pairs = mapOption ? parseMapOption(mapOption) : null;
        const fileName = path.basename(file);
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const period = str(args, 'period');
        if (period && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
          throw new UsageError('--period is written YYYY-MM, e.g. 2025-09');
        const mode = getSettings(db, ws.id).mode;
        const t0 = performance.now();
        let preview = await previewImport(db, ws.id, { fileName, bytes });
        // --map: the file read again with its columns as named (as the window does on a correction).
        const mappings = pairs ? mappingsFor(preview, pairs) : undefined;
        if (mappings) preview = await previewImport(db, ws.id, { fileName, bytes, mappings });
        const previewMs = Math.round(performance.now() - t0);
        if (preview.blocked) throw new AppError('refused', withMapHint(preview));
        const createAccounts = !!args.opts['create-accounts'];
        if (mode !== 'corporate') rollupAccountsCheck(ws, preview, createAccounts);
        const target: { accountId?: number; newAccountName?: string; chosen?: string } =
          mode === 'corporate' ? corporateTarget(db, ws, preview, str(args, 'account'), createAccounts) : {};
        const periodLine = period ? `Period ${period}: named with --period.` : preview.defaultPeriodFrom.sentence;
        const chosen = target.chosen;
        const committed = await commitImport(
          db,
          { customerId: ws.id, userId: defaultUserId(db, ws.id) },
          {
            fileName,
            bytes,
            period: period ?? preview.defaultPeriod,
            accountId: target.accountId,
            newAccountName: target.newAccountName,
            createAccounts,
            mappings,
          },
        );
        // The commit takes the preview's reading: its time is the command's reading (and interpreting).
        const report = {
          ...committed,
          durationMs: previewMs + committed.durationMs,
          timings: { ...committed.timings, read: committed.timings.read + previewMs },
        };
        const periodFrom = period ? { from: '--period', sentence: periodLine } : preview.defaultPeriodFrom;
        if (args.opts.json)
          io.out(JSON.stringify({ ...report, periodFrom, ...(chosen ? { account: chosen } : {}) }, null, 2));
        else {
          const [head, ...rest] = formatReport(report);
          for (const l of [head, ...(chosen ? [`  ${chosen}`] : []), `  ${periodLine}`, ...rest]) io.out(l);
          const alike = createAccounts ? alikeNames(preview, ws) : null;
          if (alike)
            io.out(
              `  note: created beside an account alike but for accents, "&" or spacing: ${alike}; if one is the other, deactivate the new one and write the name as the workspace does.`,
            );
        }
      }),
  },
  {
    name: 'ranges import',
    summary: 'Add or update reference ranges from a CSV or xlsx file (layout of reference-ranges.csv).',
    positional: ['FILE'],
    options: [DB],
    run: (args, io) =>
      withDb(args, async (db) => {
        const file = args.positional[0];
        const r = await importRanges(db, null, path.basename(file), readInput(file));
        io.out(`reference ranges: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`);
      }),
  },
  {
    name: 'ranges export',
    summary: 'Write the reference ranges to a CSV or xlsx file (by its extension).',
    positional: ['FILE'],
    options: [DB],
    run: (args, io) =>
      withDb(args, async (db) => {
        const file = args.positional[0];
        const format = file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
        const out = await exportRanges(db, format);
        fs.writeFileSync(file, out.bytes);
        io.out(`wrote ${file}`);
      }),
  },
];
