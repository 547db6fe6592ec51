// Default reference ranges (../shared/samples/reference-ranges.csv, 40 KPIs), copied in so the
// migration stays frozen in time: later edits to the defaults do not rewrite history.
import type { Kysely } from 'kysely';

// [kpi_name, unit, higher_is_better, critical_min, critical_max, risk_min, risk_max, healthy_min, healthy_max]
type Row = [string, string, boolean, number, number, number, number, number, number];

const DEFAULT_RANGES: Row[] = [
  ['NPS Score', 'score', true, -100, 10, 10, 30, 30, 100],
  ['Executive Sponsor Engagement', 'meetings/qtr', true, 0, 1, 1, 3, 3, 12],
  ['QBR Attendance Rate', '%', true, 0, 50, 50, 80, 80, 100],
  ['Stakeholder Coverage', 'contacts', true, 0, 2, 2, 5, 5, 50],
  ['Champion Strength', '1-5', true, 1, 2, 2, 3.5, 3.5, 5],
  ['Relationship Survey Score', '1-10', true, 0, 5, 5, 7, 7, 10],
  ['Days Since Last Executive Touch', 'days', false, 90, 365, 45, 90, 0, 45],
  ['Response Rate to CSM Outreach', '%', true, 0, 40, 40, 70, 70, 100],
  ['Daily Active Users %', '%', true, 0, 20, 20, 40, 40, 100],
  ['Feature Adoption Rate', '%', true, 0, 30, 30, 60, 60, 100],
  ['License Utilization', '%', true, 0, 50, 50, 75, 75, 100],
  ['Logins per User per Week', 'logins', true, 0, 1, 1, 3, 3, 30],
  ['Time to First Value', 'days', false, 60, 365, 30, 60, 0, 30],
  ['Training Completion Rate', '%', true, 0, 40, 40, 70, 70, 100],
  ['Active Integrations', 'count', true, 0, 1, 1, 3, 3, 50],
  ['Session Duration', 'minutes', true, 0, 5, 5, 15, 15, 240],
  ['Power User Share', '%', true, 0, 5, 5, 15, 15, 100],
  ['CSAT Score', '1-5', true, 0, 3.6, 3.6, 4.2, 4.2, 5],
  ['Open Critical Tickets', 'count', false, 5, 100, 2, 5, 0, 2],
  ['First Response Time', 'hours', false, 24, 500, 8, 24, 0, 8],
  ['SLA Compliance', '%', true, 0, 85, 85, 95, 95, 100],
  ['Tickets per 100 Users', 'tickets', false, 20, 1000, 10, 20, 0, 10],
  ['Mean Time to Resolution', 'hours', false, 72, 2000, 24, 72, 0, 24],
  ['Escalation Rate', '%', false, 10, 100, 5, 10, 0, 5],
  ['Customer Effort Score', '1-7', false, 5, 7, 3.5, 5, 1, 3.5],
  ['Incident Count', 'count', false, 3, 50, 1, 3, 0, 1],
  ['ROI Realized', '%', true, 0, 50, 50, 100, 100, 1000],
  ['Value Milestones Achieved', '%', true, 0, 40, 40, 75, 75, 100],
  ['Product Feedback Score', '1-10', true, 0, 5, 5, 7, 7, 10],
  ['Feature Requests Delivered', '%', true, 0, 10, 10, 30, 30, 100],
  ['Usage Depth Score', '0-100', true, 0, 40, 40, 65, 65, 100],
  ['Workflow Automation Rate', '%', true, 0, 20, 20, 50, 50, 100],
  ['Success Plan Goals On Track', '%', true, 0, 50, 50, 80, 80, 100],
  ['Churn Risk Score', '%', false, 30, 100, 15, 30, 0, 15],
  ['Renewal Probability', '%', true, 0, 50, 50, 80, 80, 100],
  ['Revenue Growth YoY', '%', true, -100, 0, 0, 10, 10, 500],
  ['Expansion Pipeline', 'USD', true, 0, 10000, 10000, 50000, 50000, 10000000],
  ['Contract Utilization', '%', true, 0, 60, 60, 85, 85, 200],
  ['Days Payment Overdue', 'days', false, 30, 365, 10, 30, 0, 10],
  ['Gross Revenue Retention', '%', true, 0, 80, 80, 90, 90, 100],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('kpi_reference_ranges')
    .values(
      DEFAULT_RANGES.map(([kpi_name, unit, hib, cmin, cmax, rmin, rmax, hmin, hmax]) => ({
        kpi_name,
        unit,
        higher_is_better: hib ? 1 : 0,
        critical_min: cmin,
        critical_max: cmax,
        risk_min: rmin,
        risk_max: rmax,
        healthy_min: hmin,
        healthy_max: hmax,
      })),
    )
    .onConflict((oc) => oc.column('kpi_name').doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('kpi_reference_ranges')
    .where(
      'kpi_name',
      'in',
      DEFAULT_RANGES.map((r) => r[0]),
    )
    .execute();
}
