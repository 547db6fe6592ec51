/**
 * The built-in playbook catalogue (spec: playbooks.md, "The catalogue").
 *
 * Everything the rest of the app knows about the five playbooks lives here as data: trigger
 * thresholds and their defaults, the "fires when" rules, the steps with RACI roles, due days and
 * the values each step records, the exit criteria and the follow-ups written into reports.
 * tests/unit/playbooks/catalogue-spec.test.ts reads playbooks.md and checks this file against it.
 *
 * Pure: no database, no Node APIs.
 */
import { normalizeName } from '../names';

export type PlaybookType = 'voc' | 'activation' | 'sla' | 'renewal' | 'expansion';
export type PlaybookId = 'voc-sprint' | 'activation-blitz' | 'sla-recovery' | 'renewal-readiness' | 'expansion-play';
export type Comparator = '<' | '>' | '>=' | '<=';

/** KPI names exactly as in samples/reference-ranges.csv and the sample workbooks. */
export const KPI = {
  nps: 'NPS Score',
  csat: 'CSAT Score',
  churnRisk: 'Churn Risk Score',
  dau: 'Daily Active Users %',
  licenseUtilization: 'License Utilization',
  featureAdoption: 'Feature Adoption Rate',
  slaCompliance: 'SLA Compliance',
  openCriticalTickets: 'Open Critical Tickets',
  firstResponseTime: 'First Response Time',
  renewalProbability: 'Renewal Probability',
  expansionPipeline: 'Expansion Pipeline',
} as const;

/** Pseudo-KPI: the account's overall health score of the latest scored month. */
export const OVERALL_HEALTH = 'overall health';
/** Pseudo-KPI: previous month's overall health minus the latest month's (positive = fell). */
export const HEALTH_DROP = 'health drop';

export type KpiName = (typeof KPI)[keyof typeof KPI];
export type ConditionSubject = KpiName | typeof OVERALL_HEALTH | typeof HEALTH_DROP;

/**
 * Units of the KPIs the playbooks use, copied from the `unit` column of reference-ranges.csv
 * (a test checks they still match). Used to sign improvements in reports.
 */
export const KPI_UNITS: Readonly<Record<KpiName, string>> = {
  'NPS Score': 'score',
  'CSAT Score': '1-5',
  'Churn Risk Score': '%',
  'Daily Active Users %': '%',
  'License Utilization': '%',
  'Feature Adoption Rate': '%',
  'SLA Compliance': '%',
  'Open Critical Tickets': 'count',
  'First Response Time': 'hours',
  'Renewal Probability': '%',
  'Expansion Pipeline': 'USD',
};

/**
 * Which way is better for each KPI the playbooks use, copied from the `higher_is_better` column of
 * reference-ranges.csv (a test checks they still match). Says whether a report's change is better or worse.
 */
export const KPI_HIGHER_IS_BETTER: Readonly<Record<KpiName, boolean>> = {
  'NPS Score': true,
  'CSAT Score': true,
  'Churn Risk Score': false,
  'Daily Active Users %': true,
  'License Utilization': true,
  'Feature Adoption Rate': true,
  'SLA Compliance': true,
  'Open Critical Tickets': false,
  'First Response Time': false,
  'Renewal Probability': true,
  'Expansion Pipeline': true,
};

export interface TriggerCondition {
  /** The `trigger_config` key holding the threshold. */
  readonly key: string;
  readonly kpi: ConditionSubject;
  readonly op: Comparator;
}

export interface RaciRoles {
  readonly responsible: readonly string[];
  readonly accountable: readonly string[];
  readonly consulted: readonly string[];
  readonly informed: readonly string[];
}

export type RecordType = 'number' | 'boolean' | 'text';

