import type {
  AccountEvaluation,
  EvaluationView,
  PlaybookEvaluation,
  TriggerView,
} from '../../shared/channels/playbooks';
import { AppError } from '../../shared/errors';
import {
  HEALTH_DROP,
  OVERALL_HEALTH,
  PLAYBOOKS,
  type PlaybookDef,
  type PlaybookType,
  playbookById,
  playbookByType,
} from '../../shared/playbooks/catalogue';
import {
  conditionsSummary,
  conditionWords,
  reasonWithMonth,
  type TriggerCellState,
} from '../../shared/playbooks/trigger-grid';
import {
  defaultTriggerConfig,
  evaluateAccount,
  parseTriggerConfig,
  readTriggerConfig,
  safeguard,
  type TriggerConfig,
} from '../../shared/playbooks/triggers';
import { statusOf } from '../../shared/scoring';
import { activeAccounts, getAccount } from '../accounts/service';
import { all, type Db, inTransaction, run } from '../db/open';
import { onScoresUpdated } from '../scoring/service';
import { onWorkspaceCreated } from '../workspaces/service';
import { guard } from './errors';
import { startExecution } from './executions';
import { type AccountSnapshot, latestSnapshot, latestSnapshots, latestValues } from './snapshot';

/**
 * Playbook triggers: one `playbook_triggers` row per workspace and type (created with a new
 * workspace, lazily for older ones), thresholds edited and validated, and the evaluation that
 * runs after every import and re-score and on "Evaluate now": per active account, which
 * conditions hold with which values, and, with auto-trigger on, an execution started unless a
 * safeguard (in progress, 30-day cool-down) holds it back.
 */

/** Creates the missing trigger rows of a workspace with the catalogue's defaults, auto-trigger off. */
export function ensureTriggers(db: Db, customerId: number): void {
  for (const def of PLAYBOOKS) {
    run(
      db,
      db.k
        .insertInto('playbook_triggers')
        .values({
          customer_id: customerId,
          playbook_type: def.type,
          trigger_config: JSON.stringify(defaultTriggerConfig(def.type)),
          auto_trigger_enabled: 0,
          trigger_count: 0,
        })
        .onConflict((oc) => oc.columns(['customer_id', 'playbook_type']).doNothing()),
    );
  }
}

function triggerRows(db: Db, customerId: number) {
  ensureTriggers(db, customerId);
  return all(db, db.k.selectFrom('playbook_triggers').selectAll().where('customer_id', '=', customerId));
}

export function listTriggers(db: Db, customerId: number): TriggerView[] {
  const rows = triggerRows(db, customerId);
  return PLAYBOOKS.map((def) => {
    const r = rows.find((x) => x.playbook_type === def.type)!;
    return {
      type: def.type,
      playbookId: def.id,
      playbookName: def.name,
      config: readTriggerConfig(def.type, r.trigger_config),
      autoTrigger: !!r.auto_trigger_enabled,
      lastEvaluated: r.last_evaluated,
      lastTriggered: r.last_triggered,
      triggerCount: Number(r.trigger_count ?? 0),
    };
  });
}

/**
 * Saves a type's thresholds (every one validated; one out of range refuses the whole change)
 * and/or its auto-trigger switch.
 */
export function updateTrigger(
  db: Db,
  customerId: number,
  input: { type: PlaybookType; config?: Record<string, unknown>; autoTrigger?: boolean },
  now = new Date(),
): TriggerView {
  const def = playbookByType(input.type);
  if (!def) throw new AppError('not_found', `Unknown playbook type "${input.type}".`);
  const config = input.config === undefined ? undefined : guard(() => parseTriggerConfig(def.type, input.config));
  inTransaction(db, () => {
    ensureTriggers(db, customerId);
    const patch: { updated_at: string; trigger_config?: string; auto_trigger_enabled?: number } = {
      updated_at: now.toISOString(),
    };
    if (config) patch.trigger_config = JSON.stringify(config);
    if (input.autoTrigger !== undefined) patch.auto_trigger_enabled = input.autoTrigger ? 1 : 0;
    run(
      db,
      db.k
        .updateTable('playbook_triggers')
        .set(patch)
        .where('customer_id', '=', customerId)
        .where('playbook_type', '=', def.type),
    );
  });
  return listTriggers(db, customerId).find((t) => t.type === def.type)!;
}

export interface EvaluateOptions {
  /** Only these accounts (the ones a re-score touched); default every active account. */
  accountIds?: number[];
  /** Preview: nothing is written, nothing started. */
  dryRun?: boolean;
  now?: Date;
  /**
   * Whether each playbook fires, with its reason and outcome, without what only the trigger grid
   * shows: its summary and condition details are left empty (Today, at thousands of accounts).
   */
  brief?: boolean;
}

const key = (accountId: number, playbookId: string) => `${accountId}|${playbookId}`;

type Configs = Map<PlaybookType, { config: TriggerConfig; auto: boolean }>;

