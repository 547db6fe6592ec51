import type {
  AccountEvaluation,
  EvaluationView,
  PlaybookEvaluation,
  TriggerView,
} from '../../shared/channels/playbooks';
import { AppError } from '../../shared/errors';
import { PLAYBOOKS, type PlaybookType, playbookByType } from '../../shared/playbooks/catalogue';
import {
  defaultTriggerConfig,
  evaluateAccount,
  parseTriggerConfig,
  readTriggerConfig,
  safeguard,
  type TriggerConfig,
} from '../../shared/playbooks/triggers';
import { activeAccounts } from '../accounts/service';
import { all, type Db, inTransaction, run } from '../db/open';
import { onScoresUpdated } from '../scoring/service';
import { onWorkspaceCreated } from '../workspaces/service';
import { guard } from './errors';
import { startExecution } from './executions';
import { type AccountSnapshot, latestSnapshot, latestValues } from './snapshot';

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
}

const key = (accountId: number, playbookId: string) => `${accountId}|${playbookId}`;

/** Evaluates the workspace's active accounts against every playbook's trigger. */
export function evaluateWorkspace(db: Db, customerId: number, options: EvaluateOptions = {}): EvaluationView {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const apply = !options.dryRun;
  return inTransaction(db, () => {
    const triggers = triggerRows(db, customerId);
    const configs = new Map<PlaybookType, { config: TriggerConfig; auto: boolean }>();
    for (const def of PLAYBOOKS) {
      const r = triggers.find((t) => t.playbook_type === def.type);
      configs.set(def.type, {
        config: readTriggerConfig(def.type, r?.trigger_config),
        auto: !!r?.auto_trigger_enabled,
      });
    }

    let accounts = activeAccounts(db, customerId);
    if (options.accountIds) {
      const wanted = new Set(options.accountIds);
      accounts = accounts.filter((a) => wanted.has(a.account_id));
    }

    // The safeguards' facts: what runs, and when each account's last execution of a playbook ended.
    const running = new Map<string, string>();
    const lastEnded = new Map<string, string>();
    for (const e of all(
      db,
      db.k
        .selectFrom('playbook_executions')
        .select(['execution_id', 'account_id', 'playbook_id', 'status', 'completed_at'])
        .where('customer_id', '=', customerId),
    )) {
      if (e.account_id == null) continue;
      const k = key(e.account_id, e.playbook_id);
      if (e.status === 'in-progress') running.set(k, e.execution_id);
      else if (e.completed_at && (lastEnded.get(k) ?? '') < e.completed_at) lastEnded.set(k, e.completed_at);
    }

    const started: EvaluationView['started'] = [];
    const result: AccountEvaluation[] = accounts.map((a) => {
      const snap = latestSnapshot(db, customerId, a.account_id);
      let values: AccountSnapshot | undefined;
      const playbooks = PLAYBOOKS.map((def): PlaybookEvaluation => {
        const { config, auto } = configs.get(def.type)!;
        const ev = evaluateAccount(def, config, {
          kpis: snap.kpis,
          health: snap.health,
          previousHealth: snap.previousHealth,
        });
        const base = {
          type: def.type,
          playbookId: def.id,
          playbookName: def.name,
          fires: ev.fires,
          reason: ev.reason,
          conditions: ev.conditions,
        };
        if (!ev.fires) {
          return {
            ...base,
            outcome: 'quiet',
            outcomeText: snap.month ? 'Not triggered' : 'No scored month yet: import KPI data first',
            executionId: null,
          };
        }
        const k = key(a.account_id, def.id);
        const guardResult = safeguard({
          now,
          running: running.has(k),
          lastEndedAt: lastEnded.get(k) ?? null,
          playbookName: def.name,
        });
        if (!guardResult.allowed) {
          return {
            ...base,
            outcome: 'blocked',
            outcomeText: `Not started: ${guardResult.reason}`,
            executionId: running.get(k) ?? null,
          };
        }
        if (!auto) {
          return {
            ...base,
            outcome: 'auto-off',
            outcomeText: 'Conditions hold; auto-trigger is off: start it by hand',
            executionId: null,
          };
        }
        if (!apply) {
          return {
            ...base,
            outcome: 'would-start',
            outcomeText: 'Conditions hold: the next evaluation starts it',
            executionId: null,
          };
        }
        values ??= latestValues(db, customerId, a.account_id, snap);
        const executionId = startExecution(db, customerId, {
          accountId: a.account_id,
          playbookId: def.id,
          triggeredBy: 'auto',
          reason: `${ev.reason} (data of ${snap.month})`,
          now,
          values,
        });
        running.set(k, executionId);
        run(
          db,
          db.k
            .updateTable('playbook_triggers')
            .set((eb) => ({
              last_triggered: nowIso,
              trigger_count: eb(eb.fn.coalesce('trigger_count', eb.lit(0)), '+', 1),
              updated_at: nowIso,
            }))
            .where('customer_id', '=', customerId)
            .where('playbook_type', '=', def.type),
        );
        started.push({ executionId, playbookId: def.id, accountId: a.account_id, accountName: a.account_name });
        return { ...base, outcome: 'started', outcomeText: 'Started automatically', executionId };
      });
      return {
        accountId: a.account_id,
        accountName: a.account_name,
        month: snap.month,
        health: snap.health,
        previousMonth: snap.previousMonth,
        previousHealth: snap.previousHealth,
        playbooks,
      };
    });

    if (apply) {
      run(
        db,
        db.k
          .updateTable('playbook_triggers')
          .set({ last_evaluated: nowIso, updated_at: nowIso })
          .where('customer_id', '=', customerId),
      );
    }
    return { applied: apply, evaluatedAt: nowIso, accounts: result, started };
  });
}

// A new workspace gets its trigger rows in the same transaction that creates it.
onWorkspaceCreated((db, customerId) => ensureTriggers(db, customerId));

// After every import and re-score, inside its transaction: evaluate the accounts it touched.
// A failure here is logged, never allowed to undo the import (the savepoint rolls back alone).
onScoresUpdated((db, customerId, accountIds) => {
  try {
    evaluateWorkspace(db, customerId, { accountIds });
  } catch (e) {
    console.error('[kpi] playbook trigger evaluation after the re-score failed:', e);
  }
});
