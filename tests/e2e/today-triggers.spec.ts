import fs from 'node:fs';
import path from 'node:path';
import { commitImport } from '../../main/import/service';
import { createWorkspace, expect, SAMPLES, shot, test } from './fixtures';

const TECHCORP = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');

test("Today's firing playbooks: grouped per playbook, two accounts ticked and started together", async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Globex');
  const ctx = app.backend.ctx;
  const customerId = ctx.session.customerId!;
  const db = ctx.db.raw;
  // Two accounts with TechCorp's September: the same playbooks fire for both.
  const add = (name: string) =>
    Number(
      db.prepare('INSERT INTO accounts (customer_id, account_name) VALUES (?, ?)').run(customerId, name)
        .lastInsertRowid,
    );
  for (const accountId of [add('Acme Corp'), add('Initech')]) {
    await commitImport(
      ctx.db,
      { customerId, userId: ctx.session.userId },
      { fileName: 'techcorp.xlsx', bytes: fs.readFileSync(TECHCORP), period: '2025-09', accountId, mode: 'corporate' },
    );
  }
  await page.reload();
  await page.getByRole('button', { name: /^Today/ }).click();
  const fires = page.getByRole('region', { name: /Playbooks that fire/ });
  // Loaded apart from the other sections (the slow part at thousands of accounts): marked busy
  // until its answer is in, then holding that answer's scope.
  await expect(fires).toHaveAttribute('aria-busy', 'false');
  await expect(fires).toHaveAttribute('data-scope', 'everyone');
  const voc = fires.getByRole('region', { name: /^VoC Sprint/ });
  await expect(voc).toContainText('(2)');
  await expect(voc.getByRole('listitem')).toHaveCount(2);
  // one group per playbook, each with its own button
  const groups = await fires.getByRole('heading', { level: 3 }).allTextContents();
  expect(new Set(groups).size).toBe(groups.length);
  await expect(fires.getByRole('button', { name: /^Start for selected/ })).toHaveCount(groups.length);

  // Tick the two accounts with the keyboard and start them in one go.
  const start = voc.getByRole('button', { name: /^Start for selected/ });
  await expect(start).toBeDisabled();
  await voc.getByLabel('Select Acme Corp for VoC Sprint').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // the account's link
  await page.keyboard.press('Tab'); // the next account's checkbox
  await expect(voc.getByLabel('Select Initech for VoC Sprint')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(start).toHaveText('Start for selected (2)');
  await shot(page, 'today-fires-grouped');
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Started 2 playbooks: VoC Sprint for Acme Corp and Initech.')).toBeVisible();

  // The list refreshes: the VoC Sprint no longer fires for them (it runs); the other groups stay.
  await expect(voc).toHaveCount(0);
  await expect(fires.getByRole('heading', { level: 3 })).toHaveCount(groups.length - 1);
  const running = db
    .prepare(
      `SELECT a.account_name AS account, e.playbook_id AS playbook, e.status AS status
         FROM playbook_executions e JOIN accounts a USING (account_id) ORDER BY a.account_name`,
    )
    .all();
  expect(running).toEqual([
    { account: 'Acme Corp', playbook: 'voc-sprint', status: 'in-progress' },
    { account: 'Initech', playbook: 'voc-sprint', status: 'in-progress' },
  ]);

  // The trigger grid shows them running.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Playbooks' }).click();
  await page.getByRole('tab', { name: 'Triggers' }).click();
  const grid = page.getByRole('table', { name: 'Trigger evaluation by account and playbook' });
  await expect(grid.getByRole('button', { name: 'VoC Sprint for Acme Corp: Running' })).toBeVisible();
  await expect(grid.getByRole('button', { name: 'VoC Sprint for Initech: Running' })).toBeVisible();
});
