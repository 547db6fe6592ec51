import { type RefObject, useEffect, useRef, useState } from 'react';
import type { Route } from '../store';

/** A screen's identity: the same account in another month is the same screen (focus stays put). */
export function screenKey(r: Route): string {
  switch (r.view) {
    case 'account':
      return `account:${r.accountId}`;
    case 'kpi':
      return `kpi:${r.accountId}:${r.category ?? ''}:${r.kpi}`;
    case 'playbooks':
      return `playbooks:${r.executionId ?? ''}`;
    default:
      return r.view;
  }
}

/**
 * After a change of screen, keyboard focus goes to the new screen's main heading (made focusable
 * with tabIndex -1), and the heading is announced. A screen that loads first gets it when its
 * heading appears, for a few seconds or until the user presses a key or the pointer. Focus that
 * the user or the screen itself has put somewhere else (such as a restored table row) stays there.
 * Returns the text to put in a live region.
 */
export function useScreenFocus(key: string, main: RefObject<HTMLElement | null>): string {
  const [announcement, setAnnouncement] = useState('');
  const first = useRef(true);
  useEffect(() => {
    void key;
    if (first.current) {
      first.current = false;
      return;
    }
    const root = main.current;
    if (!root) return;
    const trigger = document.activeElement;
    let announced = '';
    const lost = () => {
      const a = document.activeElement;
      return !a || a === document.body || a === root || a === trigger || !a.isConnected;
    };
    const place = () => {
      const heading = root.querySelector('h1');
      if (!heading) return;
      const text = heading.textContent?.trim() ?? '';
      if (text && text !== announced) {
        announced = text;
        setAnnouncement(text);
        document.title = `${text} · KPI Dashboard`;
      }
      if (lost() && document.activeElement !== heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    };
    const observer = new MutationObserver(place);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      window.removeEventListener('keydown', stop, true);
      window.removeEventListener('pointerdown', stop, true);
    };
    const timer = setTimeout(stop, 4000);
    place();
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
    return stop;
  }, [key, main]);
  return announcement;
}
