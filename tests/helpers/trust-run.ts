import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs tests/helpers/trust-child.ts and SIGKILLs it as soon as it says it has begun; resolves with what it said. */
export function runChild(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/trust-child.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: string[] = [];
  return new Promise((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) {
        seen.push(line);
        if (line === 'begun') child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve(seen));
  });
}
