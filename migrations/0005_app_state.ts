import { type Kysely, sql } from 'kysely';

// Small key/value store for the app itself (the last workspace opened, so a restart reopens it).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE app_state (key VARCHAR PRIMARY KEY, value TEXT)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS app_state`.execute(db);
}
