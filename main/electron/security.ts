import type { Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol';

/**
 * The shell's security rules as plain functions (tested without Electron) and the two places that
 * apply them: every web contents (`guardContents`) and the session (`lockSession`). Types only
 * from Electron: nothing here loads it.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of the app's own origin, app://kpi. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** The app's page itself (app://kpi/ or app://kpi/index.html, with any query or fragment). */
export function isAppPage(url: string): boolean {
  const u = parse(url);
  return !!u && isAppUrl(url) && (u.pathname === '/' || u.pathname === '/index.html');
}

const isDevtools = (url: string) => url.startsWith('devtools://');

/** The request filter: the app's origin only, and DevTools in development; no file://, no network. */
export function requestAllowed(url: string, o: { dev: boolean }): boolean {
  return isAppUrl(url) || (o.dev && isDevtools(url));
}

/** Where a frame may go: the app's page only (DevTools' own pages in development). */
export function navigationAllowed(url: string, o: { dev: boolean }): boolean {
  return isAppPage(url) || (o.dev && isDevtools(url));
}

/** An IPC sender to trust: the top frame (not an iframe in it) showing the app's page. */
export function trustedFrame(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppPage(frame.url);
}

/**
 * For every web contents (the window, DevTools, anything else): no navigation, frame navigation
 * or redirect but to the app's page, no new window, no <webview>.
 */
export function guardContents(
  contents: WebContents,
  o: { dev: boolean; refused?: (what: string, url: string) => void },
): void {
  const keepOnApp = (what: string) => (e: { url: string; preventDefault(): void }) => {
    if (navigationAllowed(e.url, o)) return;
    e.preventDefault();
    o.refused?.(what, e.url);
  };
  contents.on('will-navigate', keepOnApp('navigation'));
  contents.on('will-frame-navigate', keepOnApp('frame navigation'));
  contents.on('will-redirect', keepOnApp('redirect'));
  contents.on('will-attach-webview', (e, _prefs, params) => {
    e.preventDefault();
    o.refused?.('webview', params.src ?? '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    o.refused?.('new window', url);
    return { action: 'deny' };
  });
}

/** The session: every permission refused (asked or checked), every request but the app's cancelled. */
export function lockSession(session: Session, o: { dev: boolean; refused?: (what: string, url: string) => void }) {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const ok = requestAllowed(details.url, o);
    if (!ok) o.refused?.('request', details.url);
    callback({ cancel: !ok });
  });
}
