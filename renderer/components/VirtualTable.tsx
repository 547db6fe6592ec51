import {
  type KeyboardEvent,
  memo,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import './VirtualTable.css';

export interface Column<T> {
  id: string;
  header: string;
  /** A CSS grid track: "120px", "minmax(160px, 2fr)". */
  width: string;
  align?: 'left' | 'right';
  sortable?: boolean;
  /**
   * Several sorts in one column (a cell showing two values), one button each, stacked as the cell's
   * lines are; the first label is the column's. Implies sortable.
   */
  sorts?: Array<{ key: string; label: string; title?: string }>;
  cell: (row: T) => ReactNode;
}

export type SortDir = 'asc' | 'desc';

/**
 * A table that renders only the rows in view (fixed row height). It stays a real <table> (laid
 * out with CSS grid, the header sticky) so screen readers and role locators see a table; rows
 * carry aria-rowindex and the table aria-rowcount. Arrow keys, Page Up/Down, Home and End move
 * between rows' controls.
 */
export interface VirtualTableProps<T> {
  label: string;
  rows: T[];
  rowKey: (row: T) => string | number;
  columns: Column<T>[];
  rowHeight?: number;
  /** CSS max-height of the scrolling body. */
  maxHeight?: string;
  sort?: { key: string; dir: SortDir };
  onSort?: (key: string) => void;
  empty?: ReactNode;
  overscan?: number;
  /** A row to scroll to and focus once shown (e.g. the row the user left the screen from). */
  focusKey?: string | number | null;
  /** Called once the row of focusKey has focus, or when it is not among the rows. */
  onFocusKeyDone?: () => void;
}

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const rowHeight = props.rowHeight ?? 44;
  const overscan = props.overscan ?? 6;
  const scroller = useRef<HTMLDivElement>(null);
  const view = useScrollView(scroller, props.rows);
  const template = props.columns.map((c) => c.width).join(' ');
  const count = props.rows.length;
  const onKeyDown = useRowKeys(scroller, view, props, rowHeight);

  const first = Math.max(0, Math.floor(view.scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.scrollTop + view.viewHeight) / rowHeight) + overscan);
  const visible: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = props.rows[i];
    visible.push(
      <Row
        key={props.rowKey(row)}
        row={row}
        index={i}
        columns={props.columns}
        template={template}
        height={rowHeight}
      />,
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys pressed on the rows' own buttons bubble here to move between rows
    <div
      ref={scroller}
      className="vtable-scroller"
      style={{ maxHeight: props.maxHeight ?? '60vh' }}
      onScroll={view.onScroll}
      onKeyDown={onKeyDown}
      data-testid={`${props.label}-scroller`}
    >
      <table aria-label={props.label} aria-rowcount={count + 1} className="vtable">
        <Head columns={props.columns} template={template} sort={props.sort} onSort={props.onSort} />
        <tbody style={{ height: count ? count * rowHeight : undefined }}>
          {count === 0 ? (
            <tr className="vtable-empty">
              <td>{props.empty ?? 'Nothing to show.'}</td>
            </tr>
          ) : (
            visible
          )}
        </tbody>
      </table>
    </div>
  );
}

interface ScrollView {
  scrollTop: number;
  viewHeight: number;
  setScrollTop: (top: number) => void;
  onScroll: () => void;
}

/** The scroller's height and scroll position (read once a frame); a new list starts at the top. */
function useScrollView(scroller: RefObject<HTMLDivElement | null>, rows: unknown[]): ScrollView {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the scroller is the same element throughout
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewHeight(el.clientHeight || 600);
    const ro = new ResizeObserver(() => setViewHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new list (filter, sort) starts at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the rows array changes
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows]);

  const frame = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scroller is the same element throughout
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return { scrollTop, viewHeight, setScrollTop, onScroll };
}

/**
 * Moving between rows: arrow keys, Page Up/Down, Home and End focus another row's first control
 * (scrolled into view), and the row of `focusKey` gets focus again when the user comes back.
 */
