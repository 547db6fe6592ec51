import { startWebServer } from './server';

/** `npm run web -- --db FILE [--port N]`: the browser preview of the app. */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  if (process.argv.includes('--help')) {
    console.log('usage: npm run web -- --db FILE [--port N]\n\nServes the app on http://127.0.0.1:N/ (loopback only).');
    return;
  }
  const dbFile = arg('db') ?? 'kpi-dashboard.db';
  const port = arg('port') ? Number(arg('port')) : 5180;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('web: --port must be a number from 0 to 65535');
    process.exitCode = 2;
    return;
  }
  const server = await startWebServer({ dbFile, port });
  console.log(`KPI Dashboard (browser preview) on ${dbFile}; open:`);
  console.log(server.url);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`web: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
