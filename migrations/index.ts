import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_seed_schema';
import * as m0002 from './0002_default_reference_ranges';
import * as m0003 from './0003_import_files_and_upload_period';
import * as m0004 from './0004_category_scores_and_query_indexes';
import * as m0005 from './0005_app_state';
import * as m0006 from './0006_health_trends_portfolio_index';
import * as m0008 from './0008_account_book_of_business';
import * as m0009 from './0009_kpi_edits_and_notes';
import * as m0010 from './0010_upload_versions';
import * as m0012 from './0012_playbook_role_people';
import * as m0013 from './0013_stale_limit';
import * as m0014 from './0014_kpis_account_name_index';

// Static list: the app is bundled, so migrations are imported, never discovered on disk.
// Append only; the names are sorted by Kysely, so keep the numeric prefix.
export const MIGRATIONS: Record<string, Migration> = {
  '0001_seed_schema': m0001,
  '0002_default_reference_ranges': m0002,
  '0003_import_files_and_upload_period': m0003,
  '0004_category_scores_and_query_indexes': m0004,
  '0005_app_state': m0005,
  '0006_health_trends_portfolio_index': m0006,
  '0008_account_book_of_business': m0008,
  '0009_kpi_edits_and_notes': m0009,
  '0010_upload_versions': m0010,
  '0012_playbook_role_people': m0012,
  '0013_stale_limit': m0013,
  '0014_kpis_account_name_index': m0014,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
