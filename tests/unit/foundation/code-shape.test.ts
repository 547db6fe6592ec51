import { describe, expect, it } from 'vitest';
import { LIMITS, measure } from '../../../scripts/code-shape.mjs';

interface Fn {
  file: string;
  from: number;
  lines: number;
  name: string;
}

/**
 * Issue 9's measure of the code's shape, read with TypeScript's own parser (tests, bench and
 * scripts aside). `node scripts/code-shape.mjs` prints the same figures with the offenders.
 */
describe('the shape of the code', () => {
  const m = measure();
  const where = (fns: Fn[]) => fns.map((f) => `${f.file}:${f.from} ${f.name} (${f.lines} lines)`);

  it('has no function over 200 lines', () => {
    expect(where(m.overMax)).toEqual([]);
  });

  it(`has at most ${LIMITS.over100Max} functions over 100 lines`, () => {
    expect(m.functions.length).toBeGreaterThan(500); // the parser did find the code
    expect(m.over100.length, where(m.over100).join('\n')).toBeLessThanOrEqual(LIMITS.over100Max);
  });

  it(`has no code file over ${LIMITS.fileMax} lines (the playbook catalogue, being data, aside)`, () => {
    expect(m.longFiles.map((f: { file: string; lines: number }) => `${f.file} (${f.lines})`)).toEqual([]);
  });

  it('has no workspace lookup in a handler file: the dispatch hands handlers the workspace', () => {
    expect(m.handlerLookups.map((l: { file: string; line: number }) => `${l.file}:${l.line}`)).toEqual([]);
  });

  it(`keeps the global stylesheet at most ${LIMITS.globalCssMax} lines`, () => {
    expect(m.globalCssLines).toBeGreaterThan(0);
    expect(m.globalCssLines).toBeLessThanOrEqual(LIMITS.globalCssMax);
  });
});
