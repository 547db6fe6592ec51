import { useApp } from '../store';

/**
 * Where a file given to the window goes (dropped on it, or opened with the desktop app): a
 * workspace file (.kpiw) to Settings → Workspace file, which adds it as a new workspace; anything
 * else to the import screen, whose importer reads workbooks and CSV files. Needs an open workspace.
 */
export function routeGivenFile(file: File): void {
  const app = useApp.getState();
  if (/\.kpiw$/i.test(file.name)) {
    app.setPendingWorkspaceFile(file);
    app.navigate({ view: 'settings' });
    focusWhenShown('#kpiw-title');
    return;
  }
  app.setPendingFile(file);
  app.navigate({ view: 'import' });
}

/**
 * Scrolls to an element of the screen just opened once it is there (a screen draws after its data
 * loads), and moves the focus to it or to `focus` inside it; gives up after `timeoutMs`.
 */
export function focusWhenShown(selector: string, focus?: string, timeoutMs = 3000): void {
  if (typeof document === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  const until = performance.now() + timeoutMs;
  const look = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      if (performance.now() < until) requestAnimationFrame(look);
      return;
    }
    el.closest('section, form, fieldset')?.scrollIntoView({ block: 'start' });
    const target = focus ? el.closest('section')?.querySelector<HTMLElement>(focus) : el;
    if (target && !target.hasAttribute('tabindex') && !/^(BUTTON|INPUT|SELECT|A)$/.test(target.tagName))
      target.setAttribute('tabindex', '-1');
    target?.focus();
  };
  requestAnimationFrame(look);
}