/** A value a step records when completed (besides the free-form `notes`). */
export interface StepRecordDef {
  readonly key: string;
  readonly type: RecordType;
  readonly label: string;
  /** Number records only. */
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export interface PlaybookStep {
  readonly id: string;
  readonly name: string;
  readonly raci: RaciRoles;
  /** Due this many days after the start. */
  readonly dueDay: number;
  readonly records: readonly StepRecordDef[];
}

export interface KpiCriterionSource {
  readonly kpi: KpiName;
  readonly op: Comparator;
  readonly value: number;
}

export interface StepResultCriterionSource {
  readonly stepResult: { readonly stepId: string; readonly key: string };
  /** 'positive': a number > 0. 'truthy': true, a non-blank text, or a number > 0. */
  readonly test: 'positive' | 'truthy';
}

export type ExitCriterionSource = KpiCriterionSource | StepResultCriterionSource;

export interface ExitCriterion {
  readonly key: string;
  readonly label: string;
  readonly source: ExitCriterionSource;
  /** The next step written into the report when this criterion is not met. */
  readonly ifUnmet: string;
}

export interface PlaybookDef {
  readonly type: PlaybookType;
  readonly id: PlaybookId;
  readonly name: string;
  readonly durationDays: number;
  /** `trigger_config` keys and their defaults. */
  readonly triggerDefaults: Readonly<Record<string, number>>;
  readonly conditions: readonly TriggerCondition[];
  /** 'any': fires when one condition holds (or). 'all': every condition must hold (and). */
  readonly combine: 'any' | 'all';
  readonly steps: readonly PlaybookStep[];
  readonly exitCriteria: readonly ExitCriterion[];
  readonly followUps: readonly string[];
}

export function isKpiSource(source: ExitCriterionSource): source is KpiCriterionSource {
  return 'kpi' in source;
}

const raci = (responsible: string[], accountable: string[], consulted: string[], informed: string[]): RaciRoles => ({
  responsible,
  accountable,
  consulted,
  informed,
});

const count = (key: string, label: string): StepRecordDef => ({ key, type: 'number', label, min: 0, integer: true });

export const PLAYBOOKS: readonly PlaybookDef[] = [
  {
    type: 'voc',
    id: 'voc-sprint',
    name: 'VoC Sprint',
    durationDays: 30,
    triggerDefaults: { nps_threshold: 10, csat_threshold: 3.6, churn_risk_threshold: 30, health_drop_threshold: 10 },
    conditions: [
      { key: 'nps_threshold', kpi: KPI.nps, op: '<' },
      { key: 'csat_threshold', kpi: KPI.csat, op: '<' },
      { key: 'churn_risk_threshold', kpi: KPI.churnRisk, op: '>' },
      { key: 'health_drop_threshold', kpi: HEALTH_DROP, op: '>=' },
    ],
    combine: 'any',
    steps: [
      {
        id: 'voc-week1-survey',
        name: 'Send NPS/CSAT survey',
        raci: raci(['CSM'], ['VP Customer Success'], ['Product Manager'], ['Account Executive']),
        dueDay: 7,
        records: [
          count('responses', 'Survey responses'),
          { key: 'nps', type: 'number', label: 'NPS from the survey', min: -100, max: 100 },
        ],
      },
      {
        id: 'voc-week2-interviews',
        name: 'Customer interviews',
        raci: raci(['CSM', 'Product Manager'], ['VP Customer Success'], ['Engineering Lead'], ['Account Executive']),
        dueDay: 14,
        records: [count('interviews', 'Interviews held')],
      },
      {
        id: 'voc-week3-analysis',
        name: 'Synthesise feedback into action items',
        raci: raci(['Product Manager'], ['VP Customer Success'], ['Engineering Lead', 'CSM'], ['CEO']),
        dueDay: 21,
        records: [count('action_items', 'Action items created')],
      },
      {
        id: 'voc-week4-close-loop',
        name: "Close the loop with the customer's executive sponsor",
        raci: raci(['CSM'], ['VP Customer Success'], ['Account Executive'], ['CEO']),
        dueDay: 30,
        records: [{ key: 'executive_sponsor', type: 'text', label: 'Executive sponsor (name)' }],
      },
    ],
    exitCriteria: [
      {
        key: 'nps_above_50',
        label: 'NPS Score above 50',
        source: { kpi: KPI.nps, op: '>', value: 50 },
        ifUnmet:
          'NPS Score is not above 50 yet: re-survey detractors within 60 days and report progress on the action items',
      },
      {
        key: 'action_items_created',
        label: 'Action items created',
        source: { stepResult: { stepId: 'voc-week3-analysis', key: 'action_items' }, test: 'positive' },
        ifUnmet: 'No action items were recorded: synthesise the feedback and agree action items with the product team',
      },
      {
        key: 'executive_sponsor_identified',
        label: 'Executive sponsor identified',
        source: { stepResult: { stepId: 'voc-week4-close-loop', key: 'executive_sponsor' }, test: 'truthy' },
        ifUnmet: 'No executive sponsor identified: ask the Account Executive to secure a named sponsor',
      },
    ],
    followUps: [
      'Schedule quarterly NPS tracking',
      'Implement top 3 feature requests',
      'Conduct executive business review',
    ],
  },
  {
    type: 'activation',
    id: 'activation-blitz',
    name: 'Activation Blitz',
    durationDays: 45,
    triggerDefaults: { dau_threshold: 20, license_utilization_threshold: 50, feature_adoption_threshold: 30 },
    conditions: [
      { key: 'dau_threshold', kpi: KPI.dau, op: '<' },
      { key: 'license_utilization_threshold', kpi: KPI.licenseUtilization, op: '<' },
      { key: 'feature_adoption_threshold', kpi: KPI.featureAdoption, op: '<' },
    ],
    combine: 'any',
    steps: [
      {
        id: 'act-kickoff',
        name: 'Activation kickoff and goals',
        raci: raci(['CSM'], ['VP Customer Success'], ['Solutions Engineer'], ['Account Executive']),
        dueDay: 3,
        records: [],
      },
      {
        id: 'act-admin-training',
        name: 'Admin training',
        raci: raci(['Solutions Engineer'], ['CSM'], ['Product Specialist'], ['Account Executive']),
        dueDay: 10,
        records: [count('admins_trained', 'Admins trained')],
      },
      {
        id: 'act-feature-enablement',
        name: 'Enable the three least-used key features',
        raci: raci(['CSM', 'Solutions Engineer'], ['VP Customer Success'], ['Product Manager'], ['Account Executive']),
        dueDay: 30,
        records: [],
      },
      {
        id: 'act-usage-review',
        name: 'Usage review with the customer',
        raci: raci(['CSM'], ['VP Customer Success'], ['Data Analyst'], ['Account Executive', 'Customer Sponsor']),
        dueDay: 45,
        records: [],
      },
    ],
    exitCriteria: [
      {
        key: 'license_utilization_75',
        label: 'License Utilization >= 75',
        source: { kpi: KPI.licenseUtilization, op: '>=', value: 75 },
        ifUnmet: 'License Utilization is below 75: reassign unused licences and reach out to inactive users',
      },
      {
        key: 'daily_active_users_40',
        label: 'Daily Active Users % >= 40',
        source: { kpi: KPI.dau, op: '>=', value: 40 },
        ifUnmet: 'Daily Active Users % is below 40: run an in-app campaign on the key workflows',
      },
      {
        key: 'admins_trained',
        label: 'Admins trained',
        source: { stepResult: { stepId: 'act-admin-training', key: 'admins_trained' }, test: 'positive' },
        ifUnmet: 'No admins were trained: schedule admin training with the Solutions Engineer',
      },
    ],
    followUps: [
      'Track weekly active users for the next 8 weeks',
      'Run a refresher training for new users in 30 days',
      'Review licence allocation at the next QBR',
    ],
  },
  {
    type: 'sla',
    id: 'sla-recovery',
    name: 'SLA Recovery',
    durationDays: 21,
    triggerDefaults: { sla_compliance_threshold: 90, open_critical_threshold: 5, first_response_threshold: 24 },
    conditions: [
      { key: 'sla_compliance_threshold', kpi: KPI.slaCompliance, op: '<' },
      { key: 'open_critical_threshold', kpi: KPI.openCriticalTickets, op: '>' },
      { key: 'first_response_threshold', kpi: KPI.firstResponseTime, op: '>' },
    ],
    combine: 'any',
    steps: [
      {
        id: 'sla-incident-review',
        name: 'Review breached tickets and root causes',
        raci: raci(['Support Lead'], ['VP Support'], ['Engineering Lead'], ['CSM']),
        dueDay: 2,
        records: [],
      },
      {
        id: 'sla-remediation-plan',
        name: 'Agree a remediation plan with the customer',
        raci: raci(['Support Lead', 'CSM'], ['VP Support'], ['Engineering Lead'], ['Account Executive']),
        dueDay: 5,
        records: [{ key: 'plan_agreed', type: 'boolean', label: 'Remediation plan agreed' }],
      },
      {
        id: 'sla-daily-standups',
        name: 'Daily escalation stand-ups',
        raci: raci(['Support Lead'], ['VP Support'], ['Engineering Lead'], ['CSM']),
        dueDay: 14,
        records: [],
      },
      {
        id: 'sla-customer-review',
        name: 'Review results with the customer',
        raci: raci(['CSM'], ['VP Customer Success'], ['Support Lead'], ['Account Executive']),
        dueDay: 21,
        records: [],
      },
    ],
    exitCriteria: [
      {
        key: 'sla_compliance_95',
        label: 'SLA Compliance >= 95',
        source: { kpi: KPI.slaCompliance, op: '>=', value: 95 },
        ifUnmet: 'SLA Compliance is below 95: keep the escalation stand-ups until it holds for a full month',
      },
      {
        key: 'open_critical_tickets_2',
        label: 'Open Critical Tickets <= 2',
        source: { kpi: KPI.openCriticalTickets, op: '<=', value: 2 },
        ifUnmet: 'More than 2 critical tickets are still open: review each one with the Engineering Lead this week',
      },
      {
        key: 'remediation_plan_agreed',
        label: 'Remediation plan agreed',
        source: { stepResult: { stepId: 'sla-remediation-plan', key: 'plan_agreed' }, test: 'truthy' },
        ifUnmet: 'No remediation plan was agreed: agree and sign off a plan with the customer',
      },
    ],
    followUps: [
      'Share a weekly SLA report with the customer for the next quarter',
      'Review escalation paths with the support team',
      'Confirm root-cause fixes are shipped and communicated',
    ],
  },
  {
    type: 'renewal',
    id: 'renewal-readiness',
    name: 'Renewal Readiness',
    durationDays: 90,
    triggerDefaults: { renewal_probability_threshold: 80, health_threshold: 60 },
    conditions: [
      { key: 'renewal_probability_threshold', kpi: KPI.renewalProbability, op: '<' },
      { key: 'health_threshold', kpi: OVERALL_HEALTH, op: '<' },
    ],
    combine: 'any',
    steps: [
      {
        id: 'ren-value-review',
        name: 'Value review of outcomes achieved',
        raci: raci(['CSM'], ['VP Customer Success'], ['Data Analyst'], ['Account Executive']),
        dueDay: 20,
        records: [],
      },
      {
        id: 'ren-exec-alignment',
        name: 'Executive alignment meeting',
        raci: raci(['Account Executive', 'CSM'], ['VP Sales'], ['VP Customer Success'], ['CEO']),
        dueDay: 45,
        records: [{ key: 'executive_sponsor', type: 'text', label: 'Executive sponsor engaged (name)' }],
      },
      {
        id: 'ren-proposal',
        name: 'Renewal proposal',
        raci: raci(['Account Executive'], ['VP Sales'], ['CSM', 'Finance'], ['VP Customer Success']),
        dueDay: 70,
        records: [{ key: 'proposal_sent', type: 'boolean', label: 'Renewal proposal sent' }],
      },
      {
        id: 'ren-close',
        name: 'Negotiate and close',
        raci: raci(['Account Executive'], ['VP Sales'], ['Legal', 'Finance'], ['CSM', 'CEO']),
        dueDay: 90,
        records: [],
      },
    ],
    exitCriteria: [
      {
        key: 'renewal_probability_80',
        label: 'Renewal Probability >= 80',
        source: { kpi: KPI.renewalProbability, op: '>=', value: 80 },
        ifUnmet: 'Renewal Probability is below 80: build a risk mitigation plan with the Account Executive',
      },
      {
        key: 'executive_sponsor_engaged',
        label: 'Executive sponsor engaged',
        source: { stepResult: { stepId: 'ren-exec-alignment', key: 'executive_sponsor' }, test: 'truthy' },
        ifUnmet: 'No executive sponsor was engaged: arrange an executive alignment meeting before the renewal date',
      },
      {
        key: 'renewal_proposal_sent',
        label: 'Renewal proposal sent',
        source: { stepResult: { stepId: 'ren-proposal', key: 'proposal_sent' }, test: 'truthy' },
        ifUnmet: 'The renewal proposal was not sent: send it at least 30 days before the renewal date',
      },
    ],
    followUps: [
      'Confirm the signed renewal and update the forecast',
      'Agree the success plan for the new term',
      'Schedule the next executive business review',
    ],
  },
  {
    type: 'expansion',
    id: 'expansion-play',
    name: 'Expansion Play',
    durationDays: 60,
    triggerDefaults: { min_health: 75, license_utilization_min: 85 },
    conditions: [
      { key: 'min_health', kpi: OVERALL_HEALTH, op: '>=' },
      { key: 'license_utilization_min', kpi: KPI.licenseUtilization, op: '>=' },
    ],
    combine: 'all',
    steps: [
      {
        id: 'exp-opportunity',
        name: 'Identify expansion opportunities',
        raci: raci(['CSM'], ['VP Customer Success'], ['Product Specialist'], ['Account Executive']),
        dueDay: 10,
        records: [],
      },
      {
        id: 'exp-stakeholders',
        name: 'Map buying stakeholders',
        raci: raci(['Account Executive', 'CSM'], ['VP Sales'], ['Solutions Engineer'], ['VP Customer Success']),
        dueDay: 25,
        records: [],
      },
      {
        id: 'exp-business-case',
        name: 'Build and present the business case',
        raci: raci(['Account Executive'], ['VP Sales'], ['CSM', 'Finance'], ['CEO']),
        dueDay: 45,
        records: [{ key: 'business_case_accepted', type: 'boolean', label: 'Business case accepted' }],
      },
      {
        id: 'exp-proposal',
        name: 'Expansion proposal',
        raci: raci(['Account Executive'], ['VP Sales'], ['CSM'], ['VP Customer Success']),
        dueDay: 60,
        records: [],
      },
    ],
    exitCriteria: [
      {
        key: 'expansion_pipeline_50000',
        label: 'Expansion Pipeline >= 50000',
        source: { kpi: KPI.expansionPipeline, op: '>=', value: 50000 },
        ifUnmet: 'Expansion Pipeline is below 50000: qualify further opportunities with the account team',
      },
      {
        key: 'business_case_accepted',
        label: 'Business case accepted',
        source: { stepResult: { stepId: 'exp-business-case', key: 'business_case_accepted' }, test: 'truthy' },
        ifUnmet: 'The business case was not accepted: revisit the value case with the buying stakeholders',
      },
    ],
    followUps: [
      'Track the expansion opportunity to close in the CRM',
      'Plan onboarding for the added licences or products',
      'Review adoption of the expanded scope after 60 days',
    ],
  },
];

export const PLAYBOOK_TYPES: readonly PlaybookType[] = PLAYBOOKS.map((p) => p.type);
export const PLAYBOOK_IDS: readonly PlaybookId[] = PLAYBOOKS.map((p) => p.id);

export function isPlaybookType(value: unknown): value is PlaybookType {
  return typeof value === 'string' && (PLAYBOOK_TYPES as readonly string[]).includes(value);
}

export function isPlaybookId(value: unknown): value is PlaybookId {
  return typeof value === 'string' && (PLAYBOOK_IDS as readonly string[]).includes(value);
}

export function playbookById(id: string): PlaybookDef | undefined {
  return PLAYBOOKS.find((p) => p.id === id);
}

export function playbookByType(type: string): PlaybookDef | undefined {
  return PLAYBOOKS.find((p) => p.type === type);
}

export function stepById(def: PlaybookDef, stepId: string): PlaybookStep | undefined {
  return def.steps.find((s) => s.id === stepId);
}

/** The key KPI values are looked up by: the scoring contract's name rule (`shared/names.ts`). */

/**
 * Every real KPI named in the playbook's trigger conditions and KPI exit criteria (the baseline
 * set), in first-seen order, without the overall-health pseudo-KPIs (the baseline keeps health
 * separately).
 */
export function kpisOfPlaybook(def: PlaybookDef): KpiName[] {
  const out: KpiName[] = [];
  const add = (name: ConditionSubject) => {
    if (name !== OVERALL_HEALTH && name !== HEALTH_DROP && !out.includes(name)) out.push(name);
  };
  for (const c of def.conditions) add(c.kpi);
  for (const e of def.exitCriteria) if (isKpiSource(e.source)) add(e.source.kpi);
  return out;
}

/** The catalogue's name of a KPI (any spelling normalizeName folds together), or undefined. */
export function catalogueKpi(kpi: string): KpiName | undefined {
  return (Object.values(KPI) as KpiName[]).find((k) => normalizeName(k) === normalizeName(kpi));
}

export function unitOfKpi(kpi: string): string | undefined {
  const hit = catalogueKpi(kpi);
  return hit ? KPI_UNITS[hit] : undefined;
}

/** true: higher is better; false: lower is better; undefined: not a KPI of the catalogue. */
export function higherIsBetter(kpi: string): boolean | undefined {
  const hit = catalogueKpi(kpi);
  return hit ? KPI_HIGHER_IS_BETTER[hit] : undefined;
}

export function compare(value: number, op: Comparator, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<=':
      return value <= threshold;
  }
}

/** A `trigger_config` threshold: the configured number, else the catalogue's default. */
export function thresholdOf(def: PlaybookDef, config: Readonly<Record<string, unknown>>, key: string): number {
  const configured = config[key];
  return typeof configured === 'number' && Number.isFinite(configured) ? configured : def.triggerDefaults[key];
}

/** A comparator in words: '<' → 'below', '>=' → 'at least'. */
export const OP_WORDS: Readonly<Record<Comparator, string>> = {
  '<': 'below',
  '>': 'above',
  '>=': 'at least',
  '<=': 'at most',
};

/** The comparator that holds exactly when `op` does not: '<' → '>=', '>' → '<='. */
export function negateOp(op: Comparator): Comparator {
  return ({ '<': '>=', '>': '<=', '>=': '<', '<=': '>' } as const)[op];
}

/** Numbers for labels and messages: at most 2 decimals, no trailing zeros, no locale. */
export function formatNumber(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
