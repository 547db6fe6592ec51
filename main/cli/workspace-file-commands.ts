import path from 'node:path';
import { plural } from '../../shared/format';
import { writePrivateFile } from '../db/files';
import { exportWorkspaceFile } from '../workspace-files/export';
import { importWorkspaceFile, type RangesChoice } from '../workspace-files/import';
import { findWorkspaceByName } from '../workspaces/service';
import { type Command, type ParsedArgs, readInput, str, UsageError, withDb } from './framework';

const DB = { name: 'db', value: 'FILE', required: true, help: 'the SQLite database file' };
const PASSPHRASE = {
  name: 'passphrase-env',
  value: 'VAR',
  help: 'the name of an environment variable holding the passphrase (never the passphrase itself)',
};

/** The passphrase from the environment variable named by --passphrase-env, if given. */
function passphraseOf(args: ParsedArgs): string | undefined {
  const name = str(args, 'passphrase-env');
  if (name === undefined) return undefined;
  const value = process.env[name];
  if (!value) throw new UsageError(`the environment variable ${name} (--passphrase-env) is not set or is empty`);
  return value;
}

/** Issue 11, point 4: a workspace as one .kpiw file, to hand over or move to another machine. */
export const workspaceFileCommands: Command[] = [
  {
    name: 'workspace export',
    summary: 'Write one workspace and everything of it to a .kpiw file (encrypted with --passphrase-env).',
    options: [
      DB,
      { name: 'customer', value: 'NAME', required: true, help: 'the workspace' },
      { name: 'out', value: 'FILE', required: true, help: 'the .kpiw file to write' },
      PASSPHRASE,
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const passphrase = passphraseOf(args);
        const ws = findWorkspaceByName(db, str(args, 'customer')!);
        const r = exportWorkspaceFile(db, ws.id, passphrase);
        const out = str(args, 'out')!;
        writePrivateFile(out, Buffer.from(r.bytes));
        io.out(
          `${r.workspace} written to ${out} (${r.accounts} account${r.accounts === 1 ? '' : 's'}, ${r.uploads} upload${r.uploads === 1 ? '' : 's'}; ${r.encrypted ? 'encrypted' : 'not encrypted'}).`,
        );
      }),
  },
  {
    name: 'workspace import',
    summary: 'Add the workspace of a .kpiw file as a new workspace (never merged into an existing one).',
    options: [
      DB,
      { name: 'in', value: 'FILE', required: true, help: 'the .kpiw file' },
      PASSPHRASE,
      {
        name: 'name',
        value: 'NAME',
        help: 'the new workspace\'s name (default: the file\'s; a clash gets "Name (2)")',
      },
      {
        name: 'ranges',
        value: 'keep|replace',
        help: "where the file's reference ranges differ: keep this machine's (default) or replace them",
      },
    ],
    run: (args, io) =>
      withDb(args, (db) => {
        const ranges = str(args, 'ranges') ?? 'keep';
        if (ranges !== 'keep' && ranges !== 'replace') throw new UsageError('--ranges is keep or replace');
        const file = str(args, 'in')!;
        const r = importWorkspaceFile(db, readInput(file), {
          fileName: path.basename(file),
          passphrase: passphraseOf(args),
          name: str(args, 'name'),
          ranges: ranges as RangesChoice,
        });
        io.out(
          `${path.basename(file)} imported as the workspace "${r.name}" (${plural(r.accounts, 'account')}, ${plural(r.uploads, 'upload')}).`,
        );
        if (!r.rangeDifferences.length) return;
        io.out(
          `${r.rangeDifferences.length} reference range${r.rangeDifferences.length === 1 ? '' : 's'} in the file differ from this machine's; ${r.ranges === 'keep' ? "this machine's kept" : "the file's now in force"}, scores recomputed:`,
        );
        for (const d of r.rangeDifferences) io.out(`  ${d.kpi}: here ${d.here ?? '(none)'}; in the file ${d.inFile}`);
      }),
  },
];