function useRowKeys<T>(
  scroller: RefObject<HTMLDivElement | null>,
  view: ScrollView,
  props: VirtualTableProps<T>,
  rowHeight: number,
) {
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const count = props.rows.length;

  // Focus follows the keyboard once the target row is rendered.
  useEffect(() => {
    if (focusIndex == null) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    if (el) {
      (el.querySelector<HTMLElement>('button, a, [tabindex]') ?? el).focus({ preventScroll: true });
      setFocusIndex(null);
    }
  });

  /** Scrolls the row into view (to the middle with `center`) and focuses its first control. */
  const moveTo = (index: number, center = false) => {
    const el = scroller.current;
    if (!el || count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    const head = el.querySelector('thead')?.offsetHeight ?? 0;
    const top = i * rowHeight;
    if (center) el.scrollTop = Math.max(0, top - (el.clientHeight - head - rowHeight) / 2);
    else if (top < el.scrollTop) el.scrollTop = top;
    else if (head + top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = head + top + rowHeight - el.clientHeight;
    view.setScrollTop(el.scrollTop);
    setFocusIndex(i);
  };

  // Back on this screen: the row the user came from gets focus again.
  const { focusKey, rowKey, onFocusKeyDone } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per focusKey, on the rows of that moment
  useEffect(() => {
    if (focusKey == null) return;
    const i = props.rows.findIndex((r) => rowKey(r) === focusKey);
    if (i >= 0) moveTo(i, true);
    onFocusKeyDone?.();
  }, [focusKey]);

  return (e: KeyboardEvent<HTMLDivElement>) => {
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const current = rowEl ? Number(rowEl.dataset.index) : -1;
    const page = Math.max(1, Math.floor(view.viewHeight / rowHeight) - 1);
    const keys: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1,
    };
    if (e.key in keys) {
      e.preventDefault();
      moveTo(Math.max(0, keys[e.key]));
    }
  };
}

/** The sticky header: one sort button per sort of a sortable column, the current one marked. */
function Head<T>(props: {
  columns: Column<T>[];
  template: string;
  sort?: { key: string; dir: SortDir };
  onSort?: (key: string) => void;
}) {
  return (
    <thead>
      <tr aria-rowindex={1} style={{ gridTemplateColumns: props.template }}>
        {props.columns.map((c) => {
          const sorts = c.sorts ?? (c.sortable ? [{ key: c.id, label: c.header, title: undefined }] : []);
          const current = sorts.some((x) => x.key === props.sort?.key) ? props.sort?.dir : null;
          return (
            <th
              key={c.id}
              scope="col"
              aria-sort={current === 'asc' ? 'ascending' : current === 'desc' ? 'descending' : undefined}
              className={[c.align === 'right' ? 'num' : '', c.sorts ? 'multi-sort' : ''].join(' ').trim() || undefined}
            >
              {sorts.length && props.onSort
                ? sorts.map((x) => (
                    <SortButton
                      key={x.key}
                      sort={x}
                      dir={props.sort?.key === x.key ? props.sort.dir : null}
                      onSort={props.onSort}
                    />
                  ))
                : c.header}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

function SortButton(props: {
  sort: { key: string; label: string; title?: string };
  dir: SortDir | null;
  onSort?: (key: string) => void;
}) {
  const { sort: x, dir } = props;
  return (
    <button
      type="button"
      className="sort-button"
      title={x.title ?? `Sort by ${x.label}`}
      onClick={() => props.onSort?.(x.key)}
    >
      {x.label}
      <span aria-hidden="true" className="sort-mark">
        {dir === 'asc' ? '▴' : dir === 'desc' ? '▾' : ''}
      </span>
    </button>
  );
}

/** One row; unchanged rows are not re-rendered while scrolling (the columns must be memoised). */
const Row = memo(function Row<T>(props: {
  row: T;
  index: number;
  columns: Column<T>[];
  template: string;
  height: number;
}) {
  const i = props.index;
  return (
    <tr
      aria-rowindex={i + 2}
      data-index={i}
      className={i % 2 ? 'odd' : undefined}
      style={{
        gridTemplateColumns: props.template,
        height: props.height,
        transform: `translateY(${i * props.height}px)`,
      }}
    >
      {props.columns.map((c) => (
        <td key={c.id} className={c.align === 'right' ? 'num' : undefined}>
          {c.cell(props.row)}
        </td>
      ))}
    </tr>
  );
}) as <T>(props: { row: T; index: number; columns: Column<T>[]; template: string; height: number }) => ReactNode;
