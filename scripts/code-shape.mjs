// The code's shape, measured with TypeScript's own parser (issue 9): function lengths, file
// lengths, workspace lookups in handler files, the global stylesheet's length. Tests, bench and
// scripts are not counted. `node scripts/code-shape.mjs` prints the figures; the unit test
// tests/unit/foundation/code-shape.test.ts holds them to the limits below.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const LIMITS = {
  /** No function longer than this. */
  functionMax: 200,
  /** At most `over100Max` functions longer than 100 lines. */
  over100Max: 12,
  /** No code file longer than this (data files aside). */
  fileMax: 450,
  /** The global stylesheet (tokens, base, shared components). */
  globalCssMax: 700,
};
/** Data, not logic: the playbook catalogue of the spec. */
export const FILE_EXEMPT = new Set(['shared/playbooks/catalogue.ts']);
const CODE_DIRS = ['main', 'shared', 'renderer', 'preload', 'migrations'];

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ts = createRequire(path.join(root, 'package.json'))('typescript');

export function codeFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const d of CODE_DIRS) if (fs.existsSync(path.join(root, d))) walk(d);
  return out.sort();
}

/** Every function-like node with a body (components, arrows, methods), with its length in lines. */
export function functionLengths(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const rows = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const from = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const lines = sf.getLineAndCharacterOfPosition(node.getEnd()).line + 2 - from;
      let name = node.name?.getText() ?? '';
      if (!name && node.parent && ts.isVariableDeclaration(node.parent)) name = node.parent.name.getText();
      rows.push({ file, from, lines, name: name || '(anonymous)' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return rows;
}

export function measure() {
  const files = codeFiles();
  const functions = files.flatMap(functionLengths).sort((a, b) => b.lines - a.lines);
  const fileLines = files.map((f) => ({
    file: f,
    lines: fs.readFileSync(path.join(root, f), 'utf8').split('\n').length,
  }));
  const handlerLookups = files
    .filter((f) => /(^|\/)handlers\.ts$/.test(f))
    .flatMap((f) =>
      fs
        .readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ file: f, line: i + 1, text: line.trim() }))
        .filter((l) => /\bworkspaceOf\(|\bscopeOf\(|session\.customerId/.test(l.text)),
    );
  const css = path.join(root, 'renderer/styles.css');
  return {
    functions,
    overMax: functions.filter((f) => f.lines > LIMITS.functionMax),
    over100: functions.filter((f) => f.lines > 100),
    longFiles: fileLines.filter((f) => f.lines > LIMITS.fileMax && !FILE_EXEMPT.has(f.file)),
    handlerLookups,
    globalCssLines: fs.existsSync(css) ? fs.readFileSync(css, 'utf8').split('\n').length : 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measure();
  const row = (f) => `  ${String(f.lines).padStart(4)}  ${f.file}${f.from ? `:${f.from}  ${f.name}` : ''}`;
  console.log(`functions over ${LIMITS.functionMax} lines: ${m.overMax.length} (limit 0)`);
  console.log(`functions over 100 lines: ${m.over100.length} (limit ${LIMITS.over100Max})`);
  for (const f of m.over100) console.log(row(f));
  console.log(`code files over ${LIMITS.fileMax} lines: ${m.longFiles.length} (limit 0)`);
  for (const f of m.longFiles) console.log(row(f));
  console.log(`workspace lookups in handler files: ${m.handlerLookups.length} (limit 0)`);
  for (const l of m.handlerLookups) console.log(`  ${l.file}:${l.line}  ${l.text}`);
  console.log(`renderer/styles.css: ${m.globalCssLines} lines (limit ${LIMITS.globalCssMax})`);
}
