import { commands } from './commands';
import { runCli } from './framework';

/**
 * Output read by a program that stops reading early (`kpi ... | head -1`): the rest is not wanted,
 * so it is no longer written, and the command goes on to its end quietly instead of failing on
 * the closed pipe. Its work is done by then (every command writes what it did after doing it);
 * what is left is closing the database, which folds its write-ahead log back into the file (an
 * exit here left the log beside it: 317 MB after a 2,000-account import).
 */
let outputClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  outputClosed = true;
});

/** The command line: `npm run kpi -- <command>`. */
const io = {
  out: (l: string) => {
    if (!outputClosed) process.stdout.write(`${l}\n`);
  },
  err: (l: string) => process.stderr.write(`${l}\n`),
};

runCli(commands, process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`kpi: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
