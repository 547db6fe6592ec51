import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/accounts/service';
import { previewImport } from '../../../main/import/service';
import { createWorkspace } from '../../../main/workspaces/service';
import { tempDb } from '../../helpers/db';

// A workbook without title rows: only its file name names the account.
const BYTES = new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../fixtures/messy/date1904-openpyxl.xlsx')));

describe('the account a file name names, as people type names in file names', () => {
  let t: Awaited<ReturnType<typeof tempDb>>;
  let ws: { id: number };
  beforeEach(async () => {
    t = await tempDb();
    ws = createWorkspace(t.db, { name: 'W', mode: 'corporate' });
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const proposed = async (fileName: string) =>
    (await previewImport(t.db, ws.id, { fileName, bytes: BYTES })).proposedAccount?.name ?? null;

  it('without accents, with "and" for "&", an apostrophe left out', async () => {
    for (const name of ["L'Oréal", 'Procter & Gamble', 'Nestlé', 'Société Générale', 'E.ON', 'Pérez y Cía'])
      createAccount(t.db, ws.id, { name });
    // Before, none of these was proposed: "Oreal" is not "Oréal", "and" is a word "&" is not.
    for (const [file, name] of [
      ["L'Oreal 2025-09.xlsx", "L'Oréal"],
      ['loreal_kpis_2025-09.xlsx', "L'Oréal"],
      ['Procter and Gamble - Sep 2025.xlsx', 'Procter & Gamble'],
      ['NESTLE-2025-09.xlsx', 'Nestlé'],
      ['societe generale 2025-09.xlsx', 'Société Générale'],
      ['EON-2025-09.xlsx', 'E.ON'],
      ['Perez Cia 2025-09.xlsx', 'Pérez y Cía'],
    ])
      expect([file, await proposed(file)]).toEqual([file, name]);
    // A joining word is dropped only between two others: "E" of "E.ON" is no joining word, and
    // "on" alone names nothing.
    expect(await proposed('KPIs on 2025-09.xlsx')).toBeNull();
  });
});
