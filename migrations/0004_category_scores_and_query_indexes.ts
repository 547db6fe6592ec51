import { type Kysely, sql } from 'kysely';

// health_trends has five named category columns; a customer may use its own categories (a
// category is a sheet's name), so every category score of every month is also kept here.
// Plus the indexes the portfolio, the scorer and the per-workspace queries filter by.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE health_trend_categories (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(account_id),
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    month INTEGER NOT NULL,
    year INTEGER NOT NULL,
    category VARCHAR NOT NULL,
    score NUMERIC(5,2) NOT NULL,
    weight NUMERIC(7,4),
    valid_kpis INTEGER DEFAULT 0,
    UNIQUE (account_id, year, month, category)
  )`.execute(db);
  await sql`CREATE INDEX idx_accounts_customer ON accounts (customer_id, account_status)`.execute(db);
  await sql`CREATE INDEX idx_users_customer ON users (customer_id)`.execute(db);
  await sql`CREATE INDEX idx_kpis_upload ON kpis (upload_id)`.execute(db);
  await sql`CREATE INDEX idx_kpis_account ON kpis (account_id)`.execute(db);
  await sql`CREATE INDEX idx_health_trends_customer ON health_trends (customer_id, year, month)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'idx_health_trends_customer',
    'idx_kpis_account',
    'idx_kpis_upload',
    'idx_users_customer',
    'idx_accounts_customer',
  ]) {
    await sql.raw(`DROP INDEX IF EXISTS ${index}`).execute(db);
  }
  await sql`DROP TABLE IF EXISTS health_trend_categories`.execute(db);
}
