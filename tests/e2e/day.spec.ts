import path from 'node:path';
import { startExecution } from '../../main/playbooks/executions';
import { createWorkspace, expect, importByDrop, SAMPLES, shot, test } from './fixtures';

/**
 * Issue 13: a CSM's morning in the browser preview: open Today, complete an overdue step, add a
 * note, correct a KPI value, and see the health and the timeline change.
 */
test("a CSM's morning: Today, an overdue step, a note, a KPI correction", async ({ app, appPage: page }) => {
  // a long journey (import, Today, account, KPI): more than the default on a loaded machine
  test.setTimeout(240_000);
  await createWorkspace(page, 'Morning');
  await importByDrop(page, path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx'), { account: 'TechCorp Solutions' });

  // A VoC Sprint started ten days ago: its first step (due on day 7) is overdue.
  const { db, session } = app.backend.ctx;
  const customerId = session.customerId as number;
  const accountId = (
    db.raw.prepare("SELECT account_id FROM accounts WHERE account_name = 'TechCorp Solutions'").get() as {
      account_id: number;
    }
  ).account_id;
  startExecution(db, customerId, {
    userId: session.userId,
    accountId,
    playbookId: 'voc-sprint',
    triggeredBy: 'manual',
    now: new Date(Date.now() - 10 * 86_400_000),
  });

  // The account's owner, renewal date and segment in the account form.
  const renewal = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.reload();
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'Edit TechCorp Solutions' }).click();
  const form = page.getByRole('dialog', { name: 'Edit TechCorp Solutions' });
  await form.getByLabel('Owner').selectOption({ index: 1 });
  await form.getByLabel('Renewal date').fill(renewal);
  await form.getByLabel('Segment').fill('Enterprise');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  // Today: the overdue step, counted on the sidebar, and the renewal.
  const todayNav = page.getByRole('button', { name: /^Today/ });
  await expect(todayNav).toContainText('1');
  await todayNav.click();
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  const steps = page.getByRole('region', { name: /Playbook steps/ });
  const overdue = steps.locator('li.today-item.overdue');
  await expect(overdue).toHaveCount(1);
  await expect(overdue).toContainText('VoC Sprint: ');
  // nobody is mapped to its Responsible role (the owner was set after the start): the owner is
  await expect(overdue.locator('.today-responsible')).toContainText(/Responsible: \S/);
  await expect(page.getByRole('region', { name: /Renewals in the next 90 days/ })).toContainText(
    /Renews in \d+ days, health/,
  );
  await shot(page, 'day-today');

  // Complete it from Today with the values it records.
  await overdue.getByRole('button', { name: 'Complete…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Complete: / });
  await dialog.getByLabel('Survey responses').fill('45');
  await dialog.getByLabel('NPS from the survey').fill('42');
  await dialog.getByRole('button', { name: 'Mark done' }).click();
  await expect(dialog).toBeHidden();
  await expect(steps.locator('li.today-item.overdue')).toHaveCount(0);
  await expect(todayNav).not.toContainText('1');

  // The account: add a note.
  await page.getByRole('button', { name: 'Portfolio', exact: true }).click();
  await page.getByRole('button', { name: 'TechCorp Solutions', exact: true }).first().click();
  // The account page opens on its Overview: the health before the correction.
  const score = page.getByTestId('overall-score');
  const before = await score.textContent();
  const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();
  await tab('Notes and timeline');
  await page.getByLabel('New note').fill('Survey sent, sponsor engaged.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('.note-item')).toContainText('Survey sent, sponsor engaged.');

  // Correct NPS Score for September: the health and the timeline change.
  await tab('KPIs');
  await page.getByRole('button', { name: /^Correct NPS Score for / }).click();
  const edit = page.getByRole('dialog', { name: /^Correct NPS Score/ });
  await edit.getByLabel('New value').fill('not a number');
  await edit.getByRole('button', { name: 'Save value' }).click();
  await expect(edit.getByRole('alert')).toHaveText('"not a number" is not a number.');
  await edit.getByLabel('New value').fill('-80');
  await edit.getByLabel('Reason (optional)').fill('typo in the CRM export');
  await edit.getByRole('button', { name: 'Save value' }).click();
  await expect(edit).toBeHidden();
  await tab('Overview');
  await expect(score).not.toHaveText(before ?? '');
  await tab('Notes and timeline');

  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  await expect(timeline.locator('.timeline-edit')).toContainText(
    /NPS Score for 2025-09 corrected from .* to -80: typo in the CRM export/,
  );
  await expect(timeline.locator('.timeline-note')).toContainText('Survey sent, sponsor engaged.');
  await expect(timeline.locator('.timeline-playbook').first()).toContainText('VoC Sprint');
  await expect(timeline.locator('.timeline-upload')).toContainText('techcorp-solutions-2025-09.xlsx');
  await expect(timeline.locator('.timeline-change').first()).toContainText(/Owner: none → |Renewal date: none → /);
  // filter by kind
  await page.getByRole('checkbox', { name: 'Notes' }).check();
  await expect(timeline.locator('li')).toHaveCount(1);
  await shot(page, 'day-account');

  // The edit opens its KPI, whose history lists the correction.
  await page.getByRole('checkbox', { name: 'Notes' }).uncheck();
  await timeline.locator('.timeline-edit').getByRole('button').click();
  const corrections = page.getByRole('region', { name: 'Corrections' });
  await expect(corrections).toContainText('→ -80');
  await expect(corrections).toContainText('typo in the CRM export');
});
