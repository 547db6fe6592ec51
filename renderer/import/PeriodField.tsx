import type { ImportPreview } from '../../shared/channels/import';
import { periodNote } from './previewText';

/**
 * The period of the Data column: any month (a month picker, not a list of the file's months), with
 * where the default came from said in a sentence below it.
 */
export function PeriodField(props: { preview: ImportPreview; period: string; setPeriod(p: string): void }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor="import-period">
        Period of the Data column
      </label>
      <input
        id="import-period"
        type="month"
        aria-label="Period"
        aria-describedby="import-period-from"
        value={props.period}
        min="1990-01"
        max="2199-12"
        onChange={(e) => props.setPeriod(e.target.value)}
      />
      <p className="muted" id="import-period-from">
        {periodNote(props.preview, props.period)}
      </p>
    </div>
  );
}
