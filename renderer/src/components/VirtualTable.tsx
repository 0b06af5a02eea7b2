// A dense, virtualized table for long lists (thousands of PIs, calls or beneficiaries).
// Rows are divs on a CSS grid so only the visible ones exist in the page; roles keep it a
// grid for screen readers. Keyboard: arrows, Home/End, PageUp/PageDown move, Enter opens.
// Rows are measured, so a column that wraps (a treasury message) grows its row, never cuts.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SortHeader, type SortState } from './SortHeader';

export interface Column<T> {
  key: string;
  header: string;
  /** A CSS grid track, e.g. "120px" or "minmax(160px, 2fr)". */
  width: string;
  align?: 'left' | 'right' | 'center';
  render(row: T): ReactNode;
  title?(row: T): string | undefined;
  /** Dropped when the table is too narrow for every column: 1 goes first, then 2... */
  dropOrder?: number;
  /** Long text (messages, reasons) wraps onto more lines instead of being cut. */
  wrap?: boolean;
  /** Sortable by this key (one of the list's index-served keys). */
  sortKey?: string;
}

export interface VirtualTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string | number;
  selected?: number;
  onSelect?(index: number): void;
  onOpen?(row: T, index: number): void;
  onEndReached?(): void;
  rowClass?(row: T): string | undefined;
  /** A line under the row across every column (e.g. what a search matched), or null. */
  below?(row: T): ReactNode;
  /** Grow to fit up to this height (for tables inside a scrolling page); else fill the parent. */
  maxHeight?: number;
  id?: string;
  tableRef?: React.Ref<HTMLDivElement>;
  sort?: SortState | null;
  onSort?(key: string): void;
}

const ROW_HEIGHT = 34;
const BELOW_HEIGHT = 24;
const HEADER_HEIGHT = 32;

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, selected, onSelect, onOpen, onEndReached, maxHeight, label, below } = props;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => ROW_HEIGHT + (below?.(rows[i]!) ? BELOW_HEIGHT : 0),
    getItemKey: (i) => props.rowKey(rows[i]!),
    overscan: 12,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: { width: 1000, height: 600 },
  });
  const columns = fitColumns(props.columns, virtualizer.scrollRect?.width ?? Infinity);
  const template = columns.map((c) => c.width).join(' ');
  // Every row is its own grid: give them all the same width so the columns line up.
  const minWidth = columns.reduce((n, c) => n + minTrack(c.width), 0);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (onEndReached && rows.length > 0 && lastIndex >= rows.length - 20) onEndReached();
  }, [lastIndex, rows.length, onEndReached]);

  useEffect(() => {
    if (selected !== undefined && selected >= 0 && selected < rows.length) {
      virtualizer.scrollToIndex(selected, { align: 'auto' });
    }
  }, [selected, rows.length, virtualizer]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // Keys on a header's sort button are the button's own (Enter and Space sort).
    if ((e.target as HTMLElement).closest('button')) return;
    if (!onSelect || rows.length === 0) return;
    const cur = selected ?? 0;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: cur + 1,
      ArrowUp: cur - 1,
      PageDown: cur + page,
      PageUp: cur - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      onSelect(Math.max(0, Math.min(rows.length - 1, moves[e.key]!)));
    } else if (e.key === 'Enter' && onOpen && rows[cur]) {
      e.preventDefault();
      onOpen(rows[cur]!, cur);
    }
  }

  const height = maxHeight
    ? Math.min(maxHeight, HEADER_HEIGHT + rows.length * ROW_HEIGHT + 2)
    : undefined;
  const activeId =
    selected !== undefined && rows[selected] ? `${props.id ?? 'vt'}-row-${selected}` : undefined;

  return (
    <div
      ref={(el) => {
        scrollRef.current = el;
        if (typeof props.tableRef === 'function') props.tableRef(el);
        else if (props.tableRef)
          (props.tableRef as React.MutableRefObject<HTMLDivElement | null>).current = el;
      }}
      className={`vtable${maxHeight ? '' : ' fill'}`}
      style={height ? { height } : undefined}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-activedescendant={activeId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      id={props.id}
    >
      <div className="vt-head" role="row" style={{ gridTemplateColumns: template, minWidth }}>
        {columns.map((c) => (
          <SortHeader
            key={c.key}
            as="div"
            className={`vt-cell align-${c.align ?? 'left'}`}
            label={c.header}
            sortKey={props.onSort ? c.sortKey : undefined}
            sort={props.sort}
            onSort={props.onSort}
          />
        ))}
      </div>
      <div className="vt-body" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const isSel = selected === item.index;
          const under = below?.(row);
          return (
            <div
              key={props.rowKey(row)}
              ref={virtualizer.measureElement}
              data-index={item.index}
              id={`${props.id ?? 'vt'}-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={onSelect ? isSel : undefined}
              className={`vt-row${isSel ? ' selected' : ''}${item.index % 2 ? ' odd' : ''} ${props.rowClass?.(row) ?? ''}`}
              style={{
                gridTemplateColumns: template,
                minWidth,
                transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
                gridTemplateRows: under
                  ? `minmax(${ROW_HEIGHT}px, auto) ${BELOW_HEIGHT}px`
                  : `minmax(${ROW_HEIGHT}px, auto)`,
              }}
              onClick={() => onSelect?.(item.index)}
              onDoubleClick={() => onOpen?.(row, item.index)}
            >
              {columns.map((c) => (
                <div
                  key={c.key}
                  role="gridcell"
                  className={`vt-cell align-${c.align ?? 'left'}${c.wrap ? ' wrap' : ''}`}
                  title={c.title?.(row)}
                >
                  {c.render(row)}
                </div>
              ))}
              {under && (
                <div role="gridcell" className="vt-below">
                  {under}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The smallest width a grid track takes: "120px" → 120, "minmax(160px, 2fr)" → 160. */
function minTrack(track: string): number {
  const m = /^(?:minmax\()?\s*(\d+(?:\.\d+)?)px/.exec(track.trim());
  return m ? Number(m[1]) : 80;
}

/** On a narrow window, leave out the least important columns before scrolling sideways. */
function fitColumns<T>(columns: readonly Column<T>[], width: number): readonly Column<T>[] {
  const total = (cols: readonly Column<T>[]) => cols.reduce((n, c) => n + minTrack(c.width), 0);
  let shown = columns;
  const order = columns
    .filter((c) => c.dropOrder !== undefined)
    .sort((a, b) => a.dropOrder! - b.dropOrder!);
  for (const drop of order) {
    if (total(shown) <= width - 2) break;
    shown = shown.filter((c) => c !== drop);
  }
  return shown;
}
