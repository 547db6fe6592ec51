/**
 * The RACI report of an execution (`playbook_reports.report_data`, the seed's shape).
 * Pure: no database, no Node APIs.
 */
import { normalizeName } from '../names';
import {
  type Comparator,
  compare,
  type ExitCriterion,
  formatNumber,
  higherIsBetter,
  isKpiSource,
  KPI,
  kpisOfPlaybook,
  negateOp,
  OP_WORDS,
  type PlaybookDef,
  playbookById,
  stepById,
  thresholdOf,
  unitOfKpi,
} from './catalogue';
import type { AtCompletion, ExecutionData, RecordedValue, StepResult } from './execution';

export interface OutcomeAchieved {
  baseline: number | null;
  current: number | null;
  /**
   * The raw change signed, with the KPI's unit: '+16 points', '-7 tickets', '-8.25 hours';
   * 'n/a' when a value is missing. A fall shows '-' even when lower is better: `change` says which.
   */
  improvement: string;
  /** Whether the change is for the better, by the KPI's direction (null when a value is missing). */
  change?: 'better' | 'worse' | 'unchanged' | null;
  /** Against the exit criterion, or for a KPI named only by the trigger, against its trigger threshold. */
  status: 'Achieved' | 'Not achieved';
  /**
   * What `status` is measured against: 'Exit criterion: NPS Score above 50', or
   * 'Trigger threshold: CSAT Score at least 3.6' (the side of the workspace's threshold at
   * completion that no longer fires, or for an opportunity trigger the side that still holds).
   * Absent in reports generated before it was added.
   */
  target?: string;
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
  /** Latest KPI values at completion, keyed by normalizeName(name). */
  kpis: ReadonlyMap<string, number>;
  health: number | null;
  /**
   * The workspace's trigger thresholds at completion (`trigger_config`), for the KPIs named only by
   * the trigger; a missing one falls back to the catalogue's default.
   */
  triggerConfig?: Readonly<Record<string, number>>;
}

/** The report's values from what was kept at completion (execution_data.context.atCompletion). */
export function valuesAtCompletion(at: AtCompletion): CurrentValues {
  const kpis = new Map<string, number>();
  for (const [name, v] of Object.entries(at.kpis))
    if (typeof v === 'number' && Number.isFinite(v)) kpis.set(normalizeName(name), v);
  return { kpis, health: at.health, triggerConfig: at.triggerConfig };
}

const DAY_MS = 86_400_000;

/** 'NPS Score' → 'nps_improvement', 'License Utilization' → 'license_utilization_improvement'. */
export function outcomeKey(kpi: string): string {
  const snake = normalizeName(kpi)
    .replace(/%/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_score$/, '');
  return `${snake}_improvement`;
}

/** The KPI's full name of an outcome key: 'nps_improvement' → 'NPS Score'; an unknown key in words. */
export function outcomeKpiName(key: string): string {
  const kpi = Object.values(KPI).find((k) => outcomeKey(k) === key);
  if (kpi) return kpi;
  const words = key.replace(/_improvement$/, '').split('_');
  return words.map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}

/** The improvement as a CSM reads it: '-7 tickets (better)', '+16 points (better)', 'n/a'. */
/** A recorded value as shown: Yes or No, a number as formatNumber writes it, text as it is. */
export function formatRecorded(v: RecordedValue): string {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return formatNumber(v);
  return v;
}

/**
 * A step's result with the catalogue's labels, as the execution shows it: "Survey responses: 45,
 * NPS from the survey: 42, Notes: Sent to 120 users" (a key the catalogue does not know as it is).
 */
export function describeStepResult(
  playbookId: string,
  stepId: string,
  result: Readonly<Record<string, RecordedValue>> | null,
  separator = ', ',
): string {
  const def = playbookById(playbookId);
  const step = def && stepById(def, stepId);
  const label = (k: string) => step?.records.find((r) => r.key === k)?.label ?? (k === 'notes' ? 'Notes' : k);
  return Object.entries(result ?? {})
    .map(([k, v]) => `${label(k)}: ${formatRecorded(v)}`)
    .join(separator);
}

export function improvementText(o: Pick<OutcomeAchieved, 'improvement' | 'change'>): string {
  return o.change === 'better' || o.change === 'worse' ? `${o.improvement} (${o.change})` : o.improvement;
}

/**
 * A change with the KPI's unit (the reference range's `unit`): a percentage, a score or a rating
 * scale ('score', '1-5', '0-100', ...) changes by points, as the dashboards say a score does
 * ('+21.8 points'); a count by the thing the KPI counts when its name ends in a plural noun
 * ('-7 tickets' for Open Critical Tickets), else bare; dollars as '+$12,000'; anything else by its
 * unit word ('-8.25 hours'). Signed by the raw change; 0 unsigned.
 */
