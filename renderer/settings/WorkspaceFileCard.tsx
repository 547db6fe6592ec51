import { useEffect, useState } from 'react';
import type { WorkspaceFileInfo } from '../../shared/channels/workspace-files';
import { call } from '../api';
import { DialogError, Field } from '../components/Dialog';
import { saveExport } from '../components/exportFile';
import { plural } from '../components/format';
import { errorMessage, useApp } from '../store';
import './workspace-file.css';

/**
 * Settings → Workspace file (issue 11, point 4): this workspace as one .kpiw file to hand over or
 * move to another laptop, optionally encrypted; and a .kpiw file added as a new workspace, with the
 * reference ranges that differ listed first.
 */
export function WorkspaceFileCard() {
  return (
    <section className="card" aria-labelledby="kpiw-title">
      <h2 id="kpiw-title">Workspace file</h2>
      <ExportPart />
      <ImportPart />
    </section>
  );
}

function ExportPart() {
  const [encrypt, setEncrypt] = useState(false);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const problem = !encrypt
    ? null
    : pass.length < 8
      ? 'A passphrase has at least 8 characters.'
      : pass !== again
        ? 'The two passphrases differ.'
        : null;
  return (
    <div className="kpiw-part">
      <p className="muted">
        Everything of this workspace in one .kpiw file, to give a colleague or open on another machine.
      </p>
      <label className="check">
        <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
        Encrypt with a passphrase
      </label>
      {encrypt && (
        <>
          <Field label="Passphrase">
            <input type="password" value={pass} onChange={(e) => setPass(e.target.value)} autoComplete="new-password" />
          </Field>
          <Field
            label="Passphrase again"
            hint={problem ?? 'Without it the file cannot be opened: keep it apart from the file.'}
          >
            <input
              type="password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              autoComplete="new-password"
            />
          </Field>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          id="kpiw-export"
          disabled={problem !== null}
          onClick={() => saveExport(call('workspaceFiles.export', encrypt ? { passphrase: pass } : {}))}
        >
          Export workspace file…
        </button>
      </div>
    </div>
  );
}

interface Chosen {
  fileName: string;
  bytes: Uint8Array;
  info: WorkspaceFileInfo | null;
  needsPassphrase: boolean;
}

function ImportPart() {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [pass, setPass] = useState('');
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const inspect = async (c: Omit<Chosen, 'info' | 'needsPassphrase'>, passphrase?: string) => {
    setError(null);
    try {
      const info = await call('workspaceFiles.inspect', { ...c, passphrase });
      setChosen({ ...c, info, needsPassphrase: false });
    } catch (e) {
      const message = errorMessage(e);
      const encrypted = / is encrypted: /.test(message);
      setChosen({
        ...c,
        info: null,
        needsPassphrase: encrypted || (passphrase !== undefined && /passphrase/.test(message)),
      });
      if (!encrypted) setError(message);
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setPass('');
    await inspect({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };
  // A .kpiw file dropped on the window or opened with the app comes here as if chosen.
  const given = useApp((s) => s.pendingWorkspaceFile);
  // biome-ignore lint/correctness/useExhaustiveDependencies: choose is a new function each render; the file is the trigger
  useEffect(() => {
    if (!given) return;
    useApp.getState().setPendingWorkspaceFile(null);
    void choose(given);
  }, [given]);
  const run = async () => {
    if (!chosen?.info) return;
    setBusy(true);
    try {
      const r = await call('workspaceFiles.import', {
        fileName: chosen.fileName,
        bytes: chosen.bytes,
        passphrase: pass || undefined,
        ranges: replace ? 'replace' : 'keep',
      });
      await useApp.getState().switchWorkspace(r.workspaceId);
      useApp.getState().toast('success', `Workspace "${r.name}" added from ${chosen.fileName} and opened.`);
      setChosen(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kpiw-part">
      <Field label="Add a workspace from a .kpiw file">
        <input type="file" accept=".kpiw" onChange={(e) => choose(e.target.files?.[0])} />
      </Field>
      {chosen?.needsPassphrase && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void inspect(chosen, pass);
          }}
        >
          <Field label="Passphrase of the file">
            <input type="password" value={pass} onChange={(e) => setPass(e.target.value)} autoComplete="off" />
          </Field>
          <div className="actions">
            <button type="submit" disabled={!pass}>
              Open file
            </button>
          </div>
        </form>
      )}
      {chosen?.info && <FileSummary info={chosen.info} replace={replace} setReplace={setReplace} />}
      <DialogError message={error} />
      {chosen?.info && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={run}>
            {busy ? 'Adding…' : `Add "${chosen.info.importName}"`}
          </button>
        </div>
      )}
    </div>
  );
}

function FileSummary(props: { info: WorkspaceFileInfo; replace: boolean; setReplace: (v: boolean) => void }) {
  const { info } = props;
  const diffs = info.rangeDifferences;
  return (
    <div role="status">
      <p>
        {info.workspace}: {plural(info.accounts, 'account')}, {plural(info.uploads, 'upload')}
        {info.encrypted ? ', encrypted' : ''}. It is added as a new workspace, "{info.importName}"; nothing here
        changes.
      </p>
      {diffs.length > 0 && (
        <>
          <p>
            {plural(diffs.length, 'reference range')} in the file {diffs.length === 1 ? 'differs' : 'differ'} from this
            machine's:
          </p>
          <ul aria-label="Reference ranges that differ">
            {diffs.map((d) => (
              <li key={d.kpi}>
                {d.kpi}: here {d.here ?? 'none'}; in the file {d.inFile}
              </li>
            ))}
          </ul>
          <label className="check">
            <input type="checkbox" checked={props.replace} onChange={(e) => props.setReplace(e.target.checked)} />
            Use the file's ranges here (every workspace is re-scored); otherwise this machine's stay and the new
            workspace is re-scored with them
          </label>
        </>
      )}
    </div>
  );
}
