import { type Kysely, sql } from 'kysely';

// Issue 14, point 4: the stale limit is a workspace setting. NULL keeps the default (2 months,
// shared/defaults.ts DEFAULT_STALE_AFTER_MONTHS), so existing workspaces read as before.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE customer_configs ADD COLUMN stale_after_months INTEGER`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE customer_configs DROP COLUMN stale_after_months`.execute(db);
}
