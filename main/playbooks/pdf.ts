import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';

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
    const args = [
      '--headless',
      '--no-sandbox',
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
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr = (stderr + c.toString()).slice(-2000);
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new AppError('refused', 'Printing the PDF took too long and was stopped.'));
      }, options.timeoutMs ?? 60_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new AppError('refused', `Chromium could not be started to print the PDF: ${e.message}`));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (fs.existsSync(pdfFile) && fs.statSync(pdfFile).size > 0) resolve();
        else reject(new AppError('refused', `Chromium did not produce the PDF (exit ${code}). ${stderr.trim()}`));
      });
    });
    return new Uint8Array(fs.readFileSync(pdfFile));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
