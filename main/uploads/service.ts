import type { ExportFile } from '../../shared/channels/common';
import type { UploadRow } from '../../shared/channels/uploads';
import { AppError } from '../../shared/errors';
import { all, type Db, first, inTransaction } from '../db/open';
import { recomputeScores, ymText } from '../scoring/service';

/** The upload history: every version per account, its original file, its deletion. */

export function listUploads(db: Db, customerId: number, accountId: number): UploadRow[] {
  const rows = all(
    db,
    db.k
      .selectFrom('kpi_uploads as u')
      .leftJoin('users as us', 'us.user_id', 'u.user_id')
      .leftJoin('import_files as f', 'f.file_id', 'u.file_id')
      .select((eb) => [
        'u.upload_id',
        'u.account_id',
        'u.version',
        'u.uploaded_at',
        'u.original_filename',
        'us.user_name',
        'u.period_year',
        'u.period_month',
        eb.fn.coalesce(eb.fn('length', ['u.raw_excel']), 'f.byte_size').as('size'),
        eb
          .selectFrom('kpis as k')
          .whereRef('k.upload_id', '=', 'u.upload_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('kpis'),
      ])
      .where('u.customer_id', '=', customerId)
      .where('u.account_id', '=', accountId)
      .orderBy('u.version', 'desc'),
  );
  return rows.map((r) => ({
    uploadId: r.upload_id,
    accountId: r.account_id as number,
    version: r.version,
    uploadedAt: r.uploaded_at,
    fileName: r.original_filename,
    userName: r.user_name,
    period: r.period_year && r.period_month ? ymText(r.period_year, r.period_month) : null,
    kpis: Number(r.kpis ?? 0),
    sizeBytes: r.size == null ? null : Number(r.size),
  }));
}

/**
 * The account of the workspace's most recent import, or null when nothing was imported yet: for a
 * roll-up file, the first of the accounts it updated (as its report lists them).
 */
export function lastUploadAccount(db: Db, customerId: number): { accountId: number | null } {
  const uploads = db.k.selectFrom('kpi_uploads').where('customer_id', '=', customerId);
  const last = first(db, uploads.select(['account_id', 'file_id']).orderBy('upload_id', 'desc').limit(1));
  if (last?.file_id == null) return { accountId: last?.account_id ?? null };
  const firstOfFile = first(
    db,
    uploads.select('account_id').where('file_id', '=', last.file_id).orderBy('upload_id').limit(1),
  );
  return { accountId: firstOfFile?.account_id ?? null };
}

function getUpload(db: Db, customerId: number, uploadId: number) {
  const u = first(
    db,
    db.k.selectFrom('kpi_uploads').selectAll().where('customer_id', '=', customerId).where('upload_id', '=', uploadId),
  );
  if (!u) throw new AppError('not_found', 'That upload was not found in this workspace.');
  return u;
}

export function downloadUpload(db: Db, customerId: number, uploadId: number): ExportFile {
  const u = getUpload(db, customerId, uploadId);
  let bytes: Uint8Array | null = u.raw_excel ?? null;
  if (!bytes && u.file_id != null) {
    bytes =
      first(
        db,
        db.k
          .selectFrom('import_files')
          .select('bytes')
          .where('file_id', '=', u.file_id)
          .where('customer_id', '=', customerId),
      )?.bytes ?? null;
  }
  if (!bytes) throw new AppError('not_found', 'The original file of this upload was not kept.');
  return { fileName: u.original_filename ?? `upload-${u.version}.xlsx`, bytes: new Uint8Array(bytes) };
}

/** Deletes one version: its KPI rows and values go with it, and the months it covered are scored again. */
export function deleteUpload(
  db: Db,
  customerId: number,
  uploadId: number,
): { deletedVersion: number; rescoredMonths: number } {
  const u = getUpload(db, customerId, uploadId);
  return inTransaction(db, () => {
    const months = db.raw
      .prepare(
        'SELECT DISTINCT ts.year, ts.month FROM kpi_time_series ts JOIN kpis k ON k.kpi_id = ts.kpi_id WHERE k.upload_id = ?',
      )
      .all(uploadId) as Array<{ year: number; month: number }>;
    db.raw
      .prepare('DELETE FROM kpi_time_series WHERE kpi_id IN (SELECT kpi_id FROM kpis WHERE upload_id = ?)')
      .run(uploadId);
    db.raw.prepare('DELETE FROM kpis WHERE upload_id = ?').run(uploadId);
    db.raw.prepare('DELETE FROM kpi_uploads WHERE upload_id = ?').run(uploadId);
    if (u.file_id != null) {
      const still = db.raw.prepare('SELECT 1 FROM kpi_uploads WHERE file_id = ? LIMIT 1').get(u.file_id);
      if (!still) db.raw.prepare('DELETE FROM import_files WHERE file_id = ?').run(u.file_id);
    }
    const s = recomputeScores(db, customerId, {
      accountIds: [u.account_id as number],
      months: months.map((m) => [m.year, m.month]),
    });
    return { deletedVersion: u.version, rescoredMonths: s.months };
  });
}
