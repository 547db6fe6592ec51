import { type ReactNode, useEffect, useRef, useSyncExternalStore } from 'react';
import './Dialog.css';

/** The open modal dialogs, last opened last: the toasts are shown inside the topmost (above its backdrop). */
let openDialogs: HTMLDialogElement[] = [];
const listeners = new Set<() => void>();
function setOpen(d: HTMLDialogElement, open: boolean) {
  openDialogs = open ? [...openDialogs.filter((x) => x !== d), d] : openDialogs.filter((x) => x !== d);
  for (const l of listeners) l();
}
/** The topmost open modal dialog, or null. */
export function useTopDialog(): HTMLDialogElement | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => openDialogs[openDialogs.length - 1] ?? null,
  );
}

const FIELD = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/**
 * Where focus goes when a dialog opens: its first field, else its primary action (a confirmation),
 * else the first of its actions (the safe one of a destructive confirmation); the close button
 * only when the dialog has none of these.
 */
function initialFocus(body: Element): HTMLElement | null {
  return (
    body.querySelector<HTMLElement>(FIELD) ??
    body.querySelector<HTMLElement>('button.primary:not(:disabled)') ??
    body.querySelector<HTMLElement>('.actions button:not(:disabled)')
  );
}

/** A modal on the native <dialog>: focus is trapped, Escape closes, the title names it. */
export function Dialog(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal();
      setOpen(d, true);
      const body = d.querySelector('.dialog-body');
      const target = body && initialFocus(body);
      target?.focus();
    }
    if (!props.open && d.open) {
      d.close();
      setOpen(d, false);
    }
  }, [props.open]);
  useEffect(() => {
    const d = ref.current;
    return () => {
      if (d) setOpen(d, false);
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog wide' : 'dialog'}
      aria-label={props.title}
      onClose={(e) => {
        setOpen(e.currentTarget, false);
        props.onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.open && (
        <>
          <header className="dialog-head">
            <h2>{props.title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={props.onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">{props.children}</div>
        </>
      )}
    </dialog>
  );
}

/** A failure of a dialog's action, shown inside the dialog next to its buttons. */
export function DialogError(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p className="text-critical" role="alert">
      {props.message}
    </p>
  );
}

export function Field(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as a child
    <label className="field">
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint && <span className="field-hint">{props.hint}</span>}
    </label>
  );
}
