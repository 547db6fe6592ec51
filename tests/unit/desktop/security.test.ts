import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  guardContents,
  isAppPage,
  isAppUrl,
  lockSession,
  navigationAllowed,
  requestAllowed,
  trustedFrame,
} from '../../../main/electron/security';

/** An event as Electron passes it: a URL and preventDefault. */
function navEvent(url: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** A stand-in for a web contents: Electron's events and window-open handler, nothing else. */
function fakeContents() {
  const emitter = new EventEmitter() as EventEmitter & {
    openHandler?: (d: { url: string }) => { action: string };
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void;
  };
  emitter.setWindowOpenHandler = (h) => {
    emitter.openHandler = h;
  };
  return emitter;
}

describe('the shell security rules (main/electron/security.ts)', () => {
  it("knows the app's origin and page", () => {
    expect(isAppUrl('app://kpi/assets/index.js')).toBe(true);
    expect(isAppUrl('app://kpi.evil.com/')).toBe(false);
    expect(isAppUrl('app://evil/kpi')).toBe(false);
    expect(isAppUrl('https://kpi/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppPage('app://kpi/index.html')).toBe(true);
    expect(isAppPage('app://kpi/index.html?x#y')).toBe(true);
    expect(isAppPage('app://kpi/')).toBe(true);
    expect(isAppPage('app://kpi/assets/index.js')).toBe(false);
  });

  it('lets requests through to the app only (and DevTools in development)', () => {
    expect(requestAllowed('app://kpi/assets/index.js', { dev: false })).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'https://example.com/',
      'http://127.0.0.1:5180/',
      'ws://127.0.0.1/',
      'devtools://devtools/bundled/inspector.html',
      'chrome://gpu',
    ]) {
      expect(requestAllowed(url, { dev: false }), url).toBe(false);
    }
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', { dev: true })).toBe(true);
    expect(requestAllowed('file:///etc/passwd', { dev: true })).toBe(false);
  });

  it("keeps every frame on the app's page", () => {
    expect(navigationAllowed('app://kpi/index.html', { dev: false })).toBe(true);
    expect(navigationAllowed('app://kpi/assets/evil.html', { dev: false })).toBe(false);
    expect(navigationAllowed('https://example.com/', { dev: false })).toBe(false);
    expect(navigationAllowed('file:///tmp/x.html', { dev: false })).toBe(false);
    expect(navigationAllowed('about:blank', { dev: false })).toBe(false);
  });

  it("trusts an IPC sender only in the app page's top frame", () => {
    expect(trustedFrame({ url: 'app://kpi/index.html', parent: null })).toBe(true);
    expect(trustedFrame({ url: 'app://kpi/index.html', parent: {} })).toBe(false);
    expect(trustedFrame({ url: 'file:///work/dist/renderer/index.html', parent: null })).toBe(false);
    expect(trustedFrame({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(trustedFrame(null)).toBe(false);
  });

  it('guards a web contents: navigations, frame navigations and redirects away, new windows and webviews refused', () => {
    const contents = fakeContents();
    const refused: string[] = [];
    guardContents(contents as unknown as WebContents, { dev: false, refused: (what) => refused.push(what) });
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navEvent('https://example.com/');
      contents.emit(name, away);
      expect(away.prevented, name).toBe(true);
      const home = navEvent('app://kpi/index.html');
      contents.emit(name, home);
      expect(home.prevented, name).toBe(false);
    }
    const webview = navEvent('');
    contents.emit('will-attach-webview', webview, {}, { src: 'https://example.com/' });
    expect(webview.prevented).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://kpi/index.html' })).toEqual({ action: 'deny' });
    expect(refused).toEqual(['navigation', 'frame navigation', 'redirect', 'webview', 'new window', 'new window']);
  });

  it('locks the session: every permission refused, asked or checked; every other request cancelled', () => {
    const handlers: Record<string, (...args: any[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: any) => {
        handlers.request = h;
      },
      setPermissionCheckHandler: (h: any) => {
        handlers.check = h;
      },
      webRequest: {
        onBeforeRequest: (h: any) => {
          handlers.before = h;
        },
      },
    };
    lockSession(session as unknown as Session, { dev: false });
    const granted: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      handlers.request({}, p, (ok: boolean) => granted.push(ok), {});
    expect(granted).toEqual([false, false, false, false, false]);
    expect(handlers.check({}, 'clipboard-sanitized-write', 'app://kpi', {})).toBe(false);
    const answers: Array<{ cancel: boolean }> = [];
    for (const url of ['app://kpi/index.html', 'file:///etc/passwd', 'https://example.com/'])
      handlers.before({ url }, (a: { cancel: boolean }) => answers.push(a));
    expect(answers).toEqual([{ cancel: false }, { cancel: true }, { cancel: true }]);
  });
});
