// A plain table for short lists (funds, jobs, history): real <table> semantics, dense rows.
import type { ReactNode } from 'react';

export interface TableColumn<T> {
  key: string;
  header: ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: string;
  /** Let long text wrap (messages); other cells stay on one line. */
  wrap?: boolean;
  render(row: T): ReactNode;
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
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={`align-${c.align ?? 'left'}`}
                style={c.width ? { width: c.width } : undefined}
                scope="col"
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
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
