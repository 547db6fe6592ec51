import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createWorkspace, expect, importByDrop, SAMPLES, shot, test } from './fixtures';

type Expected = Record<
  string,
  Record<string, { overall_health_score: number; status: string; categories: Record<string, number> }>
>;
const expected: Expected = {
  ...JSON.parse(fs.readFileSync(path.join(SAMPLES, 'techcorp-solutions-2025-09.expected.json'), 'utf8')),
  ...JSON.parse(fs.readFileSync(path.join(SAMPLES, 'acme-rollup-2025-09.expected.json'), 'utf8')),
};
const latest = Object.entries(expected).map(([name, months]) => ({ name, ...months['2025-09'] }));
const countOf = (status: string) => latest.filter((a) => a.status === status).length;

/**
 * A number as the screens show it (one decimal) is within display rounding of the expected one.
 * Scores are stored with 2 decimals (scoring.md), so the shown figure rounds a rounded value:
 * 79.3467 is stored as 79.35 and shown as 79.4, up to 0.05 + 0.005 away.
 */
function expectShown(text: string | null, value: number, what: string) {
  const shown = Number((text ?? '').replace('−', '-').replace(/[^\d.-]/g, ''));
  expect(Math.abs(shown - value), `${what}: shown ${text}, expected ${value.toFixed(4)}`).toBeLessThanOrEqual(0.0551);
}

/**
 * Light and dark screenshots of the whole current screen: toasts dismissed, the window made as
 * tall as the screen's content (the content scrolls inside <main>), then put back.
 */
async function shots(page: Page, name: string) {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll<HTMLButtonElement>('.toasts button[aria-label="Dismiss"]')) b.click();
  });
  const size = page.viewportSize()!;
  const height = await page.locator('main').evaluate((m) => m.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 4000) });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100); // the charts re-draw in the new colours
    await shot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(size);
}

const portfolioTable = (page: Page) => page.getByRole('table', { name: 'Portfolio' });
const dataRows = (page: Page) => portfolioTable(page).locator('tbody tr');
const rowOf = (page: Page, name: string): Locator =>
  dataRows(page).filter({ has: page.getByRole('button', { name, exact: true }) });
const firstRowName = (page: Page) => dataRows(page).first().getByRole('cell').first();

