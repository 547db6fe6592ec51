import { type Dispatch, useCallback, useEffect, useReducer, useRef } from 'react';
import { IDLE, type ImportEvent, importMachine, type Stage } from './importMachine';

let jobSeq = 0;

/**
 * The import screen's job: its stage (the state machine), the id of the job whose answers still
 * count (a later job makes an earlier one's answers stale) and the worker's progress events.
 */
export function useImportJob(): {
  stage: Stage;
  send: Dispatch<ImportEvent>;
  /** A new job id (`prefix-n`), now the current one. */
  begin: (prefix: string) => string;
  /** Whether answers of this job still count. */
  isCurrent: (jobId: string) => boolean;
  /** No job's answers count any more (cancelled, or the file set aside). */
  forget: () => void;
} {
  const [stage, send] = useReducer(importMachine, IDLE);
  const jobRef = useRef<string | null>(null);
  useEffect(() => {
    return window.kpi.onEvent((e) => {
      if (e.type !== 'progress' || e.jobId !== jobRef.current) return;
      send({ type: 'progress', phase: e.phase });
    });
  }, []);
  const begin = useCallback((prefix: string) => {
    const jobId = `${prefix}-${++jobSeq}`;
    jobRef.current = jobId;
    return jobId;
  }, []);
  const isCurrent = useCallback((jobId: string) => jobRef.current === jobId, []);
  const forget = useCallback(() => {
    jobRef.current = null;
  }, []);
  return { stage, send, begin, isCurrent, forget };
}