/** What one evaluation run reads once and shares across accounts. */
interface Run {
  db: Db;
  customerId: number;
  now: Date;
  nowIso: string;
  apply: boolean;
  brief: boolean;
  configs: Configs;
  /** account|playbook → the execution in progress. */
  running: Map<string, string>;
  /** account|playbook → completed_at of the last execution that ended. */
  lastEnded: Map<string, string>;
  started: EvaluationView['started'];
}

interface EvalAccount {
  account_id: number;
  account_name: string;
  revenue: number | null;
}

function loadConfigs(db: Db, customerId: number): Configs {
  const triggers = triggerRows(db, customerId);
  const configs: Configs = new Map();
  for (const def of PLAYBOOKS) {
    const r = triggers.find((t) => t.playbook_type === def.type);
    configs.set(def.type, { config: readTriggerConfig(def.type, r?.trigger_config), auto: !!r?.auto_trigger_enabled });
  }
  return configs;
}

/** The active accounts (or the wanted ones among them) with their revenue (null when none is recorded). */
function accountsToEvaluate(db: Db, customerId: number, accountIds?: number[]): EvalAccount[] {
  const wanted = accountIds ? new Set(accountIds) : null;
  const revenue = new Map(
    all(db, db.k.selectFrom('accounts').select(['account_id', 'revenue']).where('customer_id', '=', customerId)).map(
      (r) => [r.account_id, Number(r.revenue ?? 0)],
    ),
  );
  return activeAccounts(db, customerId)
    .filter((a) => !wanted || wanted.has(a.account_id))
    .map((a) => {
      const r = revenue.get(a.account_id) ?? 0;
      return { ...a, revenue: Number.isFinite(r) && r > 0 ? r : null };
    });
}

/** The safeguards' facts: what runs, and when each account's last execution of a playbook ended. */
function safeguardFacts(db: Db, customerId: number) {
  const running = new Map<string, string>();
  const lastEnded = new Map<string, string>();
  const rows = all(
    db,
    db.k
      .selectFrom('playbook_executions')
      .select(['execution_id', 'account_id', 'playbook_id', 'status', 'completed_at'])
      .where('customer_id', '=', customerId),
  );
  for (const e of rows) {
    if (e.account_id == null) continue;
    const k = key(e.account_id, e.playbook_id);
    if (e.status === 'in-progress') running.set(k, e.execution_id);
    else if (e.completed_at && (lastEnded.get(k) ?? '') < e.completed_at) lastEnded.set(k, e.completed_at);
  }
  return { running, lastEnded };
}

/** Starts a firing playbook automatically and counts it on the trigger row. */
function autoStart(r: Run, a: EvalAccount, def: PlaybookDef, reason: string, values: AccountSnapshot): string {
  const executionId = startExecution(r.db, r.customerId, {
    accountId: a.account_id,
    playbookId: def.id,
    triggeredBy: 'auto',
    reason,
    now: r.now,
    values,
  });
  r.running.set(key(a.account_id, def.id), executionId);
  run(
    r.db,
    r.db.k
      .updateTable('playbook_triggers')
      .set((eb) => ({
        last_triggered: r.nowIso,
        trigger_count: eb(eb.fn.coalesce('trigger_count', eb.lit(0)), '+', 1),
        updated_at: r.nowIso,
      }))
      .where('customer_id', '=', r.customerId)
      .where('playbook_type', '=', def.type),
  );
  r.started.push({ executionId, playbookId: def.id, accountId: a.account_id, accountName: a.account_name });
  return executionId;
}

type Outcome = Pick<PlaybookEvaluation, 'outcome' | 'outcomeText' | 'executionId'>;

/** What happens to a firing playbook: held back by a safeguard, left to the user, previewed, or started. */
function firingOutcome(r: Run, a: EvalAccount, def: PlaybookDef, snap: AccountSnapshot, reason: string): Outcome {
  const k = key(a.account_id, def.id);
  const guardResult = safeguard({
    now: r.now,
    running: r.running.has(k),
    lastEndedAt: r.lastEnded.get(k) ?? null,
    playbookName: def.name,
  });
  if (!guardResult.allowed) {
    return {
      outcome: 'blocked',
      outcomeText: `Not started: ${guardResult.reason}`,
      executionId: r.running.get(k) ?? null,
    };
  }
  if (!r.configs.get(def.type)!.auto) {
    return {
      outcome: 'auto-off',
      outcomeText: 'Conditions hold; auto-trigger is off: start it by hand',
      executionId: null,
    };
  }
  if (!r.apply) {
    return { outcome: 'would-start', outcomeText: 'Conditions hold: the next evaluation starts it', executionId: null };
  }
  const values = latestValues(r.db, r.customerId, a.account_id, snap);
  const executionId = autoStart(r, a, def, reasonWithMonth(reason, snap.month), values);
  return { outcome: 'started', outcomeText: 'Started automatically', executionId };
}

