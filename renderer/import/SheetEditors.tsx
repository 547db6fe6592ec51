import type { ImportPreview, SheetPreview } from '../../shared/channels/import';
import type { ColumnMapping } from '../../shared/import/columns';
import { MappingEditor } from './MappingEditor';

/**
 * The sheets in the file's order with their column editors: those previewed, those whose header
 * row comes near one (their columns to correct), and those a mapping change made unusable (kept
 * with their editor, so the change can be undone).
 */
export function SheetEditors(props: {
  preview: ImportPreview;
  knownSheets: Map<string, SheetPreview>;
  mappings: Record<string, ColumnMapping>;
  /** The period chosen ("2025-09"): the sample rows show the value each would store for it. */
  period: string;
  editedSheet: string | null;
  problem: string | null;
  updating: boolean;
  onMapping(sheet: string, mapping: ColumnMapping): void;
  onMappingSettled(): void;
}) {
  const p = props.preview;
  // A roll-up file without an Account column is mended in the columns (the blocking sentence says
  // which looks like the accounts'): its sheets open, their columns in view.
  const accountColumnMissing =
    p.mode === 'account_rollup' && p.sheets.length > 0 && !p.sheets.some((s) => s.hasAccountColumn);
  const skippedReason = new Map(p.skipped.map((s) => [s.sheet, s.reason]));
  const editors: Array<{ sheet: SheetPreview; notice: string | null }> = [];
  for (const known of props.knownSheets.values()) {
    const sheet = p.sheets.find((s) => s.name === known.name);
    const near = p.nearSheets.find((s) => s.name === known.name);
    const reason = skippedReason.get(known.name);
    if (sheet) editors.push({ sheet, notice: props.editedSheet === sheet.name ? props.problem : null });
    else if (near && !props.mappings[known.name])
      editors.push({
        sheet: near,
        notice: `This sheet is not imported: ${reason}. Or choose below what its columns hold.`,
      });
    else if (props.mappings[known.name] && reason)
      editors.push({
        sheet: known,
        notice: `With these columns the sheet is not imported (${reason}): change them back to import it.`,
      });
  }
  return (
    <>
      {editors.map(({ sheet, notice }) => (
        <MappingEditor
          key={sheet.name}
          sheet={sheet}
          mapping={props.mappings[sheet.name] ?? sheet.mapping}
          period={props.period}
          unusable={!p.sheets.includes(sheet) || notice !== null}
          openAtFirst={accountColumnMissing}
          notice={notice}
          updating={props.updating && props.editedSheet === sheet.name}
          onChange={(m) => props.onMapping(sheet.name, m)}
          onSettled={props.onMappingSettled}
        />
      ))}
    </>
  );
}
