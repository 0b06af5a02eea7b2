// The View Payment Instruction page: one PI with its beneficiaries, latest calls and actions.
import { create } from 'zustand';
import type { PiDetail, RefreshResult } from '../../../shared/types';
import { invoke, type ApiError } from '../api';

interface PiDetailState {
  id: number | null;
  detail: PiDetail | null;
  loading: boolean;
  error: ApiError | null;
  refreshing: boolean;
  lastRefresh: RefreshResult | null;
  open(id: number): Promise<void>;
  reload(): Promise<void>;
  refresh(): Promise<{ ok: true; data: RefreshResult } | { ok: false; error: ApiError }>;
  reset(): void;
}

let seq = 0;

const initial = {
  id: null,
  detail: null,
  loading: false,
  error: null,
  refreshing: false,
  lastRefresh: null,
};

export const usePiDetail = create<PiDetailState>((set, get) => ({
  ...initial,
  async open(id) {
    if (get().id !== id) set({ id, detail: null, lastRefresh: null });
    await get().reload();
  },
  async reload() {
    const id = get().id;
    if (id === null) return;
    const my = ++seq;
    set({ loading: true, error: null });
    const res = await invoke('pi.get', { id });
    if (my !== seq) return;
    if (res.ok) set({ detail: res.data, loading: false });
    else set({ loading: false, error: res.error });
  },
  async refresh() {
    const id = get().id;
    if (id === null)
      return {
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'No payment instruction is open.' },
      };
    set({ refreshing: true });
    const res = await invoke('pi.refresh', { id });
    set({ refreshing: false, lastRefresh: res.ok ? res.data : null });
    await get().reload();
    return res;
  },
  reset() {
    seq++;
    set({ ...initial });
  },
}));
