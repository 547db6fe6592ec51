import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files given to the app to open (command line, "Open with", a drop on the dock icon, a second
 * launch): the workbooks and workspace files the import screen takes.
 */
export const OPENABLE_EXTENSIONS = ['.xlsx', '.csv', '.kpiw'];

export function isOpenable(file: string): boolean {
  return OPENABLE_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

const isFile = (p: string) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * The openable files among a command line's arguments (the executable, the app's folder in
 * development and Chromium's switches are none), as absolute paths: relative ones are taken from
 * the folder the command was run in, file:// URLs (a Linux desktop entry's %U) become paths.
 */
export function filesFromArgv(argv: string[], cwd: string, exists: (p: string) => boolean = isFile): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (!arg || arg.startsWith('-')) continue;
    let p = arg;
    if (arg.startsWith('file://')) {
      try {
        p = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    p = path.resolve(cwd, p);
    if (isOpenable(p) && exists(p) && !out.includes(p)) out.push(p);
  }
  return out;
}
