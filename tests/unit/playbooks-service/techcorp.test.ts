import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATE_TIME_FMT } from '../../../main/exports/sheet-writer';
import { completeExecution, getExecutionView, recordStepResult } from '../../../main/playbooks/executions';
import { htmlToPdf } from '../../../main/playbooks/pdf';
import { renderReportHtml } from '../../../main/playbooks/report-html';
import { reportXlsx } from '../../../main/playbooks/report-xlsx';
import { getReportView } from '../../../main/playbooks/reports';
import { evaluateWorkspace, updateTrigger } from '../../../main/playbooks/triggers';
import { fmtDate } from '../../../shared/format';
import { tempDb } from '../../helpers/db';
import { xlsxNumFmtIds } from '../../helpers/xlsx-parts';
import { account, importTechcorp, techcorpMonth, workspace } from './helpers';

/**
 * The sample, through the real importer: TechCorp's September KPIs fire the VoC Sprint (CSAT 3.3,
 * Churn Risk 43), the steps are run, October comes in with better NPS and CSAT, the report
 * compares them with the baseline, and exports as PDF and xlsx.
 */
describe('TechCorp Solutions, September 2025 sample', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let session: { customerId: number; userId: number };
  let techcorp: number;
  let executionId: string;
  beforeAll(async () => {
    t = await tempDb();
    session = workspace(t.db, 'TechCorp CS');
    techcorp = account(t.db, session.customerId, 'TechCorp Solutions');
    updateTrigger(t.db, session.customerId, { type: 'voc', autoTrigger: true });
    await importTechcorp(t.db, session, techcorp, '2025-09');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('the import fires the VoC Sprint from its KPIs, with the reason', () => {
    const rows = t.db.raw.prepare('SELECT execution_id, execution_data FROM playbook_executions').all() as any[];
    expect(rows).toHaveLength(1);
    const data = JSON.parse(rows[0].execution_data);
    executionId = rows[0].execution_id;
    expect(data).toMatchObject({ playbookId: 'voc-sprint', accountId: techcorp, status: 'in-progress' });
    expect(data.metadata).toEqual({
      priority: 'high',
      triggeredBy: 'auto',
      reason: 'CSAT Score 3.3 < 3.6; Churn Risk Score 43 > 30 (data of 2025-09)',
    });
    expect(data.context.baseline).toMatchObject({
      kpis: { 'NPS Score': 12.2, 'CSAT Score': 3.3, 'Churn Risk Score': 43 },
      month: '2025-09',
    });
    // The sample's expected overall health for September (techcorp-solutions-2025-09.expected.json), within 0.01.
    expect(Math.abs(data.context.baseline.health - 44.6753)).toBeLessThan(0.01);
    const view = evaluateWorkspace(t.db, session.customerId, { dryRun: true });
    const fires = view.accounts[0].playbooks.filter((p) => p.fires).map((p) => [p.playbookId, p.reason]);
    expect(fires).toEqual([
      ['voc-sprint', 'CSAT Score 3.3 < 3.6; Churn Risk Score 43 > 30'],
      ['activation-blitz', 'License Utilization 44.1 < 50'],
      ['sla-recovery', 'SLA Compliance 80.4 < 90; First Response Time 32.2 > 24'],
      ['renewal-readiness', expect.stringMatching(/^Renewal Probability 45.8 < 80; overall health [\d.]+ < 60$/)],
    ]);
  });

  it('runs every step, imports October, completes, and reports as the spec says', async () => {
    recordStepResult(t.db, session.customerId, executionId, 'voc-week1-survey', { responses: 45, nps: 42 });
    recordStepResult(t.db, session.customerId, executionId, 'voc-week2-interviews', { interviews: 8 });
    recordStepResult(t.db, session.customerId, executionId, 'voc-week3-analysis', { action_items: 5 });
    recordStepResult(t.db, session.customerId, executionId, 'voc-week4-close-loop', {
      executive_sponsor: 'Jordan Lee, CTO',
      notes: 'QBR booked',
    });
    const october = await techcorpMonth('2025-10', { 'NPS Score': 58, 'CSAT Score': 4.1, 'Churn Risk Score': 20 });
    await importTechcorp(t.db, session, techcorp, '2025-10', october, 'techcorp-solutions-2025-10.xlsx');
    completeExecution(t.db, session.customerId, executionId);
    const view = getExecutionView(t.db, session.customerId, executionId);
    expect(view.status).toBe('completed');
    const r = view.report!;
    // Every KPI of the baseline: NPS against its exit criterion, CSAT and Churn Risk (why the
    // sprint fired) against the workspace's trigger thresholds.
    expect(r.data.outcomes_achieved).toEqual({
      nps_improvement: {
        baseline: 12.2,
        current: 58,
        improvement: '+45.8 points',
        change: 'better',
        status: 'Achieved',
        target: 'Exit criterion: NPS Score above 50',
      },
      csat_improvement: {
        baseline: 3.3,
        current: 4.1,
        improvement: '+0.8 points',
        change: 'better',
        status: 'Achieved',
        target: 'Trigger threshold: CSAT Score at least 3.6',
      },
      churn_risk_improvement: {
        baseline: 43,
        current: 20,
        improvement: '-23 points',
        change: 'better',
        status: 'Achieved',
        target: 'Trigger threshold: Churn Risk Score at most 30',
      },
    });
    expect(r.data.exit_criteria_met).toEqual({
      nps_above_50: true,
      action_items_created: true,
      executive_sponsor_identified: true,
    });
    expect(r.data.raci_breakdown).toEqual({
      responsible: ['CSM', 'Product Manager'],
      accountable: ['VP Customer Success'],
      consulted: ['Product Manager', 'Engineering Lead', 'CSM', 'Account Executive'],
      informed: ['Account Executive', 'CEO'],
    });
    expect(r.data.next_steps).toEqual([
      'Schedule quarterly NPS tracking',
      'Implement top 3 feature requests',
      'Conduct executive business review',
    ]);
    expect(r.data.executive_summary).toMatch(
      /^VoC Sprint for TechCorp Solutions completed in 0 days\. 4 of 4 steps completed\. 3 of 3 KPI outcomes achieved: NPS Score 12\.2 → 58 \(\+45\.8 points, better\), achieved; CSAT Score 3\.3 → 4\.1 \(\+0\.8 points, better\), achieved; Churn Risk Score 43 → 20 \(-23 points, better\), achieved\. 3 of 3 exit criteria met\.$/,
    );
    // No more firing for VoC after October (CSAT 4.1, churn 20, NPS 58): and the cool-down holds anyway.
    const voc = evaluateWorkspace(t.db, session.customerId, { dryRun: true }).accounts[0].playbooks[0];
    expect(voc.fires).toBe(false);
  });

  it('exports the report as PDF (headless Chromium) and as xlsx', async () => {
    const report = getReportView(t.db, session.customerId, executionId);
    const html = renderReportHtml(report);
    // the header in words: no execution id, no stored timestamp
    expect(html).toMatch(/<h1>VoC Sprint for TechCorp Solutions · report of \d{1,2} [A-Z][a-z]{2} \d{4}<\/h1>/);
    expect(html).not.toContain(report.executionId);
    expect(html).not.toContain(report.data.report_generated_at);
    expect(html).toContain('Jordan Lee, CTO');
    expect(html).toContain('<td>CSAT Score</td>');
    expect(html).toContain('-23 points (better)');
    expect(html).toContain('Trigger threshold: CSAT Score at least 3.6');
    const pdf = await htmlToPdf(html);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);

    const file = await reportXlsx(report);
    expect(file.fileName).toMatch(/^VoC Sprint - TechCorp Solutions - \d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Outcomes',
      'Exit criteria',
      'RACI',
      'Steps',
      'Next steps',
    ]);
    // every sheet: the title in words on row 1, the headers on row 2, widths set
    const title = `VoC Sprint for TechCorp Solutions · report of ${fmtDate(report.data.report_generated_at)}`;
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toBe(title);
      expect(ws.getRow(2).font?.bold).toBe(true);
      const header = ws.getRow(2);
      for (let i = 1; i <= header.cellCount; i++)
        expect(ws.getColumn(i).width, `${ws.name} ${header.getCell(i).value}`).toBeGreaterThan(5);
    }
    // labels, never ids: no execution id, playbook id, outcome key or step id anywhere
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    const ids = [report.executionId, report.playbookId, ...report.steps.map((x) => x.stepId), '_improvement'];
    for (const id of ids) expect(texts.filter((x) => x.includes(id))).toEqual([]);
    expect(wb.getWorksheet('Outcomes')!.getRow(2).values).toEqual([
      undefined,
      'KPI',
      'Baseline',
      'Current',
      'Improvement',
      'Better or worse',
      'Status',
      'Measured against',
    ]);
    expect(wb.getWorksheet('Outcomes')!.getRow(3).values).toEqual([
      undefined,
      'NPS Score',
      12.2,
      58,
      '+45.8 points',
      'Better',
      'Achieved',
      'Exit criterion: NPS Score above 50',
    ]);
    expect(wb.getWorksheet('Outcomes')!.getRow(5).values).toEqual([
      undefined,
      'Churn Risk Score',
      43,
      20,
      '-23 points',
      'Better',
      'Achieved',
      'Trigger threshold: Churn Risk Score at most 30',
    ]);
    // the Result column with the catalogue's labels, as the app shows it; times as date cells in the
    // reader's own date format (Excel's built-in format 22)
    const steps = wb.getWorksheet('Steps')!;
    expect(steps.getRow(6).getCell(9).value).toBe('Executive sponsor (name): Jordan Lee, CTO, Notes: QBR booked');
    expect(steps.getRow(3).getCell(9).value).toBe('Survey responses: 45, NPS from the survey: 42');
    expect(steps.getRow(3).getCell(7).value).toBe('Done');
    const local = (iso: string) => new Date(Date.parse(iso) - new Date(iso).getTimezoneOffset() * 60_000);
    expect(steps.getRow(6).getCell(8).value).toEqual(local(report.steps[3].completedAt!));
    expect(steps.getRow(6).getCell(8).numFmt).toBe(DATE_TIME_FMT);
    const summary = wb.getWorksheet('Summary')!;
    expect(summary.getRow(5).values).toEqual([undefined, 'Status', 'Completed']);
    const started = summary.getRow(6);
    expect(started.getCell(1).value).toBe('Started');
    expect(started.getCell(2).value).toEqual(local(report.startedAt));
    expect(started.getCell(2).numFmt).toBe(DATE_TIME_FMT);
    expect(await xlsxNumFmtIds(file.bytes)).toContain(22);
    expect(html).toContain('<td>Executive sponsor (name): Jordan Lee, CTO, Notes: QBR booked</td>');
  }, 90_000);
});
