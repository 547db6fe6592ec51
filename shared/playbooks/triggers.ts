/**
 * Trigger configuration (validation, defaults) and evaluation of an account against a playbook's
 * "fires when" rules, plus the auto-trigger safeguards. Pure: no database, no Node APIs.
 */

import { z } from 'zod';
import { normalizeName } from '../names';
import { round2 } from '../scoring';
import {
  type Comparator,
  compare,
  formatNumber,
  HEALTH_DROP,
  OP_WORDS,
  OVERALL_HEALTH,
  PLAYBOOKS,
  type PlaybookDef,
  type PlaybookType,
  playbookByType,
  thresholdOf,
} from './catalogue';
import { PlaybookError } from './errors';

/** A `trigger_config` object: threshold key → number. */
export type TriggerConfig = Record<string, number>;

interface ThresholdBounds {
  readonly label: string;
  readonly min: number;
  readonly max?: number;
}

/**
 * Bounds of every threshold: percentages and health scores 0..100, NPS -100..100, CSAT 0..10
 * (covers both the 1-5 and the 0-10 scales), counts and hours >= 0.
 */
export const THRESHOLD_BOUNDS: Readonly<Record<string, ThresholdBounds>> = {
  nps_threshold: { label: 'NPS threshold', min: -100, max: 100 },
  csat_threshold: { label: 'CSAT threshold', min: 0, max: 10 },
  churn_risk_threshold: { label: 'Churn risk threshold', min: 0, max: 100 },
  health_drop_threshold: { label: 'Health drop threshold', min: 0, max: 100 },
  dau_threshold: { label: 'Daily active users threshold', min: 0, max: 100 },
  license_utilization_threshold: { label: 'License utilization threshold', min: 0, max: 100 },
  feature_adoption_threshold: { label: 'Feature adoption threshold', min: 0, max: 100 },
  sla_compliance_threshold: { label: 'SLA compliance threshold', min: 0, max: 100 },
  open_critical_threshold: { label: 'Open critical tickets threshold', min: 0 },
  first_response_threshold: { label: 'First response time threshold (hours)', min: 0 },
  renewal_probability_threshold: { label: 'Renewal probability threshold', min: 0, max: 100 },
  health_threshold: { label: 'Health threshold', min: 0, max: 100 },
  min_health: { label: 'Minimum health', min: 0, max: 100 },
  license_utilization_min: { label: 'Minimum license utilization', min: 0, max: 100 },
};

