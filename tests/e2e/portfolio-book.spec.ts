import { createWorkspace, expect, shot, test } from './fixtures';

/**
 * Issue 13 point 1 (the portfolio filters by owner and segment and shows the renewal date) and
 * issue 14 point 4 (the stale limit is a setting; columns no account fills are collapsed).
 */
test('the portfolio filters by owner and segment, shows renewals, and follows the stale limit set in Settings', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Book');
  const portfolio = page.getByRole('table', { name: 'Portfolio' });
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: 'Portfolio', exact: true }).click();
  await page.getByRole('button', { name: 'Load sample data' }).click();

  // Before any owner, segment or renewal is recorded: no such columns or filters.
  await expect(portfolio.getByRole('row')).toHaveCount(12);
  await expect(portfolio.getByRole('columnheader')).toHaveText([
    'Account',
    /^Health/,
    'Change',
    '12 months',
    'Revenue',
    'IndustryRegion',
    'Data as ofUploaded',
  ]);
  await expect(page.getByLabel('Owner', { exact: true })).toHaveCount(0);
  // The samples' newest month (Sep 2025) is long past: every row is stale under the default 2 months.
  await expect(portfolio.locator('.stale-flag')).toHaveCount(11);

  const invoke = async (channel: string, payload: unknown) => {
    const r = await app.backend.invoke(channel, payload);
    expect(r.ok).toBe(true);
    return (r as { data: any }).data;
  };
  const accounts = (await invoke('accounts.list', {})) as Array<{ id: number; name: string }>;
  const idOf = (name: string) => accounts.find((a) => a.name === name)!.id;
  const mia = await invoke('users.create', { name: 'Mia Chen', email: 'mia@example.com' });
  await invoke('accounts.update', {
    accountId: idOf('TechCorp Solutions'),
    ownerUserId: mia.id,
    renewalDate: '2027-03-31',
    segment: 'Enterprise',
  });
  await invoke('accounts.bulkUpdate', {
    accountIds: [idOf('ACME Rockets'), idOf('ACME Cloud')],
    ownerUserId: mia.id,
    segment: 'Mid-market',
  });

  // Settings: the stale limit, checked at the field before it is saved.
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  const limit = page.getByLabel('Stale after (months)');
  await expect(limit).toHaveValue('2');
  await limit.fill('0');
  await expect(limit).toHaveAccessibleDescription('The stale limit is at least 1 month.');
  await expect(page.getByRole('form', { name: 'Stale data' }).getByRole('button', { name: 'Save' })).toBeDisabled();
  await limit.fill('24');
  await page.getByRole('form', { name: 'Stale data' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Accounts now count as stale after 24 months without new data.')).toBeVisible();

  await nav.getByRole('button', { name: 'Portfolio', exact: true }).click();
  await expect(portfolio.getByRole('row')).toHaveCount(12);
  await expect(portfolio.locator('.stale-flag')).toHaveCount(0);
  // Renewal under revenue, owner over segment.
  await expect(portfolio.getByRole('columnheader', { name: 'Revenue Renewal' })).toBeVisible();
  await expect(portfolio.getByRole('columnheader', { name: 'Owner Segment' })).toBeVisible();
  const techCorp = portfolio.getByRole('row').filter({ hasText: 'TechCorp Solutions' });
  await expect(techCorp).toContainText('31 Mar 2027');
  await expect(techCorp).toContainText('Mia Chen');
  await expect(techCorp).toContainText('Enterprise');
  // Sorted by renewal: the one account with a date first, the others after it.
  await portfolio.getByRole('button', { name: 'Renewal' }).click();
  await expect(portfolio.getByRole('row').nth(1)).toContainText('TechCorp Solutions');

  await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'Mia Chen' });
  await expect(portfolio.getByRole('row')).toHaveCount(4);
  await page.getByLabel('Segment', { exact: true }).selectOption('Mid-market');
  const rows = portfolio.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(portfolio).toContainText('ACME Rockets');
  await expect(portfolio).toContainText('ACME Cloud');
  await expect(portfolio).not.toContainText('TechCorp Solutions');
  await shot(page, 'portfolio-owner-segment');
  await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'No owner' });
  await expect(page.getByText('No account matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(portfolio.getByRole('row')).toHaveCount(12);
});
