import fs from 'node:fs';
import path from 'node:path';
import { commitImport } from '../../main/import/service';
import { createWorkspace, expect, SAMPLES, shot, test } from './fixtures';

const TECHCORP = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');

test('the trigger grid: worst accounts first, a cell in words, firing cells started together', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Globex');
  const ctx = app.backend.ctx;
  const customerId = ctx.session.customerId!;
  const db = ctx.db.raw;
  // Two accounts with TechCorp's September: the same status; Initech has revenue recorded (at risk).
  const add = (name: string, revenue: number) =>
    Number(
      db
        .prepare('INSERT INTO accounts (customer_id, account_name, revenue) VALUES (?, ?, ?)')
        .run(customerId, name, revenue).lastInsertRowid,
    );
  for (const accountId of [add('Acme Corp', 0), add('Initech', 900_000)]) {
    await commitImport(
      ctx.db,
      { customerId, userId: ctx.session.userId },
      { fileName: 'techcorp.xlsx', bytes: fs.readFileSync(TECHCORP), period: '2025-09', accountId, mode: 'corporate' },
    );
  }
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Playbooks' }).click();
  await page.getByRole('tab', { name: 'Triggers' }).click();

  const grid = page.getByRole('table', { name: 'Trigger evaluation by account and playbook' });
  // accounts as rows, worst first (same status: the revenue at risk decides); playbooks as columns
  await expect(grid.getByRole('columnheader')).toHaveText([
    'Account',
    'VoC Sprint',
    'Activation Blitz',
    'SLA Recovery',
    'Renewal Readiness',
    'Expansion Play',
  ]);
  const rows = grid.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole('rowheader')).toContainText('Initech');
  await expect(rows.nth(1).getByRole('rowheader')).toContainText('at risk');
  await expect(rows.nth(2).getByRole('rowheader')).toContainText('Acme Corp');

  // A cell's conditions: on hover (its title) and, selected, in words beside the grid.
  const voc = grid.getByRole('button', { name: 'VoC Sprint for Initech: Fires' });
  await expect(voc).toHaveAttribute('title', /^2 of 4 conditions hold; one is enough\n/);
  await voc.click();
  const detail = page.getByRole('region', { name: 'VoC Sprint for Initech' });
  await expect(detail).toContainText('Fires: 2 of 4 conditions hold; one is enough.');
  await expect(detail).toContainText("CSAT Score is 3.3, below the trigger's 3.6");
  await expect(detail).toContainText('health fell 2.3 points (47.0 → 44.7); the trigger needs 10');
  await expect(grid.getByRole('button', { name: 'Expansion Play for Initech: Quiet' })).toBeVisible();

  // The thresholds are beside the evaluation.
  await expect(page.getByRole('form', { name: 'VoC Sprint trigger' })).toBeVisible();
  await shot(page, 'playbooks-trigger-grid');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'playbooks-trigger-grid-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Tick two firing cells and start them together.
  const startSelected = page.getByRole('button', { name: /^Start selected/ });
  await expect(startSelected).toBeDisabled();
  await grid.getByLabel('Select VoC Sprint for Initech').check();
  await grid.getByLabel('Select SLA Recovery for Acme Corp').check();
  await expect(startSelected).toHaveText('Start selected (2)');
  await startSelected.click();
  await expect(page.getByText('Started 2 playbooks.')).toBeVisible();
  await expect(grid.getByRole('button', { name: 'VoC Sprint for Initech: Running' })).toBeVisible();
  await expect(grid.getByRole('button', { name: 'SLA Recovery for Acme Corp: Running' })).toBeVisible();
  await expect(grid.getByLabel('Select VoC Sprint for Initech')).toHaveCount(0);
  const started = db
    .prepare(
      `SELECT a.account_name AS account, e.playbook_id AS playbook,
              json_extract(e.execution_data, '$.metadata.triggeredBy') AS by
         FROM playbook_executions e JOIN accounts a USING (account_id) ORDER BY a.account_name`,
    )
    .all();
  expect(started).toEqual([
    { account: 'Acme Corp', playbook: 'sla-recovery', by: 'manual' },
    { account: 'Initech', playbook: 'voc-sprint', by: 'manual' },
  ]);
});
