import { type Kysely, sql } from 'kysely';

// The trigger evaluation of a whole workspace (Today, "Evaluate now") reads, for every account,
// the KPI rows of a few names only: with the name, category and upload beside the account in
// this index, it seeks those rows and reads them from the index alone, instead of reading every
// KPI row of every account from the table (measured at 2,000 accounts: the latest values of the
// trigger KPIs 78 ms -> 50 ms, the KPI names of the workspace 29 ms -> 14 ms). The index on the
// account alone stays: the scorer reads an account's values through it in KPI order (kpi_id),
// the order they sit in kpi_time_series; through this one, in name order, the 2,000-account
// re-score read them 3 to 5% slower and took about 15% longer.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS idx_kpis_account_name ON kpis (account_id, kpi_parameter, category, upload_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS idx_kpis_account_name`.execute(db);
}
