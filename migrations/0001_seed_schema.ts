import { type Kysely, sql } from 'kysely';

// The seed's twelve tables (../shared/spec/seed-schema.md), column for column. Frozen in time:
// later needs go into later migrations. Timestamps default to ISO-8601 UTC text.
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

const STATEMENTS = [
  `CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    customer_name VARCHAR NOT NULL,
    email VARCHAR UNIQUE,
    phone VARCHAR
  )`,
  `CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(customer_id),
    user_name VARCHAR NOT NULL,
    email VARCHAR,
    password_hash VARCHAR(128)
  )`,
  `CREATE TABLE accounts (
    account_id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(customer_id),
    account_name VARCHAR NOT NULL,
    revenue NUMERIC(15,2) DEFAULT 0,
    account_status VARCHAR DEFAULT 'active',
    industry VARCHAR,
    region VARCHAR,
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW}
  )`,
  `CREATE TABLE customer_configs (
    config_id INTEGER PRIMARY KEY,
    customer_id INTEGER UNIQUE REFERENCES customers(customer_id),
    kpi_upload_mode VARCHAR DEFAULT 'corporate',
    category_weights TEXT,
    master_file_name VARCHAR,
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW}
  )`,
  `CREATE TABLE kpi_uploads (
    upload_id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(customer_id),
    account_id INTEGER REFERENCES accounts(account_id),
    user_id INTEGER REFERENCES users(user_id),
    uploaded_at DATETIME DEFAULT ${NOW},
    version INTEGER NOT NULL,
    original_filename VARCHAR,
    raw_excel BLOB,
    parsed_json JSON
  )`,
  `CREATE TABLE kpis (
    kpi_id INTEGER PRIMARY KEY,
    upload_id INTEGER REFERENCES kpi_uploads(upload_id),
    account_id INTEGER REFERENCES accounts(account_id),
    category VARCHAR,
    row_index INTEGER,
    health_score_component VARCHAR,
    weight VARCHAR,
    data VARCHAR,
    source_review VARCHAR,
    kpi_parameter VARCHAR,
    impact_level VARCHAR,
    measurement_frequency VARCHAR,
    last_edited_by INTEGER REFERENCES users(user_id),
    last_edited_at DATETIME
  )`,
  `CREATE TABLE kpi_reference_ranges (
    range_id INTEGER PRIMARY KEY,
    kpi_name VARCHAR NOT NULL UNIQUE,
    unit VARCHAR NOT NULL,
    higher_is_better BOOLEAN NOT NULL DEFAULT TRUE,
    critical_min NUMERIC(10,2) NOT NULL,
    critical_max NUMERIC(10,2) NOT NULL,
    risk_min NUMERIC(10,2) NOT NULL,
    risk_max NUMERIC(10,2) NOT NULL,
    healthy_min NUMERIC(10,2) NOT NULL,
    healthy_max NUMERIC(10,2) NOT NULL,
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW},
    created_by INTEGER REFERENCES users(user_id),
    updated_by INTEGER REFERENCES users(user_id)
  )`,
  `CREATE TABLE kpi_time_series (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER NOT NULL REFERENCES kpis(kpi_id),
    account_id INTEGER NOT NULL REFERENCES accounts(account_id),
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    month INTEGER NOT NULL,
    year INTEGER NOT NULL,
    value NUMERIC(10,2),
    health_status VARCHAR(20),
    health_score NUMERIC(5,2),
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW},
    UNIQUE (kpi_id, month, year)
  )`,
  `CREATE TABLE health_trends (
    trend_id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(account_id),
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    month INTEGER NOT NULL,
    year INTEGER NOT NULL,
    overall_health_score NUMERIC(5,2) NOT NULL,
    product_usage_score NUMERIC(5,2),
    support_score NUMERIC(5,2),
    customer_sentiment_score NUMERIC(5,2),
    business_outcomes_score NUMERIC(5,2),
    relationship_strength_score NUMERIC(5,2),
    total_kpis INTEGER DEFAULT 0,
    valid_kpis INTEGER DEFAULT 0,
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW},
    UNIQUE (account_id, month, year)
  )`,
  `CREATE TABLE playbook_triggers (
    trigger_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    playbook_type VARCHAR(50) NOT NULL,
    trigger_config TEXT,
    auto_trigger_enabled BOOLEAN DEFAULT FALSE,
    last_evaluated DATETIME,
    last_triggered DATETIME,
    trigger_count INTEGER DEFAULT 0,
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW},
    UNIQUE (customer_id, playbook_type)
  )`,
  `CREATE TABLE playbook_executions (
    id INTEGER PRIMARY KEY,
    execution_id VARCHAR(36) NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    account_id INTEGER REFERENCES accounts(account_id),
    playbook_id VARCHAR(50) NOT NULL,
    status VARCHAR(20) DEFAULT 'in-progress',
    current_step VARCHAR(100),
    execution_data JSON NOT NULL,
    started_at DATETIME NOT NULL,
    completed_at DATETIME,
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW}
  )`,
  'CREATE INDEX idx_customer_playbook_exec ON playbook_executions (customer_id, playbook_id)',
  'CREATE INDEX idx_account_playbook_exec ON playbook_executions (account_id, playbook_id)',
  'CREATE INDEX idx_status ON playbook_executions (status)',
  // The seed marks playbook_id INDEXED on its own as well.
  'CREATE INDEX ix_playbook_executions_playbook_id ON playbook_executions (playbook_id)',
  `CREATE TABLE playbook_reports (
    report_id INTEGER PRIMARY KEY,
    execution_id VARCHAR(36) UNIQUE REFERENCES playbook_executions(execution_id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    account_id INTEGER REFERENCES accounts(account_id),
    playbook_id VARCHAR(50) NOT NULL,
    playbook_name VARCHAR(100) NOT NULL,
    account_name VARCHAR(200),
    status VARCHAR(20) DEFAULT 'in-progress',
    report_data JSON NOT NULL,
    duration VARCHAR(50),
    steps_completed INTEGER DEFAULT 0,
    total_steps INTEGER,
    started_at DATETIME NOT NULL,
    completed_at DATETIME,
    report_generated_at DATETIME DEFAULT ${NOW},
    created_at DATETIME DEFAULT ${NOW},
    updated_at DATETIME DEFAULT ${NOW}
  )`,
  'CREATE INDEX idx_customer_playbook ON playbook_reports (customer_id, playbook_id)',
  'CREATE INDEX idx_account_playbook ON playbook_reports (account_id, playbook_id)',
  'CREATE INDEX ix_playbook_reports_playbook_id ON playbook_reports (playbook_id)',
];

const TABLES = [
  'playbook_reports',
  'playbook_executions',
  'playbook_triggers',
  'health_trends',
  'kpi_time_series',
  'kpi_reference_ranges',
  'kpis',
  'kpi_uploads',
  'customer_configs',
  'accounts',
  'users',
  'customers',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
}