/** A threshold's schema; its messages name it `name` (by default its label and key, as the command line shows it). */
function thresholdSchema(key: string, name = `${THRESHOLD_BOUNDS[key]?.label} (${key})`) {
  const b = THRESHOLD_BOUNDS[key];
  if (!b) throw new Error(`no bounds for trigger_config key ${key}`);
  let s = z
    .number({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be a number`) })
    .min(b.min, { error: b.max === undefined ? `${name} must be at least ${b.min}` : between(name, b) });
  if (b.max !== undefined) s = s.max(b.max, { error: between(name, b) });
  return s;
}

function between(name: string, b: ThresholdBounds): string {
  return `${name} must be between ${b.min} and ${b.max}`;
}

function buildSchema(def: PlaybookDef): z.ZodType<TriggerConfig> {
  const shape: Record<string, ReturnType<typeof thresholdSchema>> = {};
  for (const key of Object.keys(def.triggerDefaults)) shape[key] = thresholdSchema(key);
  return z.object(shape);
}

/** One zod schema per playbook type; unknown keys are stripped, every known key is required. */
export const TRIGGER_CONFIG_SCHEMAS: Readonly<Record<PlaybookType, z.ZodType<TriggerConfig>>> = Object.fromEntries(
  PLAYBOOKS.map((def) => [def.type, buildSchema(def)]),
) as Record<PlaybookType, z.ZodType<TriggerConfig>>;

function defOfType(type: PlaybookType | string): PlaybookDef {
  const def = playbookByType(type);
  if (!def) throw new PlaybookError('unknown_playbook', `Unknown playbook type "${type}".`);
  return def;
}

export function defaultTriggerConfig(type: PlaybookType): TriggerConfig {
  return { ...defOfType(type).triggerDefaults };
}

export type TriggerConfigValidation = { ok: true; config: TriggerConfig } | { ok: false; errors: string[] };

/** Validates an edited `trigger_config`; each error message names its field. */
export function validateTriggerConfig(type: PlaybookType, raw: unknown): TriggerConfigValidation {
  defOfType(type);
  const r = TRIGGER_CONFIG_SCHEMAS[type].safeParse(raw);
  if (r.success) return { ok: true, config: r.data };
  const errors = r.error.issues.map((i) =>
    i.path.length === 0 && i.code === 'invalid_type' ? 'The thresholds must be an object' : i.message,
  );
  return { ok: false, errors };
}

/**
 * The problem of each threshold as typed, by key, naming it by its label only (a form shows it on
 * the field): `{ csat_threshold: 'CSAT threshold must be between 0 and 10.' }`; empty when all are valid.
 */
export function thresholdFieldErrors(
  type: PlaybookType,
  raw: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(defOfType(type).triggerDefaults)) {
    const r = thresholdSchema(key, THRESHOLD_BOUNDS[key].label).safeParse(raw[key]);
    if (!r.success) errors[key] = `${r.error.issues[0].message}.`;
  }
  return errors;
}

/** As validateTriggerConfig, throwing a PlaybookError('invalid_config') listing the problems. */
export function parseTriggerConfig(type: PlaybookType, raw: unknown): TriggerConfig {
  const r = validateTriggerConfig(type, raw);
  if (r.ok) return r.config;
  throw new PlaybookError(
    'invalid_config',
    `Invalid ${defOfType(type).name} thresholds: ${r.errors.join('; ')}`,
    r.errors,
  );
}

/**
 * Reads a stored `trigger_config` (JSON text or object) leniently: every valid threshold is kept,
 * a missing or invalid one falls back to its default. Never throws.
 */
export function readTriggerConfig(type: PlaybookType, stored: unknown): TriggerConfig {
  const config = defaultTriggerConfig(type);
  let obj: unknown = stored;
  if (typeof stored === 'string') {
    try {
      obj = JSON.parse(stored);
    } catch {
      return config;
    }
  }
  if (!obj || typeof obj !== 'object') return config;
  for (const key of Object.keys(config)) {
    const r = thresholdSchema(key).safeParse((obj as Record<string, unknown>)[key]);
    if (r.success) config[key] = r.data;
  }
  return config;
}

export interface EvaluationInput {
  /** Latest scored month's KPI values keyed by normalizeName(name). */
  readonly kpis: ReadonlyMap<string, number>;
  readonly health: number | null;
  readonly previousHealth: number | null;
}

export interface ConditionOutcome {
  readonly key: string;
  readonly label: string;
  readonly holds: boolean;
  readonly value: number | null;
  readonly threshold: number;
  /** What is compared: a KPI's name, OVERALL_HEALTH or HEALTH_DROP; and how. */
  readonly subject?: string;
  readonly op?: Comparator;
  /** For the health drop: the previous and the latest month's overall health (null when missing). */
  readonly previous?: number | null;
  readonly current?: number | null;
}

export interface Evaluation {
  readonly fires: boolean;
  readonly conditions: ConditionOutcome[];
  readonly reason: string;
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A condition as read: "CSAT Score 3.3 < 3.6" when it holds, "NPS Score 12.2 is not below 10"
 * when it does not.
 */
function statement(subject: string, value: number, op: Comparator, threshold: string, holds: boolean): string {
  const v = formatNumber(value);
  return holds ? `${subject} ${v} ${op} ${threshold}` : `${subject} ${v} is not ${OP_WORDS[op]} ${threshold}`;
}

/**
 * Evaluates one account against a playbook's conditions. A missing value never holds. The health
 * drop is previous − current month's overall health (it holds when >= the threshold). A threshold
 * missing from `config` falls back to its default.
 */
export function evaluateAccount(def: PlaybookDef, config: Partial<TriggerConfig>, input: EvaluationInput): Evaluation {
  const conditions = def.conditions.map((c): ConditionOutcome => {
    const threshold = thresholdOf(def, config, c.key);
    const t = formatNumber(threshold);
    const facts = { subject: c.kpi as string, op: c.op };
    if (c.kpi === HEALTH_DROP) {
      const cur = finiteOrNull(input.health);
      const prev = finiteOrNull(input.previousHealth);
      if (cur === null || prev === null) {
        return {
          key: c.key,
          label: `health drop: no value (needs this and the previous month's health; ${c.op} ${t})`,
          holds: false,
          value: null,
          threshold,
          ...facts,
          previous: prev,
          current: cur,
        };
      }
      const drop = prev - cur;
      const holds = compare(drop, c.op, threshold);
      return {
        key: c.key,
        label: `${statement('health drop', drop, c.op, t, holds)} (${formatNumber(prev)} → ${formatNumber(cur)})`,
        holds,
        value: round2(drop),
        threshold,
        ...facts,
        previous: prev,
        current: cur,
      };
    }
    const health = c.kpi === OVERALL_HEALTH;
    const value = health ? finiteOrNull(input.health) : finiteOrNull(input.kpis.get(normalizeName(c.kpi)));
    if (value === null) {
      return { key: c.key, label: `${c.kpi}: no value (${c.op} ${t})`, holds: false, value: null, threshold, ...facts };
    }
    const holds = compare(value, c.op, threshold);
    return {
      key: c.key,
      label: statement(c.kpi, value, c.op, t, holds),
      holds,
      // A derived score is shown and stored at 2 decimals; a KPI value as it was imported.
      value: health ? round2(value) : value,
      threshold,
      ...facts,
    };
  });
  const holding = conditions.filter((c) => c.holds);
  const fires =
    conditions.length > 0 && (def.combine === 'all' ? holding.length === conditions.length : holding.length > 0);
  let reason: string;
  if (fires) reason = holding.map((c) => c.label).join('; ');
  else if (def.combine === 'all')
    reason = `Not all conditions hold: ${conditions
      .filter((c) => !c.holds)
      .map((c) => c.label)
      .join('; ')}`;
  else {
    const missing = conditions.filter((c) => c.value === null);
    reason =
      missing.length > 0 ? `No condition holds (${missing.map((c) => c.label).join('; ')})` : 'No condition holds';
  }
  return { fires, conditions, reason };
}

