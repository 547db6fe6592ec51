import fs from 'node:fs';
import path from 'node:path';

/**
 * The app's log: one JSON object a line (time, level, event, fields), in `<app data>/logs/main.log`,
 * rotated by size (main.log -> main.1.log -> main.2.log ...). The desktop app, the browser preview
 * started by `npm start` and the command line all write through `log.info/warn/error`; where no
 * folder is configured (tests, `npm run kpi`) warnings and errors go to stderr and the rest nowhere.
 *
 * Written with Node's own streams rather than a package such as electron-log: none is among the
 * dependencies and adding one is not worth it for ~100 lines; this module also has to run outside
 * Electron (command line, browser preview, tests), where electron-log's main-process features do
 * not apply. Stack traces are kept here and never shown in the window (see main/ipc/dispatch.ts).
 */

export type Level = 'info' | 'warn' | 'error';
export type Fields = Record<string, unknown>;

export interface LogOptions {
  /** The folder of the log files, made if missing. */
  dir: string;
  /** The current file's name (main.log). */
  file?: string;
  /** A file is rotated before it would pass this size (2 MB). */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one (3). */
  keep?: number;
}

/** An Error as data: its name, message, code and stack (and its cause's). */
function errorFields(e: Error): Fields {
  const out: Fields = { name: e.name, message: e.message };
  const code = (e as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (e.stack) out.stack = e.stack;
  if (e.cause instanceof Error) out.cause = errorFields(e.cause);
  return out;
}

/** The JSON line of one record. Errors keep their stack; values JSON cannot hold become text. */
export function formatRecord(level: Level, event: string, fields: Fields = {}, time = new Date()): string {
  const record = { time: time.toISOString(), level, event, ...fields };
  return `${JSON.stringify(record, (_key, value: unknown) => {
    if (value instanceof Error) return errorFields(value);
    if (typeof value === 'bigint') return value.toString();
    return value;
  })}\n`;
}

/** A file that is renamed aside (with the older ones shifted) before it outgrows maxBytes. */
class RotatingFile {
  private stream: fs.WriteStream;
  private size: number;

  constructor(
    readonly file: string,
    private readonly maxBytes: number,
    private readonly keep: number,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    this.stream = this.open();
  }

  private open(): fs.WriteStream {
    // Opened at once (not when the stream gets round to it), so the file exists to be rotated.
    const stream = fs.createWriteStream(this.file, { fd: fs.openSync(this.file, 'a') });
    // A full disk or a removed folder must not take the app down: the line is lost, not the app.
    stream.on('error', () => undefined);
    return stream;
  }

  /** main.log -> main.1.log, main.1.log -> main.2.log, ... ; the oldest beyond `keep` is replaced. */
  rotated(n: number): string {
    const ext = path.extname(this.file);
    return `${this.file.slice(0, this.file.length - ext.length)}.${n}${ext}`;
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    this.stream.write(line);
    this.size += bytes;
  }

  private rotate(): void {
    // Lines still queued on the old stream land in the renamed file: the rename keeps the open
    // file (POSIX, and Windows where Node opens files with FILE_SHARE_DELETE).
    this.stream.end();
    try {
      if (this.keep === 0) fs.rmSync(this.file, { force: true });
      for (let i = this.keep - 1; i >= 1; i--) {
        if (fs.existsSync(this.rotated(i))) fs.renameSync(this.rotated(i), this.rotated(i + 1));
      }
      if (this.keep > 0) fs.renameSync(this.file, this.rotated(1));
    } catch {
      // could not rotate (the folder went away): go on writing where we can
    }
    this.stream = this.open();
    this.size = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.closed || this.stream.destroyed) resolve();
      else this.stream.end(() => resolve());
    });
  }
}

let sink: RotatingFile | null = null;

/** Sends the log to files in `options.dir`, or (null) back to stderr for warnings and errors. */
export function configureLog(options: LogOptions | null): void {
  const old = sink;
  sink = options
    ? new RotatingFile(
        path.join(options.dir, options.file ?? 'main.log'),
        options.maxBytes ?? 2 * 1024 * 1024,
        options.keep ?? 3,
      )
    : null;
  void old?.close();
}

/** The current log file, or null when the log goes to stderr. */
export function logFile(): string | null {
  return sink?.file ?? null;
}

/** Flushes and closes the log file (the app is quitting); later records go to stderr. */
export async function closeLog(): Promise<void> {
  const old = sink;
  sink = null;
  await old?.close();
}

function write(level: Level, event: string, fields?: Fields): void {
  if (sink) {
    sink.write(formatRecord(level, event, fields));
    return;
  }
  if (level === 'info') return;
  const { error, ...rest } = fields ?? {};
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error ? ` ${String(error)}` : '';
  process.stderr.write(`[kpi] ${level} ${event}${extra}${detail}\n`);
}

export const log = {
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  /** An unexpected failure: pass the Error as `error` so that its stack is kept. */
  error: (event: string, fields?: Fields) => write('error', event, fields),
};
