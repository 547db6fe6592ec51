import type { AppEvent, KpiBridge } from '../../shared/contract';
import { BINARY_CALL, decodeBytes, packCall } from '../../shared/transport';

/**
 * window.kpi for the browser preview: the same invoke() as the desktop preload, carried over
 * HTTP to the local server, with the per-run token from the URL it printed.
 */
export function installWebBridge(): void {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('kpi-token', fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  }
  const token = sessionStorage.getItem('kpi-token') ?? '';
  const listeners = new Set<(e: AppEvent) => void>();
  let source: EventSource | null = null;

  const bridge: KpiBridge = {
    desktop: false,
    async invoke(channel, payload) {
      try {
        // A file goes as it is in a binary body: turning megabytes into base64 text here would
        // hold the page still for a second.
        const packed = packCall({ channel, payload });
        const res = await fetch('./api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': packed ? BINARY_CALL : 'application/json', 'X-KPI-Token': token },
          body: packed ? new Blob(packed as BlobPart[]) : JSON.stringify({ channel, payload }),
        });
        return decodeBytes(await res.json()) as never;
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: 'The app is not reachable: is `npm run web` still running?' },
        };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`./api/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (m) => {
          const event = JSON.parse(m.data) as AppEvent;
          for (const l of listeners) l(event);
        };
      }
      return () => listeners.delete(listener);
    },
    async saveFile(fileName, bytes) {
      const blob = new Blob([bytes as BlobPart]);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      return { ok: true, data: { saved: true } };
    },
  };
  (window as unknown as { kpi: KpiBridge }).kpi = bridge;
}
