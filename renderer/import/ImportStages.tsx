import type { Stage } from './importMachine';

const PHASE_LABEL: Record<string, string> = {
  reading: 'Reading the workbook…',
  checking: 'Checking sheets, columns and values…',
  saving: 'Saving…',
  scoring: 'Scoring…',
  done: 'Done',
};

export function IdleCard() {
  return (
    <div className="empty-state drop-zone">
      <p>
        <strong>Drop a KPI workbook anywhere on this window</strong>, or choose one.
      </p>
      <p className="muted">
        Excel .xlsx or CSV: one sheet per category, a KPI column, a Data column and month columns.
      </p>
    </div>
  );
}

/** A file being read, previewed or stored; a preview can be cancelled, a commit cannot. */
export function ProgressCard({ stage, onCancel }: { stage: Extract<Stage, { kind: 'working' }>; onCancel(): void }) {
  return (
    <div className="card progress-card" role="status" aria-live="polite">
      <h2>{stage.label}</h2>
      <Phases phase={stage.phase} />
      <p>
        {PHASE_LABEL[stage.phase] ?? stage.phase}
        {stage.commit && stage.phase !== 'done' && <span className="muted"> (cannot be cancelled)</span>}
      </p>
      {!stage.commit && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

export function RefusedCard({ message, onChoose }: { message: string; onChoose(): void }) {
  return (
    <div className="card refused" role="alert">
      <h2>This file can't be imported</h2>
      <p>{message}</p>
      <p className="muted">Nothing was saved.</p>
      <button type="button" onClick={onChoose}>
        Choose another file…
      </button>
    </div>
  );
}

function Phases({ phase }: { phase: string }) {
  const order = ['reading', 'checking', 'saving', 'scoring', 'done'];
  const at = order.indexOf(phase);
  // Reading has no measure of its own: the bar moves without a value until checking starts.
  if (at <= 0) return <progress aria-label="Import progress">{phase}</progress>;
  return (
    <progress max={order.length - 1} value={at} aria-label="Import progress">
      {phase}
    </progress>
  );
}
