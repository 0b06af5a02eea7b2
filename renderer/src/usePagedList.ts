// A server-paged list under a filter: the first page on a filter change, the next page when
// the table nears its end, reload on demand. Answers for an older filter are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import type { Page } from '../../shared/types';
import { invoke, type ApiError } from './api';

type PagedChannel = 'calls.list' | 'sms.list' | 'worklist.failed' | 'worklist.pis';
type RowOf<C extends PagedChannel> = ResponseOf<C> extends Page<infer T> ? T : never;

export const LIST_PAGE = 200;

export interface PagedList<C extends PagedChannel, T = RowOf<C>> {
  rows: T[];
  total: number;
  /** The server stopped counting at `total` (a long log): there are at least that many. */
  capped: boolean;
  error: ApiError | null;
  /** The first page's answer without its rows: totals a list gives beside `total`. */
  summary: Omit<ResponseOf<C>, 'rows'> | null;
  /** True until the first page of the current filter has arrived. */
  loading: boolean;
  loadMore(): void;
  reload(): void;
}

export function usePagedList<C extends PagedChannel>(
  channel: C,
  filter: Omit<RequestOf<C>, 'limit' | 'offset'>,
): PagedList<C> {
  const key = JSON.stringify(filter);
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{
    key: string | null;
    rows: RowOf<C>[];
    total: number;
    capped: boolean;
    summary: Omit<ResponseOf<C>, 'rows'> | null;
    error: ApiError | null;
  }>({ key: null, rows: [], total: 0, capped: false, summary: null, error: null });
  const more = useRef(false);
  const want = `${key}#${tick}`;

  const page = useCallback(
    (offset: number) =>
      invoke(channel, { ...(JSON.parse(key) as object), limit: LIST_PAGE, offset } as RequestOf<C>),
    [channel, key],
  );

  useEffect(() => {
    let live = true;
    void page(0).then((res) => {
      if (!live) return;
      if (res.ok) {
        const { rows, ...summary } = res.data as ResponseOf<C> & Page<RowOf<C>>;
        setState({
          key: want,
          rows,
          total: summary.total,
          capped: !!summary.capped,
          summary,
          error: null,
        });
      } else setState((s) => ({ ...s, key: want, error: res.error }));
    });
    return () => {
      live = false;
    };
  }, [page, want]);

  const loaded = state.key === want;
  const loadMore = useCallback(() => {
    if (more.current || !loaded || state.rows.length >= state.total) return;
    more.current = true;
    void page(state.rows.length).then((res) => {
      more.current = false;
      if (res.ok)
        setState((s) =>
          s.key === want ? { ...s, rows: [...s.rows, ...(res.data as Page<RowOf<C>>).rows] } : s,
        );
      else setState((s) => ({ ...s, error: res.error }));
    });
  }, [loaded, state.rows.length, state.total, page, want]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const fresh = state.key?.startsWith(`${key}#`);
  return {
    rows: fresh ? state.rows : [],
    total: fresh ? state.total : 0,
    capped: fresh ? state.capped : false,
    summary: fresh ? state.summary : null,
    error: state.error,
    loading: !loaded,
    loadMore,
    reload,
  };
}
