import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../../shared/channels/import';
import { AppError } from '../../shared/errors';
import { findAccountByName } from '../accounts/service';
import { type Command, readInput, str, UsageError, withDb } from '../cli/framework';
import { exportRanges, importRanges } from '../ranges/service';
import { getSettings } from '../settings/service';
import { defaultUserId, findWorkspaceByName } from '../workspaces/service';
import { commitImport, previewImport } from './service';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };

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
      `  sheet ${s.name}: ${s.rowsRead} rows read, ${s.kpisImported} KPIs imported, ${s.notesSkipped} notes skipped`,
    );
  for (const s of r.skipped) lines.push(`  sheet ${s.sheet}: skipped (${s.reason})`);
  for (const u of r.uploads)
    lines.push(`  account ${u.accountName}: version ${u.version}, ${u.kpis} KPIs, ${u.values} values`);
  if (r.accountsCreated.length) lines.push(`  accounts created: ${r.accountsCreated.join(', ')}`);
  for (const s of r.skippedAccounts) lines.push(`  account ${s.name}: ${s.reason}`);
  lines.push(
    `  months: ${r.months.join(', ')}; scored ${r.scored.accounts} accounts, ${r.scored.months} account-months`,
  );
  for (const i of r.issues) {
    lines.push(
      `  ${i.severity}: ${i.sheet}${i.row ? ` row ${i.row}` : ''}${i.column ? ` column ${i.column}` : ''}: ${i.message}`,
    );
  }
  return lines;
}

export const importCommands: Command[] = [
  {
    name: 'import',
    summary: 'Import a KPI workbook (.xlsx) or CSV file into a workspace, all or nothing, and score it.',
    positional: ['FILE'],
    options: [
      DB,
      { name: 'customer', value: 'NAME', required: true, help: 'the workspace' },
      { name: 'account', value: 'NAME', help: 'corporate mode: the account (default: the one named in the file)' },
      { name: 'period', value: 'YYYY-MM', help: 'the month of the Data column (default: the latest month column)' },
      { name: 'create-accounts', help: "roll-up mode: create the file's accounts that do not exist" },
      { name: 'json', help: 'print the report as JSON' },
    ],
    run: (args, io) =>
      withDb(args, async (db) => {
        const file = args.positional[0];
        const bytes = readInput(file);
        const fileName = path.basename(file);
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const period = str(args, 'period');
        if (period && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
          throw new UsageError('--period is written YYYY-MM, e.g. 2025-09');
        const mode = getSettings(db, ws.id).mode;
        const preview = await previewImport(db, ws.id, { fileName, bytes });
        if (preview.blocked) throw new AppError('refused', preview.blocked);
        let accountId: number | undefined;
        let chosen: string | undefined;
        if (mode === 'corporate') {
          const name = str(args, 'account');
          const account = name ? findAccountByName(db, ws.id, name) : undefined;
          if (name && !account) throw new AppError('not_found', `There is no account named "${name}" in ${ws.name}.`);
          const proposed = preview.proposedAccount;
          if (account) {
            accountId = account.account_id;
            chosen = `account: ${account.account_name} (named with --account)`;
          } else if (proposed) {
            accountId = proposed.id;
            chosen = `account proposed from the ${proposed.from === 'title' ? 'title rows' : proposed.from}: ${proposed.name}`;
          } else if (preview.ambiguousAccounts.length) {
            throw new AppError(
              'invalid_input',
              `The file names several accounts equally (${preview.ambiguousAccounts.join(', ')}); name the one it belongs to with --account.`,
            );
          } else {
            throw new AppError('invalid_input', 'Name the account this workbook belongs to with --account.');
          }
        }
        const report = await commitImport(
          db,
          { customerId: ws.id, userId: defaultUserId(db, ws.id) },
          {
            fileName,
            bytes,
            period: period ?? preview.defaultPeriod,
            accountId,
            createAccounts: !!args.opts['create-accounts'],
          },
        );
        if (args.opts.json) io.out(JSON.stringify(chosen ? { ...report, account: chosen } : report, null, 2));
        else {
          const [head, ...rest] = formatReport(report);
          for (const l of chosen ? [head, `  ${chosen}`, ...rest] : [head, ...rest]) io.out(l);
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
