/**
 * `import --map 'Customer=Account,Metric Name=KPI name'`: the command line's way to say what a
 * column holds, as the window's column mapping does (and remembered the same way for the next
 * file with the same headers). A header is matched as the importer matches headers (case, spaces
 * and punctuation ignored), in every sheet of the file that has it.
 */
import type { ImportPreview } from '../../shared/channels/import';
import {
  type ColumnMapping,
  FIELD_KEYS,
  FIELD_LABELS,
  type FieldKey,
  normalizeHeader,
} from '../../shared/import/columns';
import { UsageError } from '../cli/framework';

type Field = FieldKey | 'ignored';

/** The field a --map value names: its label ("KPI name", "Account") or key ("kpi_parameter"), or "ignored". */
function fieldNamed(text: string): Field | null {
  const key = normalizeHeader(text);
  if (key === 'ignored' || key === 'notimported' || key === 'none') return 'ignored';
  for (const f of FIELD_KEYS) if (normalizeHeader(f) === key || normalizeHeader(FIELD_LABELS[f]) === key) return f;
  return null;
}

/** The pairs of a --map value, by normalised header; a usage error names what cannot be read. */
export function parseMapOption(value: string): Map<string, { field: Field; header: string }> {
  const out = new Map<string, { field: Field; header: string }>();
  for (const pair of value.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.lastIndexOf('=');
    const header = eq > 0 ? normalizeHeader(pair.slice(0, eq)) : '';
    const field = eq > 0 ? fieldNamed(pair.slice(eq + 1)) : null;
    if (!header || !field) {
      const names = [...FIELD_KEYS.map((f) => FIELD_LABELS[f]), 'ignored'].join(', ');
      throw new UsageError(
        `--map takes HEADER=FIELD pairs apart by commas, e.g. --map 'Customer=Account' ("${pair.trim()}": FIELD is one of ${names})`,
      );
    }
    out.set(header, { field, header: pair.slice(0, eq).trim() });
  }
  return out;
}

/**
 * Each sheet's mapping with the --map pairs applied (the sheets previewed and those whose header
 * row came near one), by sheet name; a usage error when a header is no column of the file.
 */
export function mappingsFor(
  preview: Pick<ImportPreview, 'sheets' | 'nearSheets' | 'fileName'>,
  pairs: Map<string, { field: Field; header: string }>,
): Record<string, ColumnMapping> {
  const out: Record<string, ColumnMapping> = {};
  const used = new Set<string>();
  for (const sheet of [...preview.sheets, ...preview.nearSheets]) {
    let changed = false;
    const mapping = sheet.mapping.map((m) => {
      const key = normalizeHeader(m.header);
      const field = pairs.get(key)?.field;
      if (!field) return m;
      used.add(key);
      changed = true;
      const { month: _month, ...rest } = m;
      return { ...rest, field };
    });
    if (changed) out[sheet.name] = mapping;
  }
  const unknown = [...pairs].filter(([key]) => !used.has(key)).map(([, p]) => `"${p.header}"`);
  if (unknown.length) throw new UsageError(`--map: no column of ${preview.fileName} is headed ${unknown.join(', ')}`);
  return out;
}
