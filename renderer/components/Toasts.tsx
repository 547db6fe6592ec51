import { createPortal } from 'react-dom';
import { useApp } from '../store';
import { useTopDialog } from './Dialog';
import './Toasts.css';

/**
 * The toasts, bottom right. While a modal dialog is open they are shown inside it: a modal dialog
 * sits in the browser's top layer, above anything else, and makes the rest of the page inert.
 */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismiss);
  const dialog = useTopDialog();
  const layer = (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
          <span>{t.text}</span>
          {t.action && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                t.action?.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
  return dialog ? createPortal(layer, dialog) : layer;
}
