import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFilter } from '../../../scripts/electron-native.mjs';
import { tempDir } from '../../helpers/db';

/** Every file under dir, relative to it, sorted. */
const filesUnder = (dir: string) =>
  (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();

describe('scripts/electron-native.mjs', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it("copies the package but its Node build, also for a project kept under a folder named 'build'", () => {
    const pkgDir = path.join(t.dir, 'build', 'kpi-dashboard', 'node_modules', 'better-sqlite3');
    for (const f of [
      'package.json',
      'binding.gyp',
      'src/better_sqlite3.cpp',
      'deps/build/x.gypi',
      'build/Release/x.node',
    ]) {
      fs.mkdirSync(path.dirname(path.join(pkgDir, f)), { recursive: true });
      fs.writeFileSync(path.join(pkgDir, f), f);
    }
    const work = path.join(t.dir, 'work');
    fs.cpSync(pkgDir, work, { recursive: true, filter: copyFilter(pkgDir) });
    expect(filesUnder(work)).toEqual(['binding.gyp', 'deps/build/x.gypi', 'package.json', 'src/better_sqlite3.cpp']);
  });
});
