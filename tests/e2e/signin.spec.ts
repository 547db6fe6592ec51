import { createWorkspace, expect, shot, test } from './fixtures';

test('a workspace with a password asks for sign-in; Settings → People adds people with passwords', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Guarded');
  await page.getByRole('button', { name: 'Settings' }).click();
  const people = page.getByRole('region', { name: 'People' });
  await people.getByRole('button', { name: 'Add person…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add person' });
  await dialog.getByLabel('Name').fill('Ann');
  await dialog.getByLabel('Email').fill('ann@acme.com');
  await dialog.getByLabel('Password (optional)').fill('ann-secret-1');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(people.getByText('Password', { exact: true })).toBeVisible();
  const stored = app.backend.ctx.db.raw
    .prepare("SELECT password_hash FROM users WHERE user_name = 'Ann'")
    .pluck()
    .get();
  expect(String(stored)).toMatch(/^scrypt\$/);

  // opening the workspace again (a new start of the window) asks for sign-in
  const list = await app.backend.invoke('workspaces.list', {});
  const id = list.ok ? (list.data as { activeId: number }).activeId : 0;
  app.backend.ctx.openWorkspace(id);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Guarded' })).toBeVisible();
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password is not right.');
  await shot(page, 'signin');
  await page.getByLabel('Password').fill('ann-secret-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Guarded' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(people.getByRole('listitem').filter({ hasText: '(you)' })).toContainText('Ann');
});
