/**
 * The RACI report of an execution (`playbook_reports.report_data`, the seed's shape).
 * Pure: no database, no Node APIs.
 */
import {
  compare,
  type ExitCriterion,
  formatNumber,
  isKpiSource,
  normaliseKpiName,
  type PlaybookDef,
  unitOfKpi,
} from './catalogue';
import type { ExecutionData, StepResult } from './execution';

export interface OutcomeAchieved {
  baseline: number | null;
  current: number | null;
  /** Signed with the KPI's unit, e.g. '+16 points', '-3.5 pp'; 'n/a' when a value is missing. */
  improvement: string;
  status: 'Achieved' | 'Not achieved';
}

export interface RaciBreakdown {
  responsible: string[];
  accountable: string[];
  consulted: string[];
  informed: string[];
}

export interface ReportData {
  execution_id: string;
  playbook_id: string;
  playbook_name: string;
  account_name: string;
  duration: string;
  executive_summary: string;
  raci_breakdown: RaciBreakdown;
  outcomes_achieved: Record<string, OutcomeAchieved>;
  exit_criteria_met: Record<string, boolean>;
  next_steps: string[];
  report_generated_at: string;
}

/** report_data plus the `playbook_reports` columns that are not inside it. */
export interface BuiltReport {
  report_data: ReportData;
  steps_completed: number;
  total_steps: number;
  duration: string;
}

export interface CurrentValues {
  /** Latest KPI values at completion, keyed by normaliseKpiName(name). */
  kpis: ReadonlyMap<string, number>;
  health: number | null;
}

const DAY_MS = 86_400_000;

/** 'NPS Score' → 'nps_improvement', 'License Utilization' → 'license_utilization_improvement'. */
export function outcomeKey(kpi: string): string {
  const snake = normaliseKpiName(kpi)
    .replace(/%/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_score$/, '');
  return `${snake}_improvement`;
}

/**
 * Unit suffix of a change: '%' → ' pp' (percentage points), a score or rating scale ('score',
 * '1-5', '0-100', ...) → ' points', 'count' → none, anything else → the unit word.
 */
export function formatImprovement(delta: number, unit: string | undefined): string {
  const mag = formatNumber(Math.abs(delta));
  const sign = mag === '0' ? '' : delta > 0 ? '+' : '-';
  let suffix: string;
  if (!unit || unit === 'count') suffix = '';
  else if (unit === '%') suffix = ' pp';
  else if (unit === 'score' || /^-?\d+(\.\d+)?-\d+(\.\d+)?$/.test(unit)) suffix = ' points';
  else suffix = ` ${unit}`;
  if (mag === '1' && /[a-z]s$/.test(suffix)) suffix = suffix.slice(0, -1);
  return `${sign}${mag}${suffix}`;
}

