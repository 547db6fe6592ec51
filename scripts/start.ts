import { start } from './launch';

// `npm start` (after `npm run build`): the desktop window, or the browser preview where Electron
// cannot run here (scripts/launch.ts). A failure is one line, never a stack trace.
start(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
