import { commands } from './commands';
import { runCli } from './framework';

/** The command line: `npm run kpi -- <command>`. */
const io = { out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };

// Output read by a program that stops reading early (`kpi ... | head -1`): the rest is not wanted,
// so the command ends quietly instead of failing on the closed pipe. Its work is done by then:
// every command writes what it did after doing it.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

runCli(commands, process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`kpi: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