/** The grid cell: running whenever one is in progress; a firing one held back by the cool-down is cooling. */
function cellState(r: Run, a: EvalAccount, def: PlaybookDef, fires: boolean): TriggerCellState {
  const k = key(a.account_id, def.id);
  if (r.running.has(k)) return 'running';
  if (!fires) return 'quiet';
  const guardResult = safeguard({ now: r.now, running: false, lastEndedAt: r.lastEnded.get(k) ?? null });
  return guardResult.allowed ? 'fires' : 'cooling';
}

function evaluatePlaybook(r: Run, a: EvalAccount, snap: AccountSnapshot, def: PlaybookDef): PlaybookEvaluation {
  const ev = evaluateAccount(def, r.configs.get(def.type)!.config, {
    kpis: snap.kpis,
    health: snap.health,
    previousHealth: snap.previousHealth,
  });
  const outcome: Outcome = ev.fires
    ? firingOutcome(r, a, def, snap, ev.reason)
    : {
        outcome: 'quiet',
        outcomeText: snap.month ? 'Not triggered' : 'No scored month yet: import KPI data first',
        executionId: null,
      };
  return {
    type: def.type,
    playbookId: def.id,
    playbookName: def.name,
    fires: ev.fires,
    reason: ev.reason,
    conditions: ev.conditions,
    ...outcome,
    executionId: outcome.executionId ?? r.running.get(key(a.account_id, def.id)) ?? null,
    state: cellState(r, a, def, ev.fires),
    summary: r.brief ? '' : conditionsSummary(ev.conditions, def.combine),
    details: r.brief ? [] : ev.conditions.map(conditionWords),
  };
}

function evaluateOne(r: Run, a: EvalAccount, snap: AccountSnapshot): AccountEvaluation {
  const status = snap.health === null ? null : statusOf(snap.health);
  const atRisk = status === 'Risk' || status === 'Critical';
  return {
    accountId: a.account_id,
    accountName: a.account_name,
    month: snap.month,
    health: snap.health,
    previousMonth: snap.previousMonth,
    previousHealth: snap.previousHealth,
    status,
    revenue: a.revenue,
    revenueAtRisk: a.revenue === null ? null : atRisk ? a.revenue : 0,
    playbooks: PLAYBOOKS.map((def) => evaluatePlaybook(r, a, snap, def)),
  };
}

/** The KPIs the triggers' conditions read (the snapshots of a whole workspace hold these alone). */
const TRIGGER_KPIS: readonly string[] = [
  ...new Set(PLAYBOOKS.flatMap((def) => def.conditions.map((c) => c.kpi))),
].filter((k) => k !== OVERALL_HEALTH && k !== HEALTH_DROP);

/** Evaluates the workspace's active accounts against every playbook's trigger. */
export function evaluateWorkspace(db: Db, customerId: number, options: EvaluateOptions = {}): EvaluationView {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const apply = !options.dryRun;
  return inTransaction(db, () => {
    const r: Run = {
      db,
      customerId,
      now,
      nowIso,
      apply,
      brief: options.brief ?? false,
      configs: loadConfigs(db, customerId),
      ...safeguardFacts(db, customerId),
      started: [],
    };
    const wanted = accountsToEvaluate(db, customerId, options.accountIds);
    // One account (after its import): its own three reads; more: two statements for them all.
    const snaps =
      wanted.length > 1
        ? latestSnapshots(
            db,
            customerId,
            wanted.map((a) => a.account_id),
            TRIGGER_KPIS,
          )
        : null;
    const accounts = wanted.map((a) =>
      evaluateOne(r, a, snaps?.get(a.account_id) ?? latestSnapshot(db, customerId, a.account_id)),
    );
    if (apply) {
      run(
        db,
        db.k
          .updateTable('playbook_triggers')
          .set({ last_evaluated: nowIso, updated_at: nowIso })
          .where('customer_id', '=', customerId),
      );
    }
    return { applied: apply, evaluatedAt: nowIso, accounts, started: r.started };
  });
}

/** "Start selected": starts each pair by hand, all in one transaction (one refusal starts none). */
export function startMany(
  db: Db,
  customerId: number,
  starts: ReadonlyArray<{ accountId: number; playbookId: string; reason?: string }>,
  userId?: number | null,
) {
  return inTransaction(db, () => ({
    started: starts.map((s) => {
      const executionId = startExecution(db, customerId, { ...s, userId, triggeredBy: 'manual' });
      const accountName = getAccount(db, customerId, s.accountId).account_name;
      return { executionId, accountName, playbookName: playbookById(s.playbookId)?.name ?? s.playbookId };
    }),
  }));
}

// A new workspace gets its trigger rows in the same transaction that creates it.
onWorkspaceCreated((db, customerId) => ensureTriggers(db, customerId));

// After every import and re-score, inside its transaction: evaluate the accounts it touched.
// A failure here is logged, never allowed to undo the import (the savepoint rolls back alone).
onScoresUpdated((db, customerId, accountIds, after) => {
  try {
    after.triggers = evaluateWorkspace(db, customerId, { accountIds });
  } catch (e) {
    console.error('[kpi] playbook trigger evaluation after the re-score failed:', e);
  }
});