export function formatDuration(startedAt: string, endedAt: string): string {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  const days = Number.isFinite(ms) ? Math.max(0, Math.round(ms / DAY_MS)) : 0;
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** Union of the steps' RACI roles, deduplicated per role, in first-seen order. */
export function raciUnion(def: PlaybookDef): RaciBreakdown {
  const out: RaciBreakdown = { responsible: [], accountable: [], consulted: [], informed: [] };
  for (const step of def.steps) {
    for (const role of ['responsible', 'accountable', 'consulted', 'informed'] as const) {
      for (const who of step.raci[role]) if (!out[role].includes(who)) out[role].push(who);
    }
  }
  return out;
}

function lookup(values: Readonly<Record<string, number | null>>, kpi: string): number | null {
  const want = normaliseKpiName(kpi);
  for (const [k, v] of Object.entries(values)) {
    if (normaliseKpiName(k) === want) return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return null;
}

function currentValue(current: CurrentValues, kpi: string): number | null {
  const v = current.kpis.get(normaliseKpiName(kpi));
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Is the criterion met? KPI criteria: the current value; step criteria: the completed step's recorded value. */
export function criterionMet(c: ExitCriterion, results: readonly StepResult[], current: CurrentValues): boolean {
  const src = c.source;
  if (isKpiSource(src)) {
    const v = currentValue(current, src.kpi);
    return v !== null && compare(v, src.op, src.value);
  }
  const res = results.find((r) => r.stepId === src.stepResult.stepId && r.status === 'completed');
  const v = res?.result[src.stepResult.key];
  if (src.test === 'positive') return typeof v === 'number' && v > 0;
  if (typeof v === 'string') return v.trim().length > 0;
  if (typeof v === 'number') return v > 0;
  return v === true;
}

function statusPhrase(exec: ExecutionData, duration: string): string {
  switch (exec.status) {
    case 'completed':
      return `completed in ${duration}`;
    case 'in-progress':
      return `in progress for ${duration}`;
    default:
      return `${exec.status} after ${duration}`;
  }
}

/**
 * Builds the report of an execution. Duration is start → completedAt (or → now while still in
 * progress). Outcomes: one per KPI exit criterion, baseline from the execution's baseline,
 * current from `current`.
 */
export function buildReport(def: PlaybookDef, exec: ExecutionData, current: CurrentValues, now: Date): BuiltReport {
  const duration = formatDuration(exec.startedAt, exec.completedAt ?? now.toISOString());
  const outcomes: Record<string, OutcomeAchieved> = {};
  const outcomeFacts: string[] = [];
  const met: Record<string, boolean> = {};
  let achieved = 0;

  for (const c of def.exitCriteria) {
    met[c.key] = criterionMet(c, exec.results, current);
    const src = c.source;
    if (!isKpiSource(src)) continue;
    const base = lookup(exec.context.baseline?.kpis ?? {}, src.kpi);
    const cur = currentValue(current, src.kpi);
    const improvement = base !== null && cur !== null ? formatImprovement(cur - base, unitOfKpi(src.kpi)) : 'n/a';
    const status = met[c.key] ? 'Achieved' : 'Not achieved';
    if (met[c.key]) achieved++;
    outcomes[outcomeKey(src.kpi)] = { baseline: base, current: cur, improvement, status };
    const from = base === null ? 'no baseline' : formatNumber(base);
    const to = cur === null ? 'no value' : formatNumber(cur);
    outcomeFacts.push(
      `${src.kpi} ${from} → ${to}${improvement === 'n/a' ? '' : ` (${improvement})`}, ${status.toLowerCase()}`,
    );
  }

  const total = def.steps.length;
  const stepsCompleted = exec.results.filter((r) => r.status === 'completed').length;
  const skipped = exec.results.filter((r) => r.status === 'skipped').length;
  const criteriaMet = Object.values(met).filter(Boolean).length;
  const outcomeCount = Object.keys(outcomes).length;

  const summary = [
    `${def.name} for ${exec.context.accountName} ${statusPhrase(exec, duration)}.`,
    `${stepsCompleted} of ${total} steps completed${skipped > 0 ? `, ${skipped} skipped` : ''}.`,
    outcomeCount > 0 ? `${achieved} of ${outcomeCount} KPI outcomes achieved: ${outcomeFacts.join('; ')}.` : '',
    `${criteriaMet} of ${def.exitCriteria.length} exit criteria met.`,
  ]
    .filter(Boolean)
    .join(' ');

  const nextSteps = [...def.followUps, ...def.exitCriteria.filter((c) => !met[c.key]).map((c) => c.ifUnmet)];

  return {
    report_data: {
      execution_id: exec.id,
      playbook_id: def.id,
      playbook_name: def.name,
      account_name: exec.context.accountName,
      duration,
      executive_summary: summary,
      raci_breakdown: raciUnion(def),
      outcomes_achieved: outcomes,
      exit_criteria_met: met,
      next_steps: nextSteps,
      report_generated_at: now.toISOString(),
    },
    steps_completed: stepsCompleted,
    total_steps: total,
    duration,
  };
}
