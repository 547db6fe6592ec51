import { type Kysely, sql } from 'kysely';

// Issue 13, point 1: an account's owner (a user of the workspace), renewal date and segment, in new
// columns (the seed's columns stay as they are), and a history of owner/renewal/segment changes for
// the account's timeline.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accounts ADD COLUMN owner_user_id INTEGER REFERENCES users(user_id)`.execute(db);
  await sql`ALTER TABLE accounts ADD COLUMN renewal_date DATE`.execute(db);
  await sql`ALTER TABLE accounts ADD COLUMN segment VARCHAR`.execute(db);
  await sql`CREATE INDEX idx_accounts_owner ON accounts (customer_id, owner_user_id)`.execute(db);
  await sql`CREATE TABLE account_changes (
    change_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    account_id INTEGER NOT NULL REFERENCES accounts(account_id),
    field VARCHAR NOT NULL,
    old_value VARCHAR,
    new_value VARCHAR,
    user_id INTEGER REFERENCES users(user_id),
    changed_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`.execute(db);
  await sql`CREATE INDEX idx_account_changes_account ON account_changes (customer_id, account_id, changed_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS account_changes`.execute(db);
  await sql`DROP INDEX IF EXISTS idx_accounts_owner`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN segment`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN renewal_date`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN owner_user_id`.execute(db);
}
