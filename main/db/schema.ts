import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The Kysely view of the tables created by migrations/. tests/unit/db/schema.test.ts checks that
// every table and column here exists in a migrated database and vice versa.
// A workspace is a `customers` row: the SQL keeps the seed's `customer_id`, the app says workspace.

/** A timestamp column with a database default: optional on insert. */
type Timestamp = ColumnType<string, string | undefined, string>;
/** SQLite has no boolean: 0 or 1. */
type Bool = ColumnType<number, number | boolean | undefined, number | boolean>;

export interface CustomersTable {
  customer_id: Generated<number>;
  customer_name: string;
  email: string | null;
  phone: string | null;
}

export interface UsersTable {
  user_id: Generated<number>;
  customer_id: number | null;
  user_name: string;
  email: string | null;
  password_hash: string | null;
}

export interface AccountsTable {
  account_id: Generated<number>;
  customer_id: number | null;
  account_name: string;
  revenue: ColumnType<number | null, number | null | undefined, number | null>;
  account_status: ColumnType<string | null, string | undefined, string>;
  industry: string | null;
  region: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Migration 0008. */
  owner_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  renewal_date: ColumnType<string | null, string | null | undefined, string | null>;
  segment: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 0008: owner, renewal and segment changes, for the account's timeline. */
export interface AccountChangesTable {
  change_id: Generated<number>;
  customer_id: number;
  account_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  user_id: number | null;
  changed_at: ColumnType<string, string | undefined, never>;
}

/** Migration 0009: KPI values corrected in the app (issue 13, point 2). */
export interface KpiEditsTable {
  edit_id: Generated<number>;
  customer_id: number;
  account_id: number;
  kpi_id: number | null;
  kpi_name: string;
  category: string;
  year: number;
  month: number;
  old_value: number | null;
  new_value: number | null;
  reason: string | null;
  user_id: number | null;
  edited_at: ColumnType<string, string | undefined, never>;
}

/** Migration 0009: notes per account (issue 13, point 3). */
export interface AccountNotesTable {
  note_id: Generated<number>;
  customer_id: number;
  account_id: number;
  user_id: number | null;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerConfigsTable {
  config_id: Generated<number>;
  customer_id: number | null;
  kpi_upload_mode: ColumnType<string | null, string | undefined, string>;
  category_weights: string | null;
  master_file_name: string | null;
  /** Months after which an account's newest data counts as stale; NULL: the default (2). */
  stale_after_months: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KpiUploadsTable {
  upload_id: Generated<number>;
  customer_id: number | null;
  account_id: number | null;
  user_id: number | null;
  uploaded_at: Timestamp;
  version: number;
  original_filename: string | null;
  raw_excel: Buffer | null;
  parsed_json: string | null;
  period_year: number | null;
  period_month: number | null;
  content_hash: string | null;
  file_id: number | null;
}

export interface KpisTable {
  kpi_id: Generated<number>;
  upload_id: number | null;
  account_id: number | null;
  category: string | null;
  row_index: number | null;
  health_score_component: string | null;
  weight: string | null;
  data: string | null;
  source_review: string | null;
  kpi_parameter: string | null;
  impact_level: string | null;
  measurement_frequency: string | null;
  last_edited_by: number | null;
  last_edited_at: string | null;
}

export interface KpiReferenceRangesTable {
  range_id: Generated<number>;
  kpi_name: string;
  unit: string;
  higher_is_better: Bool;
  critical_min: number;
  critical_max: number;
  risk_min: number;
  risk_max: number;
  healthy_min: number;
  healthy_max: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: number | null;
  updated_by: number | null;
}

export interface KpiTimeSeriesTable {
  id: Generated<number>;
  kpi_id: number;
  account_id: number;
  customer_id: number;
  month: number;
  year: number;
  value: number | null;
  health_status: string | null;
  health_score: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HealthTrendsTable {
  trend_id: Generated<number>;
  account_id: number;
  customer_id: number;
  month: number;
  year: number;
  overall_health_score: number;
  product_usage_score: number | null;
  support_score: number | null;
  customer_sentiment_score: number | null;
  business_outcomes_score: number | null;
  relationship_strength_score: number | null;
  total_kpis: ColumnType<number | null, number | undefined, number>;
  valid_kpis: ColumnType<number | null, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybookTriggersTable {
  trigger_id: Generated<number>;
  customer_id: number;
  playbook_type: string;
  trigger_config: string | null;
  auto_trigger_enabled: ColumnType<number | null, number | boolean | undefined, number | boolean>;
  last_evaluated: string | null;
  last_triggered: string | null;
  trigger_count: ColumnType<number | null, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybookExecutionsTable {
  id: Generated<number>;
  execution_id: string;
  customer_id: number;
  account_id: number | null;
  playbook_id: string;
  status: ColumnType<string | null, string | undefined, string>;
  current_step: string | null;
  execution_data: string;
  started_at: string;
  completed_at: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Issue 13: the people each RACI role of an execution is mapped to (migration 0012). */
export interface PlaybookRolePeopleTable {
  id: Generated<number>;
  customer_id: number;
  execution_id: string;
  role: string;
  user_id: number;
  assigned_at: Generated<string>;
}

export interface PlaybookReportsTable {
  report_id: Generated<number>;
  execution_id: string | null;
  customer_id: number;
  account_id: number | null;
  playbook_id: string;
  playbook_name: string;
  account_name: string | null;
  status: ColumnType<string | null, string | undefined, string>;
  report_data: string;
  duration: string | null;
  steps_completed: ColumnType<number | null, number | undefined, number>;
  total_steps: number | null;
  started_at: string;
  completed_at: string | null;
  report_generated_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportFilesTable {
  file_id: Generated<number>;
  customer_id: number;
  file_name: string;
  content_hash: string;
  byte_size: number;
  bytes: Buffer;
  created_at: Timestamp;
}

export interface ImportMappingsTable {
  mapping_id: Generated<number>;
  customer_id: number;
  header_signature: string;
  mapping_json: string;
  updated_at: Timestamp;
}

export interface HealthTrendCategoriesTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  month: number;
  year: number;
  category: string;
  score: number;
  weight: number | null;
  valid_kpis: ColumnType<number | null, number | undefined, number>;
}

export interface AppStateTable {
  key: string;
  value: string | null;
}

/** Migration 0010: the highest upload version each account has had (versions are never reused). */
export interface UploadVersionsTable {
  account_id: number;
  customer_id: number;
  last_version: number;
}

export interface Database {
  app_state: AppStateTable;
  customers: CustomersTable;
  users: UsersTable;
  accounts: AccountsTable;
  account_changes: AccountChangesTable;
  kpi_edits: KpiEditsTable;
  account_notes: AccountNotesTable;
  customer_configs: CustomerConfigsTable;
  kpi_uploads: KpiUploadsTable;
  kpis: KpisTable;
  kpi_reference_ranges: KpiReferenceRangesTable;
  kpi_time_series: KpiTimeSeriesTable;
  health_trends: HealthTrendsTable;
  playbook_triggers: PlaybookTriggersTable;
  playbook_executions: PlaybookExecutionsTable;
  playbook_role_people: PlaybookRolePeopleTable;
  playbook_reports: PlaybookReportsTable;
  import_files: ImportFilesTable;
  upload_versions: UploadVersionsTable;
  import_mappings: ImportMappingsTable;
  health_trend_categories: HealthTrendCategoriesTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type ReferenceRangeRow = Selectable<KpiReferenceRangesTable>;
