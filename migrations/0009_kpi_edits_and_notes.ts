import { type Kysely, sql } from 'kysely';

// Issue 13, points 2 and 3: a history of KPI values corrected in the app (old, new, who, when, why),
// attributed on the seed's kpis.last_edited_by/last_edited_at, and notes per account, both read
// by the account's timeline.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE kpi_edits (
    edit_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    account_id INTEGER NOT NULL REFERENCES accounts(account_id),
    kpi_id INTEGER REFERENCES kpis(kpi_id) ON DELETE SET NULL,
    kpi_name VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    old_value NUMERIC,
    new_value NUMERIC,
    reason TEXT,
    user_id INTEGER REFERENCES users(user_id),
    edited_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`.execute(db);
  await sql`CREATE INDEX idx_kpi_edits_account ON kpi_edits (customer_id, account_id, edited_at)`.execute(db);
  await sql`CREATE TABLE account_notes (
    note_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    account_id INTEGER NOT NULL REFERENCES accounts(account_id),
    user_id INTEGER REFERENCES users(user_id),
    body TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`.execute(db);
  await sql`CREATE INDEX idx_account_notes_account ON account_notes (customer_id, account_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS account_notes`.execute(db);
  await sql`DROP TABLE IF EXISTS kpi_edits`.execute(db);
}