test('dashboards show the imported samples: portfolio, account with receipt and what-if, KPI history', async ({
  appPage: page,
}) => {
  // A fresh workspace invites a workbook.
  await createWorkspace(page, 'Samples');
  await expect(page.getByRole('heading', { name: 'No KPI data yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
  await shots(page, 'dashboard-empty');

  // Both samples dropped on the window, through the import screen.
  await importByDrop(page, path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'), { account: 'TechCorp Solutions' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel(/Account roll-up/).check();
  await expect(page.getByText('Upload mode saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await importByDrop(page, path.join(SAMPLES, 'acme-rollup-2025-09.xlsx'));

  // The accounts come from the imports with no revenue; TechCorp's is recorded by hand.
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'Edit TechCorp Solutions' }).click();
  await page.getByRole('dialog', { name: 'Edit TechCorp Solutions' }).getByLabel('Annual revenue').fill('1200000');
  await page.getByRole('dialog', { name: 'Edit TechCorp Solutions' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit TechCorp Solutions' })).toBeHidden();

  // Portfolio: every account with its score and status as the expected results say.
  await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
  await expect(portfolioTable(page)).toHaveAttribute('aria-rowcount', String(latest.length + 1));
  await expect(dataRows(page)).toHaveCount(latest.length);
  for (const a of latest) {
    const row = rowOf(page, a.name);
    await expect(row).toHaveCount(1);
    expectShown(await row.locator('.cell-health .score').textContent(), a.overall_health_score, a.name);
    await expect(row.locator('.chip')).toContainText(a.status);
  }
  for (const s of ['Healthy', 'Risk', 'Critical']) {
    await expect(page.getByTestId(`count-${s}`)).toContainText(String(countOf(s)));
  }
  // Revenue: TechCorp's as recorded; the ACME accounts, created by the roll-up import, have none.
  const revenueCell = (name: string) => rowOf(page, name).getByRole('cell').nth(4);
  await expect(revenueCell('TechCorp Solutions')).toHaveText('$1,200,000');
  await expect(revenueCell('ACME Cloud')).toHaveText('–No revenue recorded');
  const atRiskAcme = latest.filter((a) => a.name !== 'TechCorp Solutions' && a.status !== 'Healthy').length;
  await expect(page.getByTestId('revenue-unrecorded')).toHaveText(
    `${atRiskAcme} at-risk accounts have no revenue recorded.`,
  );

  // A status chosen in the distribution filters the table; the distribution keeps every status.
  await page.getByTestId('count-Critical').click();
  await expect(page.getByTestId('count-Critical')).toHaveAttribute('aria-pressed', 'true');
  await expect(dataRows(page)).toHaveCount(countOf('Critical'));
  for (const s of ['Healthy', 'Risk', 'Critical']) {
    await expect(page.getByTestId(`count-${s}`)).toContainText(String(countOf(s)));
  }
  await page.getByTestId('count-Critical').click();
  await expect(dataRows(page)).toHaveCount(latest.length);

  const byScore = [...latest].sort((x, y) => x.overall_health_score - y.overall_health_score);
  // Worst first by default.
  await expect(firstRowName(page)).toHaveText(byScore[0].name);
  await expect(page.getByRole('list', { name: 'Biggest movers' }).getByRole('listitem').first()).toBeVisible();
  await shots(page, 'dashboard-portfolio');

  // Sort by health, best first; then by name.
  const health = portfolioTable(page).getByRole('columnheader', { name: 'Health' });
  await health.getByRole('button').click();
  await expect(health).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRowName(page)).toHaveText(byScore[byScore.length - 1].name);

  // Filter by status, then search by name.
  await page.getByLabel('Status', { exact: true }).selectOption('Critical');
  await expect(dataRows(page)).toHaveCount(countOf('Critical'));
  for (const chip of await dataRows(page).locator('.chip').all()) await expect(chip).toContainText('Critical');
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Search accounts by name').fill('techcorp');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(page.getByTestId('portfolio-count')).toHaveText(`1 of ${latest.length} accounts`);

  // Filters and sort survive a restart.
  await page.getByLabel('Search accounts by name').fill('');
  await page.getByLabel('Status', { exact: true }).selectOption('Risk');
  await page.reload();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('Risk');
  await expect(portfolioTable(page).getByRole('columnheader', { name: 'Health' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(dataRows(page)).toHaveCount(countOf('Risk'));

  // The table as CSV, as shown.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^portfolio-\d{4}-\d{2}\.csv$/);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  expect(csvText.trim().split(/\r?\n/)).toHaveLength(countOf('Risk') + 1);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();

  // Sort by the last upload: TechCorp's file went in before the roll-up's.
  const dataAsOf = portfolioTable(page).getByRole('columnheader', { name: /Data as of/ });
  await dataAsOf.getByRole('button', { name: 'Uploaded' }).click();
  await expect(dataAsOf).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows(page).last().getByRole('cell').first()).toHaveText('TechCorp Solutions');
  await dataAsOf.getByRole('button', { name: 'Uploaded' }).click();
  await expect(dataAsOf).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstRowName(page)).toHaveText('TechCorp Solutions');

  // Account: overall, category scores with weights, receipt with the month-over-month breakdown.
  const tc = expected['TechCorp Solutions'];
  await rowOf(page, 'TechCorp Solutions').getByRole('button', { name: 'TechCorp Solutions' }).click();
  await expect(page.getByRole('heading', { name: 'TechCorp Solutions', level: 1 })).toBeVisible();
  const overallText = (await page.getByTestId('overall-score').textContent()) ?? '';
  expectShown(overallText, tc['2025-09'].overall_health_score, 'overall');
  const cats = page.getByRole('table', { name: 'Category scores' });
  for (const [category, score] of Object.entries(tc['2025-09'].categories)) {
    const r = cats.getByRole('row').filter({ has: page.getByRole('rowheader', { name: category }) });
    expectShown(await r.getByRole('cell').first().textContent(), score, category);
    await expect(r.getByRole('cell').nth(1)).toHaveText(/%$/);
  }
  await expect(page.getByRole('img', { name: 'Health trend of TechCorp Solutions' })).toBeVisible();
  await shots(page, 'dashboard-account');
  // The receipt in its own section: the parts add up to the change.
  await page.getByRole('tab', { name: 'Receipt and what-if' }).click();
  const change = tc['2025-09'].overall_health_score - tc['2025-08'].overall_health_score;
  expectShown(await page.getByTestId('receipt-change').textContent(), change, 'change');
  // The parts add up to the change.
  expect(await page.getByTestId('receipt-total').textContent()).toBe(
    await page
      .getByTestId('receipt-change')
      .textContent()
      .then((t) => t?.replace(' points', '')),
  );
  await page.getByRole('tab', { name: 'KPIs' }).click();
  const kpis = page.getByRole('table', { name: 'KPIs' });
  await expect(kpis.getByRole('rowheader', { name: 'NPS Score' })).toBeVisible();
  await expect(kpis.getByRole('row').filter({ hasText: 'NPS Score' }).locator('.chip')).toContainText('Risk');
  await shots(page, 'dashboard-account-kpis');
  await page.getByRole('tab', { name: 'Receipt and what-if' }).click();

  // What-if: NPS at 45 is Healthy (76.43, spec 3) and lifts Relationship Strength and the overall.
  await page.getByLabel('What-if KPI').selectOption({ label: 'NPS Score' });
  await page.getByLabel('What-if value of NPS Score').fill('45');
  const result = page.getByTestId('whatif-result');
  await expect(result).toContainText('NPS Score:');
  await expect(result.locator('.whatif-kpi')).toContainText('76.4');
  const relRow = result
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Relationship Strength' }) });
  await expect(relRow.getByRole('cell').nth(2)).toHaveText(/^\+/);
  const whatIf = Number(await page.getByTestId('whatif-overall').locator('strong').textContent());
  expect(whatIf).toBeGreaterThan(tc['2025-09'].overall_health_score);
  // A weight of 0 leaves the category out.
  await page.getByLabel('What-if weight of Support & Experience').fill('0');
  await expect(result.getByText('Result of 2 changes')).toBeVisible();
  await page.getByRole('button', { name: 'Reset what-if' }).click();
  await expect(page.getByTestId('whatif-overall').locator('strong')).toHaveText(overallText);
  await page.getByRole('region', { name: /Score receipt/ }).scrollIntoViewIfNeeded();
  await shots(page, 'dashboard-receipt');

  // The account as it was in May.
  await page.getByLabel('Month', { exact: true }).selectOption('2025-05');
  await expect(page.getByRole('heading', { name: 'Score receipt, May 2025' })).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  expectShown(await page.getByTestId('overall-score').textContent(), tc['2025-05'].overall_health_score, 'May');

  // Any chart as PNG.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Health trend of TechCorp Solutions as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('techcorp-solutions-health-trend.png');
  const pngBytes = fs.readFileSync((await png.path())!);
  expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
  // Drawn for a slide: twice the density of a chart at least 960 x 400 (with its title line).
  expect(pngBytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1920);
  expect(pngBytes.readUInt32BE(20)).toBeGreaterThanOrEqual(800);

  // KPI view: one KPI over time on its bands, and the upload each value came from.
  await page.getByRole('tab', { name: 'KPIs' }).click();
  await page.getByRole('table', { name: 'KPIs' }).getByRole('button', { name: 'NPS Score', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'NPS Score', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: 'NPS Score of TechCorp Solutions by month' })).toBeVisible();
  const values = page.getByRole('table', { name: 'Values by month' });
  await expect(values.locator('tbody tr')).toHaveCount(9);
  const sep = values.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Sep 2025' }) });
  await expect(sep).toContainText('12.2');
  await expect(sep).toContainText('v1 · techcorp-solutions-2025-09.xlsx');
  await shots(page, 'dashboard-kpi');

  // Keyboard: back to the portfolio, arrow keys move between rows; focus follows each change of
  // screen to its heading, and back on the portfolio to the row it left from.
  await page.getByRole('button', { name: '← TechCorp Solutions' }).click();
  await expect(page.getByRole('heading', { name: 'TechCorp Solutions', level: 1 })).toBeFocused();
  await page.getByRole('button', { name: '← Portfolio' }).click();
  // The account was opened from its row: that row has focus again.
  await expect(rowOf(page, 'TechCorp Solutions').getByRole('button', { name: 'TechCorp Solutions' })).toBeFocused();
  await expect(page.getByTestId('screen-announcement')).toHaveText('Portfolio');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeFocused();
  await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Portfolio', level: 1 })).toBeFocused();
  const first = dataRows(page).first().getByRole('button');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = dataRows(page).nth(1).getByRole('button');
  await expect(second).toBeFocused();
  const secondName = (await second.textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: secondName, level: 1 })).toBeFocused();
  await expect(page.getByTestId('screen-announcement')).toHaveText(secondName);
  await page.getByRole('button', { name: '← Portfolio' }).press('Enter');
  await expect(rowOf(page, secondName).getByRole('button', { name: secondName })).toBeFocused();
});

test('a fresh workspace loads the sample data through the real importer', async ({ appPage: page, app }) => {
  await createWorkspace(page, 'Trial');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(dataRows(page)).toHaveCount(latest.length, { timeout: 60_000 });
  for (const s of ['Healthy', 'Risk', 'Critical']) {
    await expect(page.getByTestId(`count-${s}`)).toContainText(String(countOf(s)));
  }
  const uploads = app.backend.ctx.db.raw.prepare('SELECT count(*) AS n FROM kpi_uploads').get() as { n: number };
  expect(uploads.n).toBe(latest.length);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shots(page, 'dashboard-portfolio-1920');
});
