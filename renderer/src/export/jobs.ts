// Export jobs: a paged list fetched whole under its filter, or rows already on screen.
import { toCsv, type CsvColumn } from '../../../shared/csv';
import type { RequestOf, ResponseOf } from '../../../shared/contract';
import type { Page } from '../../../shared/types';
import { invoke, type ApiError } from '../api';
import type { ExportJob } from './ExportButton';
import { fetchAll } from './save';

type PagedChannel =
  | 'pi.list'
  | 'calls.list'
  | 'sms.list'
  | 'payments.list'
  | 'allotments.list'
  | 'worklist.failed'
  | 'worklist.pis';
type RowOf<C extends PagedChannel> = ResponseOf<C> extends Page<infer T> ? T : never;

/** Every row the list's filter matches, not only the loaded pages. */
export function pagedJob<C extends PagedChannel>(
  channel: C,
  filter: Omit<RequestOf<C>, 'limit' | 'offset'>,
  columns: readonly CsvColumn<RowOf<C>>[],
  fileName: string,
): ExportJob {
  return {
    fileName,
    async build(progress) {
      const all = await fetchAll<RowOf<C>>(
        (offset, limit) =>
          invoke(channel, { ...filter, offset, limit } as RequestOf<C>) as Promise<
            { ok: true; data: Page<RowOf<C>> } | { ok: false; error: ApiError }
          >,
        progress,
      );
      if (!all.ok) return all;
      return { ok: true, csv: toCsv(all.rows, columns), rows: all.rows.length };
    },
  };
}

/** A short list that is whole on screen (funds, a PI's beneficiaries, the worklist). */
export function rowsJob<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  fileName: string,
): ExportJob {
  return {
    fileName,
    build: async () => ({ ok: true, csv: toCsv(rows, columns), rows: rows.length }),
  };
}
