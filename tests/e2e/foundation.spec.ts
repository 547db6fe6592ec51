import { createWorkspace, expect, shot, test } from './fixtures';

test('create a workspace, add and deactivate an account, change the weights', async ({ appPage: page, app }) => {
  await expect(page.getByRole('heading', { name: 'Welcome to KPI Dashboard' })).toBeVisible();
  await shot(page, 'welcome');
  await createWorkspace(page, 'Globex');
  await expect(page.getByLabel('Workspace', { exact: true }).locator('option:checked')).toHaveText('Globex');

  // Accounts: add two, deactivate one, undo, deactivate again.
  await page.getByRole('button', { name: 'Accounts' }).click();
  for (const [name, revenue, industry] of [
    ['TechCorp Solutions', '1200000', 'Technology'],
    ['Initech', '300000', 'Finance'],
  ]) {
    await page.getByRole('button', { name: 'Add account' }).click();
    const d = page.getByRole('dialog', { name: 'Add account' });
    await d.getByLabel('Account name').fill(name);
    await d.getByLabel('Annual revenue').fill(revenue);
    await d.getByLabel('Industry').fill(industry);
    await d.getByRole('button', { name: 'Add account' }).click();
    await expect(
      page.getByRole('table', { name: 'Accounts' }).getByRole('button', { name, exact: true }),
    ).toBeVisible();
  }
  const table = page.getByRole('table', { name: 'Accounts' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Deactivate Initech' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Deactivate Initech' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Status').selectOption('inactive');
  await expect(table.getByRole('button', { name: 'Initech', exact: true })).toBeVisible();
  await page.getByLabel('Status').selectOption('active');
  await page.getByLabel('Search accounts').fill('tech');
  await expect(table.getByRole('row')).toHaveCount(2);
  await shot(page, 'accounts');
  const stored = app.backend.ctx.db.raw
    .prepare("SELECT account_status FROM accounts WHERE account_name = 'Initech'")
    .get();
  expect(stored).toEqual({ account_status: 'inactive' });

  // Settings: weights that do not add up are refused; 100% is saved.
  await page.getByRole('button', { name: 'Settings' }).click();
  const weight = page.getByLabel('Weight of Business Outcomes');
  await weight.fill('25');
  await expect(page.getByTestId('weights-total')).toHaveText('110%');
  await expect(page.getByRole('button', { name: 'Save weights' })).toBeDisabled();
  await page.getByLabel('Weight of Adoption & Engagement').fill('15');
  await expect(page.getByTestId('weights-total')).toHaveText('100%');
  await page.getByRole('button', { name: 'Save weights' }).click();
  await expect(page.getByText('Category weights saved')).toBeVisible();
  await shot(page, 'settings');
  const cfg = app.backend.ctx.db.raw.prepare('SELECT category_weights FROM customer_configs').get() as {
    category_weights: string;
  };
  expect(JSON.parse(cfg.category_weights)).toMatchObject({ 'Business Outcomes': 0.25, 'Adoption & Engagement': 0.15 });

  // A reload opens the same screen again, not the portfolio.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }),
  ).toHaveAttribute('aria-current', 'page');
});

test('the API refuses calls without the per-run token', async ({ app, request }) => {
  const origin = new URL(app.url).origin;
  const res = await request.post(`${origin}/api/invoke`, { data: { channel: 'workspaces.list', payload: {} } });
  expect(res.status()).toBe(403);
  const good = await request.post(`${origin}/api/invoke`, {
    data: { channel: 'workspaces.list', payload: {} },
    headers: { 'X-KPI-Token': app.token },
  });
  expect(await good.json()).toMatchObject({ ok: true, data: { workspaces: [] } });
  const csp = good.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
});

test('a first run offers to explore the app with the sample data', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'Explore with sample data' }).click();
  await expect(page.getByRole('table', { name: 'Portfolio' })).toBeVisible();
  await expect(page.getByLabel('Workspace', { exact: true }).locator('option:checked')).toHaveText('Sample data');
  await expect(page.getByRole('button', { name: 'TechCorp Solutions', exact: true })).toBeVisible();
});

test('a slow answer to an earlier search never replaces the answer to a later one', async ({ appPage: page }) => {
  await createWorkspace(page, 'Search Co');
  for (const name of ['Acme Rockets', 'Acme Anvils', 'Beta Labs']) {
    await page.evaluate((name) => window.kpi.invoke('accounts.create', { name }), name);
  }
  await page.getByRole('button', { name: 'Accounts' }).click();
  const table = page.getByRole('table', { name: 'Accounts' });
  await expect(table.getByRole('row')).toHaveCount(4);

  // The answer to the search "a" (every account) is held back until the later "acme r" has been shown.
  let releaseSlow: () => void = () => {};
  const slowHeld = new Promise<void>((r) => {
    releaseSlow = r;
  });
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('"accounts.list"') && body.includes('"search":"a"')) {
      await slowHeld;
    }
    await route.continue();
  });
  const search = page.getByLabel('Search accounts');
  await search.fill('a');
  await search.fill('acme r');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('button', { name: 'Acme Rockets', exact: true })).toBeVisible();
  releaseSlow();
  // the late answer to "a" arrives, and is not shown
  await page.waitForTimeout(500);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('button', { name: 'Beta Labs', exact: true })).toHaveCount(0);
});
