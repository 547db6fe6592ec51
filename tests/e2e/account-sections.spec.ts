import type { Page } from '@playwright/test';
import { createWorkspace, expect, shot, test } from './fixtures';

/** Issue 14 points 3 and 5: the account page in sections, the KPI table's filter, Back and Forward. */

const kpiTable = (page: Page) => page.getByRole('table', { name: 'KPIs' });
const filter = (page: Page, name: RegExp) =>
  page.getByRole('group', { name: 'Show KPIs' }).getByRole('button', { name });
/** The status chips of the KPI rows shown (group rows have none). */
const chips = (page: Page) => kpiTable(page).locator('tbody tr:not(.group-row) td .chip');
const countIn = async (page: Page, name: RegExp) =>
  Number(((await filter(page, name).textContent()) ?? '').replace(/.*\((\d+)\)$/, '$1'));

async function openTechCorp(page: Page) {
  await createWorkspace(page, 'Trial');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  const portfolio = page.getByRole('table', { name: 'Portfolio' });
  await expect(portfolio.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  await portfolio.getByRole('button', { name: 'TechCorp Solutions', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'TechCorp Solutions', level: 1 })).toBeVisible();
}

test('the account page in sections, kept across a reload; the KPI table filtered; bands never wrap', async ({
  appPage: page,
}) => {
  await openTechCorp(page);
  const tabs = page.getByRole('tablist', { name: 'Account sections' });
  await expect(tabs.getByRole('tab')).toHaveText([
    'Overview',
    'KPIs',
    'Receipt and what-if',
    'Playbooks',
    'Uploads',
    'Notes and timeline',
  ]);
  // Overview first: health, categories, trend; the other sections are not on the page.
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('overall-score')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Category scores' })).toBeVisible();
  await expect(kpiTable(page)).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Upload history' })).toHaveCount(0);
  // The overview's link opens the receipt's section.
  await page.getByRole('button', { name: 'See the score receipt and what-if' }).click();
  await expect(page.getByRole('tab', { name: 'Receipt and what-if' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: /^Score receipt/ })).toBeVisible();
  await expect(page.getByTestId('whatif-result')).toBeVisible();

  // KPIs: scored first, the KPIs without a range folded.
  await page.getByRole('tab', { name: 'KPIs' }).click();
  await expect(filter(page, /^All/)).toHaveAttribute('aria-pressed', 'true');
  const all = await countIn(page, /^All/);
  const noRange = await countIn(page, /^No range/);
  const scored = await countIn(page, /^Scored/);
  expect(noRange).toBeGreaterThan(0);
  await expect(chips(page)).toHaveCount(all - noRange);
  await expect(chips(page).filter({ hasText: 'No range' })).toHaveCount(0);
  const fold = page.getByRole('button', { name: /without a reference range/ });
  await expect(fold).toHaveText(`Show ${noRange} more KPIs without a reference range (counted, not scored)`);
  // Within each category the scored rows come before the others.
  for (const group of await kpiTable(page).locator('tbody').all()) {
    const statuses = await group.locator('td .chip').allTextContents();
    const firstUnscored = statuses.findIndex((t) => /No value|No range/.test(t));
    if (firstUnscored >= 0) expect(statuses.slice(firstUnscored).join()).not.toMatch(/Healthy|Risk|Critical/);
  }
  // No band of a range wraps: each one is a single line box.
  const wrapped = await kpiTable(page)
    .locator('.range-band')
    .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 1).map((e) => e.textContent));
  expect(wrapped).toEqual([]);
  await expect(kpiTable(page).locator('.range-band').first()).toHaveCSS('white-space', 'nowrap');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'account-sections-kpis');

  await fold.click();
  await expect(chips(page)).toHaveCount(all);
  await expect(fold).toHaveText(`Fold the ${noRange} KPIs without a reference range`);
  await filter(page, /^Scored/).click();
  await expect(chips(page)).toHaveCount(scored);
  await expect(chips(page).filter({ hasText: /No value|No range/ })).toHaveCount(0);
  await filter(page, /^Critical and Risk/).click();
  const attention = await countIn(page, /^Critical and Risk/);
  await expect(chips(page)).toHaveCount(attention);
  for (const text of await chips(page).allTextContents()) expect(text).toMatch(/Critical|Risk/);
  await filter(page, /^No range/).click();
  await expect(chips(page)).toHaveCount(noRange);
  for (const text of await chips(page).allTextContents()) expect(text).toContain('No range');

  // The section bar stays in view while the section scrolls.
  await page.locator('main').evaluate((m) => m.scrollTo(0, m.scrollHeight));
  const bar = await tabs.boundingBox();
  expect(bar?.y ?? 99).toBeLessThan(4);

  // The section is part of the route: a reload opens it again.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'KPIs' })).toHaveAttribute('aria-selected', 'true');
  await expect(kpiTable(page)).toBeVisible();

  // Arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'KPIs' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Receipt and what-if' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Receipt and what-if' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('tab', { name: 'Playbooks' }).click();
  await expect(page.getByRole('heading', { name: 'Playbooks', level: 2 })).toBeVisible();
  await page.getByRole('tab', { name: 'Uploads' }).click();
  await expect(page.getByRole('table', { name: 'Upload history' })).toBeVisible();
});

test("the browser's Back and Forward move between the app's screens", async ({ appPage: page }) => {
  await openTechCorp(page);
  await page.getByRole('tab', { name: 'KPIs' }).click();
  await kpiTable(page).getByRole('button', { name: 'NPS Score', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'NPS Score', level: 1 })).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('heading', { name: 'TechCorp Solutions', level: 1 })).toBeVisible();
  // Back on the account in the section it was left in.
  await expect(page.getByRole('tab', { name: 'KPIs' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Portfolio', level: 1 })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'TechCorp Solutions', level: 1 })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'NPS Score', level: 1 })).toBeVisible();

  // The sidebar's screens too, and a screen left by Back is the one a reload opens.
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'NPS Score', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'NPS Score', level: 1 })).toBeVisible();
});