export const COOL_DOWN_DAYS = 30;
const DAY_MS = 86_400_000;

export interface SafeguardInput {
  readonly now: Date;
  /** An execution of this playbook is in progress for the account. */
  readonly running: boolean;
  /** End (completed_at) of the account's last execution of this playbook, ISO. */
  readonly lastEndedAt: string | null;
  /** Shown in the reason, e.g. 'VoC Sprint'. */
  readonly playbookName?: string;
}

/**
 * May an auto-trigger start this playbook for the account? Never a second while one is in
 * progress; none within COOL_DOWN_DAYS of the last one's end (exactly 30 days later is allowed).
 * An unreadable lastEndedAt is ignored.
 */
export function safeguard(input: SafeguardInput): { allowed: boolean; reason?: string } {
  const name = input.playbookName ?? 'playbook';
  if (input.running) return { allowed: false, reason: `in progress: a ${name} is already running for this account` };
  if (input.lastEndedAt) {
    const ended = Date.parse(input.lastEndedAt);
    if (Number.isFinite(ended)) {
      const elapsed = input.now.getTime() - ended;
      if (elapsed < COOL_DOWN_DAYS * DAY_MS) {
        const days = Math.max(0, Math.floor(elapsed / DAY_MS));
        const ago = days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`;
        return {
          allowed: false,
          reason: `cool-down: last ${name} ended ${ago} (${COOL_DOWN_DAYS}-day cool-down)`,
        };
      }
    }
  }
  return { allowed: true };
}
