import { type Kysely, sql } from 'kysely';

// Issue 10, point 2: upload versions are never reused. The highest version each account has had
// is kept here, so deleting v2 does not make the next upload v2 again (it is v3).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE upload_versions (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(account_id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    last_version INTEGER NOT NULL
  )`.execute(db);
  await sql`INSERT INTO upload_versions (account_id, customer_id, last_version)
    SELECT account_id, MIN(customer_id), MAX(version) FROM kpi_uploads WHERE account_id IS NOT NULL GROUP BY account_id`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS upload_versions`.execute(db);
}
