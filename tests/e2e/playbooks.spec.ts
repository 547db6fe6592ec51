import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { commitImport } from '../../main/import/service';
import { htmlToPdf } from '../../main/playbooks/pdf';
import { renderReportHtml } from '../../main/playbooks/report-html';
import { getReportView } from '../../main/playbooks/reports';
import { techcorpMonth } from '../unit/playbooks-service/helpers';
import { createWorkspace, expect, SAMPLES, SHOTS, shot, test } from './fixtures';

const TECHCORP = path.join(SAMPLES, 'techcorp-solutions-2025-09.xlsx');

/** Imports a workbook through the import screen, for the TechCorp Solutions account. */
async function importThroughUi(page: Page, file: string, period: string) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByLabel('Workbook file').setInputFiles(file);
  await expect(page.getByLabel('Period', { exact: true })).toBeVisible();
  await page.getByLabel('Period', { exact: true }).fill(period);
  const account = page.locator('#import-account');
  if ((await account.inputValue()) === '') {
    if ((await account.locator('option', { hasText: 'TechCorp Solutions' }).count()) === 0) {
      await page.getByLabel('New account name').fill('TechCorp Solutions');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await account.selectOption({ label: 'TechCorp Solutions' });
  }
  await page.getByRole('button', { name: /^Import \d+ KPIs$/ }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
}

const openPlaybooks = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Playbooks' }).click();
const openPortfolio = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Portfolio', exact: true }).click();

test('TechCorp: VoC Sprint fires on import, every step is run, a better month comes in, the report matches the spec', async ({
  appPage: page,
  app,
}) => {
  // the whole life of a playbook, with two headless-Chromium prints (PDF): more than the default time
  test.slow();
  const db = app.backend.ctx.db;
  await createWorkspace(page, 'TechCorp CS');

  // Triggers: a threshold out of range is refused (nothing saved); auto-start VoC on.
  await openPlaybooks(page);
  // The tabs follow the ARIA tabs pattern: arrows (wrapping), Home and End move and show.
  const tabs = page.getByRole('tablist', { name: 'Playbooks' });
  await tabs.getByRole('tab', { name: 'Executions' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Triggers' })).toBeFocused();
  await expect(tabs.getByRole('tab', { name: 'Triggers' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { name: 'Executions' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Triggers' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Triggers' })).toBeVisible();
  const voc = page.getByRole('form', { name: 'VoC Sprint trigger' });
  const nps = voc.getByLabel('VoC Sprint: NPS threshold');
  await nps.fill('500');
  await voc.getByRole('button', { name: 'Save thresholds' }).click();
  // said on the field, by its label
  await expect(nps).toBeFocused();
  await expect(nps).toHaveAttribute('aria-invalid', 'true');
  await expect(nps).toHaveAccessibleDescription('NPS threshold must be between -100 and 100.');
  const stored = () =>
    JSON.parse(
      (db.raw.prepare("SELECT trigger_config FROM playbook_triggers WHERE playbook_type = 'voc'").get() as any)
        .trigger_config,
    );
  expect(stored().nps_threshold).toBe(10);
  await nps.fill('10');
  await voc.getByLabel('Auto-start VoC Sprint').check();
  await expect(page.getByText('Auto-trigger for VoC Sprint on.')).toBeVisible();

  // Import September through the import screen: the VoC Sprint starts from TechCorp's KPIs.
  await importThroughUi(page, TECHCORP, '2025-09');
  await openPlaybooks(page);
  await page.getByRole('tab', { name: 'Executions' }).click();
  const board = page.getByRole('table', { name: 'Playbook executions' });
  await expect(board.getByRole('row')).toHaveCount(2);
  await expect(board.getByRole('row').nth(1)).toContainText('TechCorp Solutions');
  await expect(board.getByRole('row').nth(1)).toContainText('Auto-trigger');
  await shot(page, 'playbooks-board');

  // While it runs, the portfolio shows it with its progress and badges the account.
  await openPortfolio(page);
  const running = page.getByRole('region', { name: 'Running playbooks' });
  await expect(running.getByRole('listitem')).toHaveCount(1);
  await expect(running.getByRole('listitem')).toContainText('VoC Sprint: TechCorp Solutions');
  await expect(running.getByRole('progressbar', { name: 'VoC Sprint progress' })).toHaveAttribute('value', '0');
  await expect(running).toContainText('0/4');
  await expect(running).toContainText('Send NPS/CSAT survey, due');
  await expect(
    page.getByRole('table', { name: 'Portfolio' }).getByRole('button', { name: '1 playbook running: VoC Sprint' }),
  ).toBeVisible();
  await openPlaybooks(page);

  // The evaluation shows which conditions hold with their values, and why nothing else started.
  await page.getByRole('tab', { name: 'Triggers' }).click();
  const grid = page.getByRole('table', { name: 'Trigger evaluation by account and playbook' });
  await grid.getByRole('button', { name: 'VoC Sprint for TechCorp Solutions: Running' }).click();
  const vocCell = page.getByRole('region', { name: 'VoC Sprint for TechCorp Solutions' });
  await expect(vocCell).toContainText("CSAT Score is 3.3, below the trigger's 3.6");
  await expect(vocCell).toContainText("Churn Risk Score is 43, above the trigger's 30");
  await expect(vocCell).toContainText('Not started: in progress: a VoC Sprint is already running for this account');
  await grid.getByRole('button', { name: 'Activation Blitz for TechCorp Solutions: Fires' }).click();
  await expect(page.getByRole('region', { name: 'Activation Blitz for TechCorp Solutions' })).toContainText(
    'Conditions hold; auto-trigger is off: start it by hand',
  );
  await page.getByRole('button', { name: 'Evaluate now' }).click();
  await expect(page.getByText(/Evaluated 1 account: 1 with a playbook firing, 0 started\./)).toBeVisible();
  await shot(page, 'playbooks-triggers');

  // The execution: the reason, the baseline, each step's RACI and due date.
  await page.getByRole('tab', { name: 'Executions' }).click();
  await board.getByRole('button', { name: 'VoC Sprint' }).click();
  await expect(page.getByRole('heading', { name: 'VoC Sprint: TechCorp Solutions' })).toBeVisible();
  await expect(page.getByText('Why: CSAT Score 3.3 < 3.6; Churn Risk Score 43 > 30 (data of Sep 2025)')).toBeVisible();
  const baseline = page.getByRole('table', { name: 'Baseline' });
  await expect(baseline.getByRole('row', { name: /NPS Score/ })).toContainText('12.2');
  await expect(baseline.getByRole('row', { name: /CSAT Score/ })).toContainText('3.3');
  const step1 = page.getByRole('listitem', { name: 'Step: Send NPS/CSAT survey' });
  await expect(step1).toContainText('Day 7');
  await expect(step1).toContainText('VP Customer Success');
  await expect(page.getByRole('button', { name: 'Complete playbook' })).toBeDisabled();

  // Results of the wrong type are refused with the field named; nothing is stored.
  const form1 = page.getByRole('form', { name: 'Result of Send NPS/CSAT survey' });
  await form1.getByLabel('Survey responses').fill('lots');
  await form1.getByLabel('NPS from the survey').fill('42');
  await form1.getByRole('button', { name: 'Complete step' }).click();
  const responses = form1.getByLabel('Survey responses', { exact: true });
  await expect(responses).toBeFocused();
  await expect(responses).toHaveAttribute('aria-invalid', 'true');
  await expect(responses).toHaveAccessibleDescription('Survey responses must be a number.');
  const results = () =>
    JSON.parse((db.raw.prepare('SELECT execution_data FROM playbook_executions').get() as any).execution_data).results;
  expect(results()).toEqual([]);

  await form1.getByLabel('Survey responses').fill('45');
  await form1.getByLabel('Notes').fill('Sent to 120 users');
  await form1.getByRole('button', { name: 'Complete step' }).click();
  await expect(step1).toContainText('Survey responses: 45 · NPS from the survey: 42 · Notes: Sent to 120 users');
  // The form that had focus is gone: focus is on the next step's first field.
  const form2 = page.getByRole('form', { name: 'Result of Customer interviews' });
  await expect(form2.getByLabel('Interviews held')).toBeFocused();
  await form2.getByLabel('Interviews held').fill('8');
  await form2.getByRole('button', { name: 'Complete step' }).click();
  const form3 = page.getByRole('form', { name: 'Result of Synthesise feedback into action items' });
  await form3.getByLabel('Action items created').fill('5');
  await form3.getByRole('button', { name: 'Complete step' }).click();
  const form4 = page.getByRole('form', { name: /Result of Close the loop/ });
  await form4.getByLabel('Executive sponsor (name)').fill('Jordan Lee, CTO');
  await form4.getByRole('button', { name: 'Complete step' }).click();
  await expect(page.getByRole('button', { name: 'Complete playbook' })).toBeEnabled();
  expect(results().map((r: any) => r.stepId)).toEqual([
    'voc-week1-survey',
    'voc-week2-interviews',
    'voc-week3-analysis',
    'voc-week4-close-loop',
  ]);
  await shot(page, 'playbooks-execution');

  // October comes in with better NPS and CSAT.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-oct-'));
  const october = path.join(dir, 'techcorp-solutions-2025-10.xlsx');
  fs.writeFileSync(october, await techcorpMonth('2025-10', { 'NPS Score': 58, 'CSAT Score': 4.1 }));
  await importThroughUi(page, october, '2025-10');
  fs.rmSync(dir, { recursive: true, force: true });

  // Complete: the report as the spec says.
  await openPlaybooks(page);
  await page.getByRole('table', { name: 'Playbook executions' }).getByRole('button', { name: 'VoC Sprint' }).click();
  // Completing asks first and says what will happen; "Not yet" changes nothing.
  await page.getByRole('button', { name: 'Complete playbook' }).click();
  const completing = page.getByRole('dialog', { name: 'Complete the VoC Sprint for TechCorp Solutions?' });
  await expect(completing).toContainText('All 4 steps are completed; no step is left open.');
  await expect(completing).toContainText('its steps can no longer be completed or skipped');
  await expect(completing).toContainText(
    "The report is generated now: the baseline of Sep 2025 compared with the account's latest KPI values, and the 3 exit criteria checked.",
  );
  await completing.getByRole('button', { name: 'Not yet' }).click();
  await expect(completing).toBeHidden();
  await expect(page.getByRole('region', { name: /^Report:/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Complete playbook' }).click();
  await completing.getByRole('button', { name: 'Complete and generate the report' }).click();
  await expect(page.getByText('Playbook completed: the report is ready.')).toBeVisible();
  const report = page.getByRole('region', { name: 'Report: VoC Sprint for TechCorp Solutions' });
  await expect(report).toBeVisible();
  const outcomes = report.getByRole('table', { name: 'Outcomes achieved' });
  await expect(outcomes.getByRole('row', { name: /NPS Score/ })).toHaveText(
    /^NPS Score\s*12\.2\s*58\s*\+45\.8 points \(better\)\s*✓\s*Achieved\s*Exit criterion: NPS Score above 50$/,
  );
  // The KPIs the sprint fired on are outcomes too, measured against the trigger thresholds.
  await expect(outcomes.getByRole('row', { name: /CSAT Score/ })).toHaveText(
    /^CSAT Score\s*3\.3\s*4\.1\s*\+0\.8 points \(better\)\s*✓\s*Achieved\s*Trigger threshold: CSAT Score at least 3\.6$/,
  );
  await expect(outcomes.getByRole('row', { name: /Churn Risk Score/ })).toHaveText(
    /^Churn Risk Score\s*43\s*43\s*0 points\s*✗\s*Not achieved\s*Trigger threshold: Churn Risk Score at most 30$/,
  );
  const criteria = report.getByRole('list', { name: 'Exit criteria' });
  await expect(criteria).toContainText('NPS Score above 50: met');
  await expect(criteria).toContainText('Action items created: met');
  await expect(criteria).toContainText('Executive sponsor identified: met');
  await expect(report).toContainText('VoC Sprint for TechCorp Solutions completed in 0 days. 4 of 4 steps completed.');
  const raci = report.locator('.pb-report-raci');
  await expect(raci).toContainText('R (Responsible)CSM, Product Manager');
  await expect(raci).toContainText('A (Accountable)VP Customer Success');
  await expect(raci).toContainText('C (Consulted)Product Manager, Engineering Lead, CSM, Account Executive');
  await expect(raci).toContainText('I (Informed)Account Executive, CEO');
  const steps = report.getByRole('table', { name: 'Steps' });
  await expect(steps.getByRole('row', { name: /Customer interviews/ })).toContainText(
    'CSM, Product ManagerVP Customer SuccessEngineering LeadAccount Executive',
  );
  // the results with the labels the execution shows, not the stored keys
  await expect(steps.getByRole('row', { name: /Close the loop/ })).toContainText(
    'Executive sponsor (name): Jordan Lee, CTO',
  );
  await expect(report.getByRole('list', { name: 'Next steps' })).toContainText('Schedule quarterly NPS tracking');
  const row = db.raw.prepare('SELECT report_data, steps_completed, total_steps FROM playbook_reports').get() as any;
  expect(row).toMatchObject({ steps_completed: 4, total_steps: 4 });
  expect(JSON.parse(row.report_data).outcomes_achieved).toMatchObject({
    nps_improvement: { baseline: 12.2, current: 58, improvement: '+45.8 points', status: 'Achieved' },
    csat_improvement: { baseline: 3.3, current: 4.1, improvement: '+0.8 points', status: 'Achieved' },
    churn_risk_improvement: { baseline: 43, current: 43, improvement: '0 points', status: 'Not achieved' },
  });
  await shot(page, 'playbooks-report');

  // PDF, browser preview: a PDF file saved, printed by the command line's headless Chromium (no print dialog).
  await page.evaluate(() => {
    (window as any).__printed = 0;
    window.print = () => {
      (window as any).__printed++;
    };
  });
  const pdfDownload = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export PDF' }).click();
  const pdfFile = await pdfDownload;
  expect(pdfFile.suggestedFilename()).toMatch(/^VoC Sprint - TechCorp Solutions - \d{4}-\d{2}-\d{2}\.pdf$/);
  expect(
    fs
      .readFileSync((await pdfFile.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  expect(await page.evaluate(() => (window as any).__printed)).toBe(0);
  await expect(page.locator('body')).not.toHaveClass(/pb-printing/);
  // the print stylesheet still shows only the report (a print from the browser's own menu)
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.body.classList.add('pb-printing'));
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(report).toBeVisible();
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'playbooks-report-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('pb-printing'));

  // PDF on the main side (command line, Electron-free): the report as HTML printed by headless Chromium.
  const executionId = (db.raw.prepare('SELECT execution_id FROM playbook_executions').get() as any).execution_id;
  const pdf = await htmlToPdf(renderReportHtml(getReportView(db, app.backend.ctx.session.customerId!, executionId)));
  expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5000);

  // xlsx: built in main, saved by the browser.
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export xlsx' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^VoC Sprint - TechCorp Solutions - \d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Once completed: nothing runs in the portfolio, and the account view lists it in the account's
  // playbook history with its outcome.
  await openPortfolio(page);
  await expect(page.getByRole('region', { name: 'Running playbooks' })).toContainText('No playbook is running.');
  await page.getByRole('table', { name: 'Portfolio' }).getByRole('button', { name: 'TechCorp Solutions' }).click();
  await page.getByRole('tab', { name: 'Playbooks' }).click();
  const history = page.getByRole('table', { name: 'Playbook history' });
  await expect(history.getByRole('row')).toHaveCount(2);
  const done = history.getByRole('row', { name: /VoC Sprint/ });
  await expect(done).toContainText('VoC Sprint (auto)');
  await expect(done).toContainText('Completed');
  await expect(done).toContainText('3/3 exit criteria met');
  await expect(done).toContainText('NPS Score +45.8 points (better): Achieved');
  await expect(done).toContainText('CSAT Score +0.8 points (better): Achieved');
  await expect(done).toContainText('Churn Risk Score 0 points: Not achieved');
  await done.getByRole('button', { name: 'VoC Sprint' }).click();
  await expect(page.getByRole('heading', { name: 'VoC Sprint: TechCorp Solutions' })).toBeVisible();

  // Delete, confirmed: the report goes with it.
  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this execution?' });
  await expect(confirm).toContainText('its step results and its report will be deleted');
  await confirm.getByRole('button', { name: 'Delete execution' }).click();
  await expect(page.getByText('Execution deleted with its report.')).toBeVisible();
  await expect(page.getByText('No playbook has been started yet.')).toBeVisible();
  expect(db.raw.prepare('SELECT COUNT(*) AS n FROM playbook_reports').get()).toEqual({ n: 0 });
  expect(db.raw.prepare('SELECT COUNT(*) AS n FROM playbook_executions').get()).toEqual({ n: 0 });
});

test('safeguards and refusals are shown: in progress, cool-down, a second start, skip with a reason', async ({
  appPage: page,
  app,
}) => {
  await createWorkspace(page, 'Globex');
  // Data through the backend (the same importer), then reload.
  const ctx = app.backend.ctx;
  const customerId = ctx.session.customerId!;
  ctx.db.raw
    .prepare("INSERT INTO accounts (customer_id, account_name) VALUES (?, 'TechCorp Solutions')")
    .run(customerId);
  const accountId = (ctx.db.raw.prepare('SELECT account_id FROM accounts').get() as any).account_id;
  ctx.db.raw.prepare("UPDATE playbook_triggers SET auto_trigger_enabled = 1 WHERE playbook_type = 'sla'").run();
  await commitImport(
    ctx.db,
    { customerId, userId: ctx.session.userId },
    { fileName: 'techcorp.xlsx', bytes: fs.readFileSync(TECHCORP), period: '2025-09', accountId, mode: 'corporate' },
  );
  await page.reload();

  await openPlaybooks(page);
  const board = page.getByRole('table', { name: 'Playbook executions' });
  await expect(board.getByRole('row')).toHaveCount(2);
  await expect(board).toContainText('SLA Recovery');

  // A second SLA Recovery by hand while one runs: refused, with the reason.
  await page.getByRole('button', { name: 'Start a playbook' }).click();
  const start = page.getByRole('dialog', { name: 'Start a playbook' });
  await start.getByLabel('Account').selectOption({ label: 'TechCorp Solutions' });
  await start.getByLabel('Playbook').selectOption('sla-recovery');
  await start.getByRole('button', { name: 'Start playbook' }).click();
  await expect(start.getByRole('alert')).toContainText('A SLA Recovery is already in progress for TechCorp Solutions');
  // Another playbook by hand is fine.
  await start.getByLabel('Playbook').selectOption('renewal-readiness');
  await start.getByLabel('Reason (optional)').fill('Renewal in 90 days');
  await start.getByRole('button', { name: 'Start playbook' }).click();
  await expect(page.getByRole('heading', { name: 'Renewal Readiness: TechCorp Solutions' })).toBeVisible();
  await expect(page.getByText('Why: Renewal in 90 days')).toBeVisible();
  // a reload stays on the execution
  await page.reload();
  await expect(page.getByText('Why: Renewal in 90 days')).toBeVisible();

  // Skip a step: a reason is required.
  await page
    .getByRole('form', { name: 'Result of Value review of outcomes achieved' })
    .getByRole('button', { name: 'Skip step…' })
    .click();
  const skip = page.getByRole('dialog', { name: 'Skip "Value review of outcomes achieved"' });
  await expect(skip.getByLabel('Why is this step skipped?')).toBeFocused();
  await expect(skip.getByRole('button', { name: 'Skip step' })).toBeDisabled();
  await skip.getByLabel('Why is this step skipped?').fill('Done at the last QBR');
  await skip.getByRole('button', { name: 'Skip step' }).click();
  await expect(page.getByRole('listitem', { name: 'Step: Value review of outcomes achieved' })).toContainText(
    'Skipped: Done at the last QBR',
  );

  // Triggers: the SLA Recovery is held back because it runs.
  await page.getByRole('button', { name: '← All playbooks' }).click();
  await page.getByRole('tab', { name: 'Triggers' }).click();
  const grid = page.getByRole('table', { name: 'Trigger evaluation by account and playbook' });
  await grid.getByRole('button', { name: 'SLA Recovery for TechCorp Solutions: Running' }).click();
  const sla = page.getByRole('region', { name: 'SLA Recovery for TechCorp Solutions' });
  await expect(sla).toContainText("SLA Compliance is 80.4, below the trigger's 90");
  await expect(sla).toContainText('Not started: in progress: a SLA Recovery is already running for this account');

  // Cancel it: the 30-day cool-down holds the next start back.
  await sla.getByRole('button', { name: 'Open the execution' }).click();
  await page.getByRole('button', { name: 'Cancel playbook…' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel the SLA Recovery?' });
  await cancel.getByLabel('Reason (optional)').fill('Handled by support');
  await cancel.getByRole('button', { name: 'Cancel playbook' }).click();
  await expect(page.getByText('Cancelled: Handled by support')).toBeVisible();
  await expect(page.getByText('SLA Recovery for TechCorp Solutions cancelled.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'SLA Recovery: TechCorp Solutions', level: 1 })).toBeFocused();
  await page.getByRole('button', { name: '← All playbooks' }).click();
  await page.getByRole('tab', { name: 'Triggers' }).click();
  await page.getByRole('button', { name: 'Evaluate now' }).click();
  await expect(page.getByText(/0 started\./)).toBeVisible();
  await grid.getByRole('button', { name: 'SLA Recovery for TechCorp Solutions: Cooling down' }).click();
  await expect(page.getByRole('region', { name: 'SLA Recovery for TechCorp Solutions' })).toContainText(
    'Not started: cool-down: last SLA Recovery ended today (30-day cool-down)',
  );
  const trigger = ctx.db.raw.prepare("SELECT trigger_count FROM playbook_triggers WHERE playbook_type = 'sla'").get();
  expect(trigger).toEqual({ trigger_count: 1 });
  await shot(page, 'playbooks-safeguards');

  // Settings leads to the one place the thresholds are edited.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Playbook triggers' });
  await card.getByRole('button', { name: 'Edit thresholds in Playbooks → Triggers' }).click();
  await expect(page.getByRole('tab', { name: 'Triggers' })).toHaveAttribute('aria-selected', 'true');
  const slaForm = page.getByRole('form', { name: 'SLA Recovery trigger' });
  await expect(slaForm.getByLabel('Auto-start SLA Recovery')).toBeChecked();
  await expect(page.getByLabel('Auto-start VoC Sprint')).not.toBeChecked();
  await expect(slaForm.getByLabel('SLA Recovery: SLA compliance threshold')).toHaveValue('90');
  await openPlaybooks(page);

  // The board: overdue first is the server's order; filters work.
  await page.getByRole('tab', { name: 'Executions' }).click();
  await page.getByLabel('Status').selectOption('cancelled');
  await expect(board.getByRole('row')).toHaveCount(2);
  await expect(board).toContainText('SLA Recovery');
});
