// A column header that sorts: a button inside the header (click, Enter or Space), with
// aria-sort on the header saying the current order. Both table kinds use it.
import type { ReactNode } from 'react';

export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}

/** The next sort after a click on `key`: a new column starts descending (newest, largest first). */
export function nextSort(current: SortState | null | undefined, key: string): SortState {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: 'desc' };
}

export function SortHeader({
  as,
  label,
  className,
  style,
  sortKey,
  sort,
  onSort,
}: {
  as: 'div' | 'th';
  label: ReactNode;
  className?: string;
  style?: React.CSSProperties;
  sortKey?: string;
  sort?: SortState | null;
  onSort?(key: string): void;
}) {
  const Tag = as;
  const sortable = !!sortKey && !!onSort;
  const active = sortable && sort?.key === sortKey;
  const ariaSort = !sortable
    ? undefined
    : active
      ? sort!.dir === 'asc'
        ? 'ascending'
        : 'descending'
      : 'none';
  return (
    <Tag
      role="columnheader"
      className={className}
      style={style}
      aria-sort={ariaSort}
      {...(as === 'th' ? { scope: 'col' } : {})}
    >
      {sortable ? (
        <button type="button" className="sort-button" onClick={() => onSort!(sortKey!)}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort!.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      ) : (
        label
      )}
    </Tag>
  );
}
