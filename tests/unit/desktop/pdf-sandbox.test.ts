import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, sandboxArgs, sandboxFailed } from '../../../main/playbooks/pdf';
import { tempDir } from '../../helpers/db';

const ROOT = path.resolve(__dirname, '../../..');

describe("the command line's PDF printing keeps Chromium's sandbox where it can (main/playbooks/pdf.ts)", () => {
  it('turns the sandbox off first only as root, and after a failure only when it was the sandbox that failed', () => {
    expect(sandboxArgs(0)).toEqual(['--no-sandbox']);
    expect(sandboxArgs(1000)).toEqual([]);
    expect(sandboxArgs(null)).toEqual([]); // Windows
    for (const stderr of [
      '[0101/000000.000000:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! Update your kernel',
      'Running as root without --no-sandbox is not supported. See https://crbug.com/638180.',
      'The SUID sandbox helper binary was found, but is not configured correctly.',
      'Failed to move to new namespace: PID namespaces supported, Network namespace supported, but failed: errno = Operation not permitted',
    ])
      expect(sandboxFailed(stderr), stderr).toBe(true);
    expect(sandboxFailed('ERROR:dbus/bus.cc(405)] Failed to connect to the bus')).toBe(false);
  });

  const chromium = findChromium();
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  // As root the child runs as "nobody", who must be able to read this checkout (a clone inside a
  // 0700 directory, such as mktemp -d's, is not): otherwise the test cannot run here, and says so.
  const readable =
    uid !== 0 ||
    spawnSync(
      process.execPath,
      ['-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'node_modules/tsx/package.json'))})`],
      {
        uid: 65534,
        gid: 65534,
      },
    ).status === 0;
  if (chromium && uid === 0 && !readable)
    console.warn(`pdf-sandbox: skipped, the user "nobody" cannot read ${ROOT} (a parent directory is private)`);
  it.skipIf(!chromium || uid === null || !readable)(
    'a user who is not root gets a PDF from a sandboxed Chromium (or, where the system has no sandbox, from a second try without it)',
    () => {
      const t = tempDir();
      fs.chmodSync(t.dir, 0o777);
      try {
        // Chromium behind a script that notes each command line, then runs it.
        const calls = path.join(t.dir, 'calls.txt');
        const wrapper = path.join(t.dir, 'chromium.sh');
        fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> "${calls}"\nexec "${chromium}" "$@"\n`, { mode: 0o755 });
        // As root, the test prints as "nobody" (uid 65534), as a desktop user would run it.
        const as = uid === 0 ? { uid: 65534, gid: 65534 } : {};
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/helpers/pdf-child.ts'], {
          cwd: ROOT,
          env: { ...process.env, KPI_CHROMIUM: wrapper, HOME: t.dir, TMPDIR: t.dir },
          encoding: 'utf8',
          timeout: 90_000,
          ...as,
        });
        expect(r.stderr).toBe('');
        expect(Number(r.stdout.trim())).toBeGreaterThan(1000);
        const runs = fs.readFileSync(calls, 'utf8').trim().split('\n');
        expect(runs[0]).not.toContain('--no-sandbox');
        // a second run, without the sandbox, only where the first could not start one
        expect(runs.length).toBeLessThanOrEqual(2);
        if (runs.length === 2) expect(runs[1]).toContain('--no-sandbox');
      } finally {
        t.cleanup();
      }
    },
    120_000,
  );
});
