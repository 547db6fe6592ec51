import { useEffect, useRef } from 'react';
import { call } from '../api';
import { useApp } from '../store';
import { IdleCard, ProgressCard, RefusedCard } from './ImportStages';
import { PreviewView } from './PreviewView';
import { ReportView } from './ReportView';
import { UploadHistory } from './UploadHistory';
import { useCommit, useImportChoices, useMappingChanges, useOpenFile, usePreview } from './useImportFlow';
import { useImportJob } from './useImportJob';
import './import.css';

export function ImportScreen() {
  const pendingFile = useApp((s) => s.pendingFile);
  const setPendingFile = useApp((s) => s.setPendingFile);
  const job = useImportJob();
  const { stage, send, forget } = job;
  const c = useImportChoices();
  const preview = usePreview(job, c);
  const { onMapping, settleNow, stopSettling } = useMappingChanges(job, c, preview.runPreview);
  const openFile = useOpenFile(job, c, preview, stopSettling);
  const commit = useCommit(job, c);
  const inputRef = useRef<HTMLInputElement>(null);
  const choose = () => inputRef.current?.click();

  useEffect(() => {
    if (pendingFile) {
      setPendingFile(null);
      void openFile(pendingFile);
    }
  }, [pendingFile, setPendingFile, openFile]);

  const cancel = async () => {
    if (stage.kind !== 'working') return;
    forget();
    await call('import.cancel', { jobId: stage.jobId }).catch(() => undefined);
    send({ type: 'cancelled' });
    useApp.getState().toast('info', 'Import cancelled: nothing was saved.');
  };
  const historyAccount =
    stage.kind === 'report'
      ? stage.report.uploads[0]?.accountId
      : stage.kind === 'preview' && typeof c.accountId === 'number'
        ? c.accountId
        : undefined;

  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Import</h1>
        <div className="row">
          <input
            ref={inputRef}
            type="file"
            accept=".xlsx,.xlsm,.csv"
            className="sr-only"
            tabIndex={-1}
            aria-label="Workbook file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void openFile(f);
              e.target.value = '';
            }}
          />
          <button type="button" className="primary" onClick={choose}>
            Choose a workbook…
          </button>
        </div>
      </header>
      {stage.kind === 'idle' && <IdleCard />}
      {stage.kind === 'working' && <ProgressCard stage={stage} onCancel={cancel} />}
      {stage.kind === 'refused' && <RefusedCard message={stage.message} onChoose={choose} />}
      {stage.kind === 'preview' && c.file && (
        <PreviewView
          {...c}
          preview={stage.preview}
          updating={stage.updating}
          problem={stage.problem}
          knownSheets={preview.knownSheets.current}
          onMapping={onMapping}
          onMappingSettled={settleNow}
          onCommit={commit}
          onCancel={() => {
            stopSettling();
            forget();
            send({ type: 'cancelled' });
          }}
        />
      )}
      {stage.kind === 'report' && <ReportView report={stage.report} />}
      <UploadHistory defaultAccountId={historyAccount || undefined} />
    </section>
  );
}
