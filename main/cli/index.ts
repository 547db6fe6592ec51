import { commands } from './commands';
import { runCli } from './framework';

/** The command line: `npm run kpi -- <command>`. */
const io = { out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };

runCli(commands, process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`kpi: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
