import fs from 'node:fs';
import path from 'node:path';
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/open';
import type { Database } from '../../../main/db/schema';
import { MIGRATIONS, migrationProvider } from '../../../migrations';
import { SPEC, tempDb } from '../../helpers/db';

/**
 * Reads ../shared/spec/seed-schema.md itself (its "Detailed Schema" tables, Constraints and
 * Indexes blocks) and checks a migrated SQLite file against it, column by column, through
 * PRAGMA table_info / index_list / index_info / foreign_key_list.
 */
interface SeedColumn {
  name: string;
  type: string;
  constraints: string;
}
interface SeedTable {
  name: string;
  columns: SeedColumn[];
  uniques: string[][];
  indexes: Array<{ name: string; columns: string[] }>;
}

function parseSeed(): SeedTable[] {
  const md = fs.readFileSync(path.join(SPEC, 'seed-schema.md'), 'utf8');
  const detail = md.slice(md.indexOf('## Detailed Schema'), md.indexOf('## Database Relationships'));
  const sections = detail.split(/^### \d+\. /m).slice(1);
  return sections.map((s) => {
    const name = s.split('\n')[0].trim();
    const columns: SeedColumn[] = [];
    for (const line of s.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length < 5 || cells[1] === 'Column' || cells[1].startsWith('-')) continue;
      columns.push({ name: cells[1], type: cells[2], constraints: cells[3] });
    }
    const uniques = [...s.matchAll(/UNIQUE\(([^)]+)\)/g)].map((m) => m[1].split(',').map((c) => c.trim()));
    const indexes = [...s.matchAll(/^- (idx_\w+) \(([^)]+)\)/gm)].map((m) => ({
      name: m[1],
      columns: m[2].split(',').map((c) => c.trim()),
    }));
    return { name, columns, uniques, indexes };
  });
}

type Info = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
type IndexRow = { name: string; unique: number; origin: string };
type Fk = { table: string; from: string; to: string; on_delete: string };

function inspect(db: Db, table: string) {
  const cols = db.raw.prepare(`PRAGMA table_info(${table})`).all() as Info[];
  const indexes = (db.raw.prepare(`PRAGMA index_list(${table})`).all() as IndexRow[]).map((i) => ({
    ...i,
    columns: (db.raw.prepare(`PRAGMA index_info(${i.name})`).all() as Array<{ name: string }>).map((c) => c.name),
  }));
  const fks = db.raw.prepare(`PRAGMA foreign_key_list(${table})`).all() as Fk[];
  return { cols, indexes, fks };
}

const SEED = parseSeed();

