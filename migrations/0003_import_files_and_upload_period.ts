import { type Kysely, sql } from 'kysely';

// What the import needs beyond the seed: the period an upload's Data column belongs to, its
// content hash (the same file twice is recognised), and one copy of a roll-up master file's
// bytes shared by all the per-account uploads it produced (import_files), instead of 500 copies.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE import_files (
    file_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    file_name VARCHAR NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    byte_size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_at DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`.execute(db);
  await sql`CREATE INDEX idx_import_files_customer ON import_files (customer_id, content_hash)`.execute(db);
  await sql`ALTER TABLE kpi_uploads ADD COLUMN period_year INTEGER`.execute(db);
  await sql`ALTER TABLE kpi_uploads ADD COLUMN period_month INTEGER`.execute(db);
  await sql`ALTER TABLE kpi_uploads ADD COLUMN content_hash VARCHAR(64)`.execute(db);
  await sql`ALTER TABLE kpi_uploads ADD COLUMN file_id INTEGER REFERENCES import_files(file_id)`.execute(db);
  await sql`CREATE INDEX idx_kpi_uploads_account ON kpi_uploads (customer_id, account_id, version)`.execute(db);
  // A corrected column mapping is remembered for the next file with the same headers.
  await sql`CREATE TABLE import_mappings (
    mapping_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    header_signature VARCHAR NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (customer_id, header_signature)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS import_mappings`.execute(db);
  await sql`DROP INDEX IF EXISTS idx_kpi_uploads_account`.execute(db);
  await sql`ALTER TABLE kpi_uploads DROP COLUMN file_id`.execute(db);
  await sql`ALTER TABLE kpi_uploads DROP COLUMN content_hash`.execute(db);
  await sql`ALTER TABLE kpi_uploads DROP COLUMN period_month`.execute(db);
  await sql`ALTER TABLE kpi_uploads DROP COLUMN period_year`.execute(db);
  await sql`DROP INDEX IF EXISTS idx_import_files_customer`.execute(db);
  await sql`DROP TABLE IF EXISTS import_files`.execute(db);
}