export function formatImprovement(delta: number, unit: string | undefined, kpi?: string): string {
  const mag = formatNumber(Math.abs(delta));
  const sign = mag === '0' ? '' : delta > 0 ? '+' : '-';
  if (unit === 'USD') return `${sign}$${Number(mag).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  let suffix: string;
  if (!unit) suffix = '';
  else if (unit === 'count') {
    const noun = kpi?.trim().split(/\s+/).pop()?.toLowerCase() ?? '';
    suffix = /^[a-z]+s$/.test(noun) ? ` ${noun}` : '';
  } else if (unit === '%' || unit === 'score' || /^-?\d+(\.\d+)?-\d+(\.\d+)?$/.test(unit)) suffix = ' points';
  else suffix = ` ${unit}`;
  if (mag === '1' && /[a-z]s$/.test(suffix)) suffix = suffix.slice(0, -1);
  return `${sign}${mag}${suffix}`;
}

/** 'better' / 'worse' by the KPI's direction, 'unchanged' when it did not move (to 2 decimals). */
export function changeOf(delta: number, kpi: string): 'better' | 'worse' | 'unchanged' | null {
  if (formatNumber(Math.abs(delta)) === '0') return 'unchanged';
  const higher = higherIsBetter(kpi);
  if (higher === undefined) return null;
  return delta > 0 === higher ? 'better' : 'worse';
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
  const want = normalizeName(kpi);
  for (const [k, v] of Object.entries(values)) {
    if (normalizeName(k) === want) return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return null;
}

function currentValue(current: CurrentValues, kpi: string): number | null {
  const v = current.kpis.get(normalizeName(kpi));
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
 * What a KPI's outcome is measured against. A KPI with an exit criterion: the criterion. A KPI the
 * playbook names only in its trigger: the trigger threshold of `current.triggerConfig`. A risk
 * trigger fires on the worse side of its threshold (CSAT Score < 3.6), so the outcome is achieved
 * once the value is on the other side (at least 3.6); an opportunity trigger fires on the better
 * side (Expansion Play: License Utilization >= 85), so it is achieved while the value stays there.
 */
function outcomeTarget(
  def: PlaybookDef,
  kpi: string,
  met: Readonly<Record<string, boolean>>,
  current: CurrentValues,
): { target: string; achieved: boolean } {
  const exit = def.exitCriteria.find((c) => isKpiSource(c.source) && c.source.kpi === kpi);
  if (exit) return { target: `Exit criterion: ${exit.label}`, achieved: met[exit.key] };
  const cond = def.conditions.find((c) => c.kpi === kpi);
  if (!cond) return { target: 'No target', achieved: false };
  const threshold = thresholdOf(def, current.triggerConfig ?? {}, cond.key);
  const firesLow = cond.op === '<' || cond.op === '<=';
  const op: Comparator = firesLow === (higherIsBetter(kpi) ?? true) ? negateOp(cond.op) : cond.op;
  const v = currentValue(current, kpi);
  return {
    target: `Trigger threshold: ${kpi} ${OP_WORDS[op]} ${formatNumber(threshold)}`,
    achieved: v !== null && compare(v, op, threshold),
  };
}

/** The playbook's KPIs (the baseline's), those with an exit criterion first. */
function outcomeKpis(def: PlaybookDef): string[] {
  const withCriterion = def.exitCriteria.flatMap((c) => (isKpiSource(c.source) ? [c.source.kpi] : []));
  return [...new Set([...withCriterion, ...kpisOfPlaybook(def)])];
}

/**
 * Builds the report of an execution. Duration is start → completedAt (or → now while still in
 * progress). Outcomes: one per KPI of the baseline (every KPI of the trigger and the exit
 * criteria), baseline from the execution's baseline, current from `current`, status against the
 * KPI's exit criterion or, without one, its trigger threshold (outcomeTarget).
 */
export function buildReport(def: PlaybookDef, exec: ExecutionData, current: CurrentValues, now: Date): BuiltReport {
  const duration = formatDuration(exec.startedAt, exec.completedAt ?? now.toISOString());
  const outcomes: Record<string, OutcomeAchieved> = {};
  const outcomeFacts: string[] = [];
  const met: Record<string, boolean> = {};
  let achieved = 0;

  for (const c of def.exitCriteria) met[c.key] = criterionMet(c, exec.results, current);
  for (const kpi of outcomeKpis(def)) {
    const base = lookup(exec.context.baseline?.kpis ?? {}, kpi);
    const cur = currentValue(current, kpi);
    const delta = base !== null && cur !== null ? cur - base : null;
    const { target, achieved: ok } = outcomeTarget(def, kpi, met, current);
    const o: OutcomeAchieved = {
      baseline: base,
      current: cur,
      improvement: delta === null ? 'n/a' : formatImprovement(delta, unitOfKpi(kpi), kpi),
      change: delta === null ? null : changeOf(delta, kpi),
      status: ok ? 'Achieved' : 'Not achieved',
      target,
    };
    if (ok) achieved++;
    outcomes[outcomeKey(kpi)] = o;
    const from = base === null ? 'no baseline' : formatNumber(base);
    const to = cur === null ? 'no value' : formatNumber(cur);
    outcomeFacts.push(
      `${kpi} ${from} → ${to}${delta === null ? '' : ` (${o.improvement}${o.change === 'better' || o.change === 'worse' ? `, ${o.change}` : ''})`}, ${o.status.toLowerCase()}`,
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
