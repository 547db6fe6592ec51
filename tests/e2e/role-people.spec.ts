import { createWorkspace, expect, test } from './fixtures';

/** Issue 13, point 5: a playbook's roles mapped to people, the owner as CSM by default. */
test("a started playbook maps the CSM role to the account's owner; roles are edited; steps show who is responsible", async ({
  appPage: page,
  app,
}) => {
  const raw = app.backend.ctx.db.raw;
  await createWorkspace(page, 'People CS');
  const customerId = (raw.prepare('SELECT customer_id FROM customers').get() as { customer_id: number }).customer_id;
  const addUser = (name: string) =>
    Number(
      raw
        .prepare('INSERT INTO users (customer_id, user_name, email) VALUES (?, ?, ?)')
        .run(customerId, name, `${name.toLowerCase()}@example.com`).lastInsertRowid,
    );
  const omar = addUser('Omar');
  addUser('Pia');
  raw
    .prepare(
      "INSERT INTO accounts (customer_id, account_name, account_status, owner_user_id) VALUES (?, 'Acme', 'active', ?)",
    )
    .run(customerId, omar);
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Playbooks' }).click();
  await page.getByRole('button', { name: 'Start a playbook' }).click();
  const start = page.getByRole('dialog', { name: 'Start a playbook' });
  await start.getByLabel('Account').selectOption({ label: 'Acme' });
  await start.getByLabel('Playbook').selectOption('voc-sprint');
  await start.getByRole('button', { name: 'Start playbook' }).click();
  await expect(page.getByRole('heading', { name: 'VoC Sprint: Acme' })).toBeVisible();

  const people = page.getByRole('region', { name: 'People' });
  const roles = people.getByRole('table', { name: 'Roles and people' });
  await expect(roles.getByRole('row', { name: /^CSM/ })).toContainText('Omar');
  await expect(roles.getByRole('row', { name: /^Product Manager/ })).toContainText('No one');
  const steps = people.getByRole('list', { name: 'Responsible for each step' });
  await expect(steps.getByRole('listitem').first()).toContainText('Omar');
  await expect(steps.getByRole('listitem').nth(2)).toContainText('No one yet (Product Manager)');

  await people.getByLabel('Add a person to Product Manager').selectOption({ label: 'Pia' });
  await expect(roles.getByRole('row', { name: /^Product Manager/ })).toContainText('Pia');
  await expect(steps.getByRole('listitem').nth(1)).toContainText('Omar, Pia');
  await expect(steps.getByRole('listitem').nth(2)).toContainText('Pia');

  await people.getByRole('button', { name: 'Remove Omar from CSM' }).click();
  await expect(roles.getByRole('row', { name: /^CSM/ })).toContainText('No one');
  await expect(steps.getByRole('listitem').first()).toContainText('No one yet (CSM)');
  const stored = raw.prepare('SELECT role, user_id FROM playbook_role_people ORDER BY id').all();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ role: 'Product Manager' });

  // A finished playbook's people are shown, no longer edited.
  await page.getByRole('button', { name: 'Cancel playbook…' }).click();
  const cancel = page.getByRole('dialog', { name: /Cancel/ });
  await cancel.getByRole('button', { name: /Cancel playbook/ }).click();
  await expect(people.getByLabel('Add a person to CSM')).toHaveCount(0);
  await expect(people).toContainText('Who played each role of this playbook.');
});
