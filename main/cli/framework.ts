import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { type Db, openDb } from '../db/open';

/** Exit codes: 0 done, 1 input refused (one line on stderr), 2 usage error. */
export class UsageError extends Error {}

export interface OptionSpec {
  name: string;
  value?: string; // placeholder when the option takes a value; absent for a flag
  required?: boolean;
  help: string;
}

export interface Command {
  /** Words that name the command, e.g. "customer add". */
  name: string;
  summary: string;
  /** Positional arguments, e.g. ['FILE']. */
  positional?: string[];
  options: OptionSpec[];
  run(args: ParsedArgs, io: Io): Promise<void> | void;
}

export interface ParsedArgs {
  positional: string[];
  opts: Record<string, string | true>;
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Two columns, the second starting two spaces after the longest first cell (at least at minWidth). */
function columns(rows: Array<[string, string]>, minWidth: number): string[] {
  const width = Math.max(minWidth, ...rows.map(([left]) => left.length + 2));
  return rows.map(([left, right]) => left.padEnd(width) + right);
}

export function usage(cmd: Command): string {
  const pos = (cmd.positional ?? []).join(' ');
  const opts = cmd.options
    .map((o) => {
      const s = `--${o.name}${o.value ? ` ${o.value}` : ''}`;
      return o.required ? s : `[${s}]`;
    })
    .join(' ');
  const lines = [`usage: npm run kpi -- ${cmd.name}${pos ? ` ${pos}` : ''} ${opts}`.trimEnd(), '', cmd.summary, ''];
  lines.push(
    ...columns(
      cmd.options.map((o) => [`  --${o.name}${o.value ? ` ${o.value}` : ''}`, o.help]),
      30,
    ),
  );
  return lines.join('\n');
}

export function parseArgs(cmd: Command, argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split(/=(.*)/s, 2);
      const spec = cmd.options.find((o) => o.name === key);
      if (!spec) throw new UsageError(`unknown option --${key}`);
      if (spec.value) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`--${key} needs a value (${spec.value})`);
        opts[key] = v;
      } else {
        opts[key] = true;
      }
    } else {
      positional.push(a);
    }
  }
  const want = cmd.positional ?? [];
  if (positional.length !== want.length) {
    throw new UsageError(want.length ? `expected ${want.join(' ')}` : `unexpected argument "${positional[0]}"`);
  }
  for (const o of cmd.options)
    if (o.required && opts[o.name] === undefined) throw new UsageError(`--${o.name} is required`);
  return { positional, opts };
}

export const str = (args: ParsedArgs, key: string): string | undefined => {
  const v = args.opts[key];
  return typeof v === 'string' ? v : undefined;
};

export function num(args: ParsedArgs, key: string): number | undefined {
  const v = str(args, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${key} must be a number, not "${v}"`);
  return n;
}

/** Opens the database a command names, runs fn, and closes it whatever happens. */
export async function withDb<T>(args: ParsedArgs, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const file = str(args, 'db');
  if (!file) throw new UsageError('--db is required');
  const db = await openDb(file);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The bytes of a file named on the command line; a missing file is a usage error. */
export function readInput(file: string): Uint8Array {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return fs.readFileSync(file);
}

export async function runCli(commands: Command[], argv: string[], io: Io): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((a) => !a.startsWith('-'));
  // The longest command name that prefixes the words.
  const cmd = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((w, i) => words[i] === w));
  if (!cmd) {
    const list = columns(
      commands.map((c) => [`  ${c.name}`, c.summary]),
      23,
    ).join('\n');
    if (wantsHelp || argv.length === 0) {
      io.out(`usage: npm run kpi -- <command> [options]\n\ncommands:\n${list}\n\nEach command takes --help.`);
      return wantsHelp ? 0 : 2;
    }
    io.err(`kpi: unknown command "${words.join(' ')}"; try --help`);
    return 2;
  }
  if (wantsHelp) {
    io.out(usage(cmd));
    return 0;
  }
  const nameWords = cmd.name.split(' ');
  const rest = [...argv];
  for (const w of nameWords) rest.splice(rest.indexOf(w), 1);
  let args: ParsedArgs;
  try {
    args = parseArgs(cmd, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kpi ${cmd.name}: ${e.message}\n${usage(cmd)}`);
      return 2;
    }
    throw e;
  }
  try {
    await cmd.run(args, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kpi ${cmd.name}: ${e.message}`);
      return 2;
    }
    if (
      e instanceof AppError ||
      (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string')
    ) {
      io.err(`kpi ${cmd.name}: ${(e as Error).message}`);
      // several problems (every faulty row of a file): one line each, after the sentence
      const details = e instanceof AppError ? e.details : undefined;
      if (details && details.length > 1) for (const d of details) io.err(`  ${d}`);
      return 1;
    }
    io.err(`kpi ${cmd.name}: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.KPI_DEBUG) console.error(e);
    return 1;
  }
}
