import { type Kysely, sql } from 'kysely';

// The trigger evaluation of a whole workspace (Today, "Evaluate now") reads, for every account,
// the KPI rows of a few names only: with the name, category and upload beside the account in
// the index, it seeks those rows and reads them from the index alone, instead of reading every
// KPI row of every account from the table (measured at 2,000 accounts: the latest values of the
// trigger KPIs 78 ms -> 50 ms, the KPI names of the workspace 29 ms -> 14 ms). It replaces the
// index on the account alone, which is its prefix.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS idx_kpis_account_name ON kpis (account_id, kpi_parameter, category, upload_id)`.execute(
    db,
  );
  await sql`DROP INDEX IF EXISTS idx_kpis_account`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS idx_kpis_account ON kpis (account_id)`.execute(db);
  await sql`DROP INDEX IF EXISTS idx_kpis_account_name`.execute(db);
}
