// A plain table for short lists (funds, jobs, history): real <table> semantics, dense rows.
// The whole list is on screen, so a column with sortValue sorts here, in the page.
import { useMemo, useState, type ReactNode } from 'react';
import { nextSort, SortHeader, type SortState } from './SortHeader';

export interface TableColumn<T> {
  key: string;
  header: ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: string;
  /** Let long text wrap (messages); other cells stay on one line. */
  wrap?: boolean;
  render(row: T): ReactNode;
  /** Makes the column sortable by this value (numbers numerically, text in Indian English order). */
  sortValue?(row: T): string | number | null;
}

const collator = new Intl.Collator('en-IN', { numeric: true, sensitivity: 'base' });

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function Table<T>({
  label,
  rows,
  columns,
  rowKey,
  rowClass,
  footer,
  onRowClick,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly TableColumn<T>[];
  rowKey(row: T, index: number): string | number;
  rowClass?(row: T): string | undefined;
  footer?: ReactNode;
  onRowClick?(row: T): void;
}) {
  const [sort, setSort] = useState<SortState | null>(null);
  const shown = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    if (!sort || !col?.sortValue) return rows;
    const sign = sort.dir === 'asc' ? 1 : -1;
    // Stable: equal values keep the server's order.
    return rows
      .map((row, i) => ({ row, i, v: col.sortValue!(row) }))
      .sort((x, y) => sign * compare(x.v, y.v) || x.i - y.i)
      .map((x) => x.row);
  }, [rows, columns, sort]);
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                as="th"
                className={`align-${c.align ?? 'left'}`}
                style={c.width ? { width: c.width } : undefined}
                label={c.header}
                sortKey={c.sortValue ? c.key : undefined}
                sort={sort}
                onSort={(key) => setSort((s) => nextSort(s, key))}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) => (
            <tr
              key={rowKey(row, i)}
              className={rowClass?.(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={`align-${c.align ?? 'left'}${c.wrap ? ' wrap' : ''}`}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
