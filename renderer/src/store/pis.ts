// The Payment Instructions list: filter tabs with counts, search, paging, keyboard selection.
import { create } from 'zustand';
import { PI_STATUSES, type PiStatus } from '../../../shared/status';
import type { PiRow } from '../../../shared/types';
import type { SORT_KEYS } from '../../../shared/contract';
import { invoke, type ApiError } from '../api';
import type { SortDir } from '../components/SortHeader';

export const PAGE_SIZE = 200;
export type StatusFilter = PiStatus | 'All';
export type PiSort = { key: (typeof SORT_KEYS)['pi.list'][number]; dir: SortDir } | null;
export const STATUS_TABS: readonly StatusFilter[] = ['All', ...PI_STATUSES];

interface PiListState {
  status: StatusFilter;
  search: string;
  /** null: newest first (the server's default). */
  sort: PiSort;
  rows: PiRow[];
  total: number;
  counts: Partial<Record<StatusFilter, number>>;
  /** The search stopped counting at its limit: total and counts are floors. */
  capped: boolean;
  loading: boolean;
  loadingMore: boolean;
  loaded: boolean;
  error: ApiError | null;
  selected: number;
  setStatus(status: StatusFilter): void;
  setSearch(search: string): void;
  setSort(sort: PiSort): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  reset(): void;
}

let seq = 0;

const initial = {
  status: 'All' as StatusFilter,
  search: '',
  sort: null as PiSort,
  rows: [] as PiRow[],
  total: 0,
  counts: {},
  capped: false,
  loading: false,
  loadingMore: false,
  loaded: false,
  error: null,
  selected: 0,
};

/** The filter in view as a pi.list request (also what an export asks for). */
export function piQuery({ status, search, sort }: Pick<PiListState, 'status' | 'search' | 'sort'>) {
  return {
    ...(status === 'All' ? {} : { status }),
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(sort ? { sort } : {}),
  };
}

// Every page carries each tab's count for the same search: one call per search or reload.
function tabCounts(counts: Record<PiStatus, number>): Partial<Record<StatusFilter, number>> {
  return { All: PI_STATUSES.reduce((n, s) => n + counts[s], 0), ...counts };
}

export const usePis = create<PiListState>((set, get) => ({
  ...initial,
  setStatus(status) {
    set({ status, selected: 0 });
    void get().load();
  },
  setSearch(search) {
    set({ search, selected: 0 });
    void get().load();
  },
  setSort(sort) {
    set({ sort, selected: 0 });
    void get().load();
  },
  async load() {
    const my = ++seq;
    set({ loading: true, error: null });
    const res = await invoke('pi.list', { ...piQuery(get()), limit: PAGE_SIZE, offset: 0 });
    if (my !== seq) return;
    if (res.ok) {
      const selected = Math.min(get().selected, Math.max(0, res.data.rows.length - 1));
      set({
        rows: res.data.rows,
        total: res.data.total,
        counts: tabCounts(res.data.counts),
        capped: !!res.data.capped,
        loading: false,
        loaded: true,
        selected,
      });
    } else {
      set({ rows: [], total: 0, capped: false, loading: false, loaded: true, error: res.error });
    }
  },
  async loadMore() {
    const { rows, total, loadingMore } = get();
    if (loadingMore || rows.length >= total) return;
    const my = seq;
    set({ loadingMore: true });
    const res = await invoke('pi.list', {
      ...piQuery(get()),
      limit: PAGE_SIZE,
      offset: rows.length,
    });
    if (my !== seq) return set({ loadingMore: false });
    if (res.ok)
      set({
        rows: [...rows, ...res.data.rows],
        total: res.data.total,
        counts: tabCounts(res.data.counts),
        capped: !!res.data.capped,
        loadingMore: false,
      });
    else set({ loadingMore: false, error: res.error });
  },
  select(index) {
    const { rows } = get();
    if (rows.length === 0) return;
    set({ selected: Math.max(0, Math.min(rows.length - 1, index)) });
  },
  reset() {
    seq++;
    set({ ...initial });
  },
}));
