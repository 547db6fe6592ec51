import { useState } from 'react';

/**
 * A long Today list shows its first items and a button for the rest: a workspace of 2,000
 * accounts can have thousands of items, and drawing them all takes seconds (bench:today).
 */
export const FIRST_ITEMS = 50;
export const FIRST_ACCOUNTS = 20;

export function useFirst<T>(items: readonly T[], limit: number) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, limit);
  return { shown, more: items.length - shown.length, showAll: () => setAll(true) };
}

export function ShowAll(props: { more: number; total: number; onClick: () => void }) {
  if (props.more <= 0) return null;
  return (
    <button type="button" className="link-button today-more" onClick={props.onClick}>
      Show all {props.total} ({props.more} more)
    </button>
  );
}