describe('the migrated schema against seed-schema.md', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('parses all twelve tables of the seed', () => {
    expect(SEED.map((s) => s.name)).toEqual([
      'customers',
      'users',
      'accounts',
      'customer_configs',
      'kpi_uploads',
      'kpis',
      'kpi_reference_ranges',
      'kpi_time_series',
      'health_trends',
      'playbook_triggers',
      'playbook_executions',
      'playbook_reports',
    ]);
  });

  for (const table of SEED) {
    describe(table.name, () => {
      for (const col of table.columns) {
        it(`${col.name} ${col.type} ${col.constraints}`, () => {
          const { cols, indexes, fks } = inspect(t.db, table.name);
          const c = cols.find((x) => x.name === col.name);
          expect(c, `column ${table.name}.${col.name}`).toBeDefined();
          if (!c) return;
          expect(c.type).toBe(col.type);
          const k = col.constraints;
          expect(c.pk === 1, 'primary key').toBe(k.includes('PRIMARY KEY'));
          if (!k.includes('PRIMARY KEY')) expect(c.notnull === 1, 'NOT NULL').toBe(k.includes('NOT NULL'));
          const dflt = k.match(/DEFAULT ([^,]+)/)?.[1]?.trim();
          if (dflt) expect(c.dflt_value).toBe(dflt);
          if (k === 'AUTO' || k.includes('AUTO')) expect(c.dflt_value, 'automatic timestamp').toMatch(/now/);
          const fk = k.match(/FK → (\w+)/)?.[1];
          const f = fks.find((x) => x.from === col.name);
          if (fk) {
            expect(f?.table, 'foreign key').toBe(fk);
            expect(f?.on_delete).toBe(k.includes('CASCADE') ? 'CASCADE' : 'NO ACTION');
          } else {
            expect(f, 'no foreign key').toBeUndefined();
          }
          const singleUnique = indexes.some(
            (i) => i.unique === 1 && i.columns.length === 1 && i.columns[0] === col.name,
          );
          expect(singleUnique, 'UNIQUE').toBe(/\bUNIQUE\b/.test(k));
          if (/INDEXED/.test(k))
            expect(
              indexes.some((i) => i.columns[0] === col.name),
              'indexed',
            ).toBe(true);
        });
      }
      it('has no column the seed does not name, except documented additions', () => {
        const { cols } = inspect(t.db, table.name);
        const extra = cols.map((c) => c.name).filter((n) => !table.columns.some((s) => s.name === n));
        const allowed: Record<string, string[]> = {
          kpi_uploads: ['period_year', 'period_month', 'content_hash', 'file_id'],
          accounts: ['owner_user_id', 'renewal_date', 'segment'], // migration 0008 (issue 13)
          customer_configs: ['stale_after_months'], // migration 0013 (issue 14)
        };
        expect(extra).toEqual(allowed[table.name] ?? []);
      });
      for (const u of table.uniques) {
        it(`UNIQUE(${u.join(', ')})`, () => {
          const { indexes } = inspect(t.db, table.name);
          expect(indexes.some((i) => i.unique === 1 && i.columns.join() === u.join())).toBe(true);
        });
      }
      for (const ix of table.indexes) {
        it(`index ${ix.name} (${ix.columns.join(', ')})`, () => {
          const { indexes } = inspect(t.db, table.name);
          expect(indexes.find((i) => i.name === ix.name)?.columns).toEqual(ix.columns);
        });
      }
    });
  }

  it('deleting an execution deletes its report (the seed cascade), with foreign keys enforced', () => {
    const raw = t.db.raw;
    raw.prepare("INSERT INTO customers (customer_name) VALUES ('C')").run();
    raw
      .prepare(
        "INSERT INTO playbook_executions (execution_id, customer_id, playbook_id, execution_data, started_at) VALUES ('e1', 1, 'voc-sprint', '{}', '2025-01-01')",
      )
      .run();
    raw
      .prepare(
        "INSERT INTO playbook_reports (execution_id, customer_id, playbook_id, playbook_name, report_data, started_at) VALUES ('e1', 1, 'voc-sprint', 'VoC Sprint', '{}', '2025-01-01')",
      )
      .run();
    raw.prepare("DELETE FROM playbook_executions WHERE execution_id = 'e1'").run();
    expect(raw.prepare('SELECT count(*) n FROM playbook_reports').get()).toEqual({ n: 0 });
    expect(() => raw.prepare("INSERT INTO users (customer_id, user_name) VALUES (99, 'x')").run()).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('opens with WAL, foreign keys on and a busy timeout', () => {
    expect(t.db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(t.db.raw.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
  });

  it('holds the 40 default reference ranges', () => {
    const csv = fs.readFileSync(path.join(SPEC, '../samples/reference-ranges.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = t.db.raw.prepare('SELECT * FROM kpi_reference_ranges ORDER BY range_id').all() as Array<
      Record<string, unknown>
    >;
    expect(rows).toHaveLength(40);
    expect(csv).toHaveLength(40);
    for (const line of csv) {
      const [name, unit, hib, ...bounds] = line.split(',');
      const r = rows.find((x) => x.kpi_name === name);
      expect(r, name).toBeDefined();
      expect(r?.unit).toBe(unit);
      expect(r?.higher_is_better).toBe(hib === 'true' ? 1 : 0);
      expect([r?.critical_min, r?.critical_max, r?.risk_min, r?.risk_max, r?.healthy_min, r?.healthy_max]).toEqual(
        bounds.map(Number),
      );
    }
  });

  it('migrates down to nothing and up again', async () => {
    const migrator = new Migrator({ db: t.db.k, provider: migrationProvider });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const left = t.db.raw
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(left).toEqual([]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => r.migrationName)).toEqual(Object.keys(MIGRATIONS));
    expect(inspect(t.db, 'playbook_reports').fks.find((f) => f.from === 'execution_id')?.on_delete).toBe('CASCADE');
  });

  it('the Kysely Database interface names exactly the tables and columns SQLite has', () => {
    // Checked both ways: the type system rejects a key missing from or foreign to Database
    // (this literal is typed by it), and the test compares it with the file.
    const declared: { [T in keyof Database]: { [C in keyof Database[T]]-?: true } } = {
      customers: { customer_id: true, customer_name: true, email: true, phone: true },
      users: { user_id: true, customer_id: true, user_name: true, email: true, password_hash: true },
      accounts: {
        account_id: true,
        customer_id: true,
        account_name: true,
        revenue: true,
        account_status: true,
        industry: true,
        region: true,
        created_at: true,
        updated_at: true,
        owner_user_id: true,
        renewal_date: true,
        segment: true,
      },
      playbook_role_people: {
        id: true,
        customer_id: true,
        execution_id: true,
        role: true,
        user_id: true,
        assigned_at: true,
      },
      account_changes: {
        change_id: true,
        customer_id: true,
        account_id: true,
        field: true,
        old_value: true,
        new_value: true,
        user_id: true,
        changed_at: true,
      },
      kpi_edits: {
        edit_id: true,
        customer_id: true,
        account_id: true,
        kpi_id: true,
        kpi_name: true,
        category: true,
        year: true,
        month: true,
        old_value: true,
        new_value: true,
        reason: true,
        user_id: true,
        edited_at: true,
      },
      account_notes: {
        note_id: true,
        customer_id: true,
        account_id: true,
        user_id: true,
        body: true,
        created_at: true,
        updated_at: true,
      },
      customer_configs: {
        config_id: true,
        customer_id: true,
        kpi_upload_mode: true,
        category_weights: true,
        master_file_name: true,
        stale_after_months: true,
        created_at: true,
        updated_at: true,
      },
      kpi_uploads: {
        upload_id: true,
        customer_id: true,
        account_id: true,
        user_id: true,
        uploaded_at: true,
        version: true,
        original_filename: true,
        raw_excel: true,
        parsed_json: true,
        period_year: true,
        period_month: true,
        content_hash: true,
        file_id: true,
      },
      kpis: {
        kpi_id: true,
        upload_id: true,
        account_id: true,
        category: true,
        row_index: true,
        health_score_component: true,
        weight: true,
        data: true,
        source_review: true,
        kpi_parameter: true,
        impact_level: true,
        measurement_frequency: true,
        last_edited_by: true,
        last_edited_at: true,
      },
      kpi_reference_ranges: {
        range_id: true,
        kpi_name: true,
        unit: true,
        higher_is_better: true,
        critical_min: true,
        critical_max: true,
        risk_min: true,
        risk_max: true,
        healthy_min: true,
        healthy_max: true,
        created_at: true,
        updated_at: true,
        created_by: true,
        updated_by: true,
      },
      kpi_time_series: {
        id: true,
        kpi_id: true,
        account_id: true,
        customer_id: true,
        month: true,
        year: true,
        value: true,
        health_status: true,
        health_score: true,
        created_at: true,
        updated_at: true,
      },
      health_trends: {
        trend_id: true,
        account_id: true,
        customer_id: true,
        month: true,
        year: true,
        overall_health_score: true,
        product_usage_score: true,
        support_score: true,
        customer_sentiment_score: true,
        business_outcomes_score: true,
        relationship_strength_score: true,
        total_kpis: true,
        valid_kpis: true,
        created_at: true,
        updated_at: true,
      },
      playbook_triggers: {
        trigger_id: true,
        customer_id: true,
        playbook_type: true,
        trigger_config: true,
        auto_trigger_enabled: true,
        last_evaluated: true,
        last_triggered: true,
        trigger_count: true,
        created_at: true,
        updated_at: true,
      },
      playbook_executions: {
        id: true,
        execution_id: true,
        customer_id: true,
        account_id: true,
        playbook_id: true,
        status: true,
        current_step: true,
        execution_data: true,
        started_at: true,
        completed_at: true,
        created_at: true,
        updated_at: true,
      },
      playbook_reports: {
        report_id: true,
        execution_id: true,
        customer_id: true,
        account_id: true,
        playbook_id: true,
        playbook_name: true,
        account_name: true,
        status: true,
        report_data: true,
        duration: true,
        steps_completed: true,
        total_steps: true,
        started_at: true,
        completed_at: true,
        report_generated_at: true,
        created_at: true,
        updated_at: true,
      },
      import_files: {
        file_id: true,
        customer_id: true,
        file_name: true,
        content_hash: true,
        byte_size: true,
        bytes: true,
        created_at: true,
      },
      import_mappings: {
        mapping_id: true,
        customer_id: true,
        header_signature: true,
        mapping_json: true,
        updated_at: true,
      },
      health_trend_categories: {
        id: true,
        account_id: true,
        customer_id: true,
        month: true,
        year: true,
        category: true,
        score: true,
        weight: true,
        valid_kpis: true,
      },
      app_state: { key: true, value: true },
      upload_versions: { account_id: true, customer_id: true, last_version: true },
    };
    const tables = (
      t.db.raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'",
        )
        .all() as Array<{ name: string }>
    )
      .map((r) => r.name)
      .sort();
    expect(Object.keys(declared).sort()).toEqual(tables);
    for (const [table, cols] of Object.entries(declared)) {
      const actual = inspect(t.db, table)
        .cols.map((c) => c.name)
        .sort();
      expect(Object.keys(cols).sort(), table).toEqual(actual);
    }
  });
});
