import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import { log } from '../log';

/**
 * HTML to PDF with headless Chromium, outside Electron (command line, tests). The desktop app
 * prints its report page with Electron's printToPDF instead.
 */

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(): string | null {
  const fromEnv = process.env.KPI_CHROMIUM ?? process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Chromium's own sandbox stays on where it can work: it is turned off as root (Chromium refuses to
 * start sandboxed there), and again for a second try when a first one failed for want of a sandbox
 * (a container without user namespaces, a missing setuid helper).
 */
export function sandboxArgs(uid: number | null): string[] {
  return uid === 0 ? ['--no-sandbox'] : [];
}

/** Whether Chromium's error output says it could not start its sandbox. */
export function sandboxFailed(stderr: string): boolean {
  return /no usable sandbox|without --no-sandbox|sandbox helper binary|failed to move to new namespace|crbug\.com\/638180/i.test(
    stderr,
  );
}

const currentUid = () => (typeof process.getuid === 'function' ? process.getuid() : null);

/** Runs Chromium once; resolves to its exit code and the end of its error output. */
function runChromium(
  chromium: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AppError('refused', 'Printing the PDF took too long and was stopped.'));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new AppError('refused', `Chromium could not be started to print the PDF: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

export async function htmlToPdf(html: string, options: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  const chromium = findChromium();
  if (!chromium) {
    throw new AppError(
      'refused',
      'No Chromium or Chrome was found to print the PDF: install one, or set KPI_CHROMIUM to its path.',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-pdf-'));
  try {
    const htmlFile = path.join(dir, 'report.html');
    const pdfFile = path.join(dir, 'report.pdf');
    fs.writeFileSync(htmlFile, html, 'utf8');
    const args = (sandbox: string[]) => [
      '--headless',
      ...sandbox,
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-extensions',
      '--disable-background-networking',
      '--no-pdf-header-footer',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--print-to-pdf=${pdfFile}`,
      pathToFileURL(htmlFile).href,
    ];
    const printed = () => fs.existsSync(pdfFile) && fs.statSync(pdfFile).size > 0;
    const first = sandboxArgs(currentUid());
    let run = await runChromium(chromium, args(first), options.timeoutMs ?? 60_000);
    if (!printed() && first.length === 0 && sandboxFailed(run.stderr)) {
      log.warn('pdf.no-sandbox', { reason: run.stderr.trim().split('\n').pop() });
      run = await runChromium(chromium, args(['--no-sandbox']), options.timeoutMs ?? 60_000);
    }
    if (!printed())
      throw new AppError('refused', `Chromium did not produce the PDF (exit ${run.code}). ${run.stderr.trim()}`);
    return new Uint8Array(fs.readFileSync(pdfFile));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
