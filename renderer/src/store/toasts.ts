// Notices at the corner of the window. They close by themselves (errors stay longer and have a
// close button); the same notice again is counted on the one already shown rather than piled
// up; and while a dialog is open they wait, so a notice never covers the dialog.
import { create } from 'zustand';

export type ToastTone = 'ok' | 'error' | 'warn' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
  /** How many times this notice came (shown as ×N). */
  count: number;
}

/** How long a notice stays: long enough to read, errors longer (they may need acting on). */
export const TOAST_MS: Record<ToastTone, number> = {
  ok: 5000,
  info: 5000,
  warn: 8000,
  error: 15000,
};
/** At most this many at once; the oldest give way (a pile would cover the page). */
export const MAX_TOASTS = 3;

interface ToastState {
  toasts: Toast[];
  /** Open dialogs: while any is open, notices wait unseen and their time does not run. */
  dialogs: number;
  push(tone: ToastTone, title: string, detail?: string): void;
  dismiss(id: number): void;
  dialogOpened(): void;
  dialogClosed(): void;
}

let seq = 0;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function arm(id: number, tone: ToastTone) {
  clearTimeout(timers.get(id));
  if (useToasts.getState().dialogs > 0) return;
  timers.set(
    id,
    setTimeout(() => useToasts.getState().dismiss(id), TOAST_MS[tone]),
  );
}

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  dialogs: 0,
  push(tone, title, detail) {
    // The same notice again (a job started for each service, the same refusal twice):
    // one toast with a count, its latest detail, and its time to close starting over.
    const same = get().toasts.find((t) => t.tone === tone && t.title === title);
    if (same) {
      set((s) => ({
        toasts: s.toasts.map((t) =>
          t.id === same.id ? { ...t, detail: detail ?? t.detail, count: t.count + 1 } : t,
        ),
      }));
      arm(same.id, tone);
      return;
    }
    const id = ++seq;
    const kept = get().toasts.slice(-(MAX_TOASTS - 1));
    for (const gone of get().toasts.filter((t) => !kept.includes(t)))
      clearTimeout(timers.get(gone.id));
    set({ toasts: [...kept, { id, tone, title, detail, count: 1 }] });
    arm(id, tone);
  },
  dismiss(id) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  dialogOpened() {
    set((s) => ({ dialogs: s.dialogs + 1 }));
    for (const t of get().toasts) clearTimeout(timers.get(t.id));
  },
  dialogClosed() {
    set((s) => ({ dialogs: Math.max(0, s.dialogs - 1) }));
    if (get().dialogs === 0) for (const t of get().toasts) arm(t.id, t.tone);
  },
}));

export const toast = (tone: ToastTone, title: string, detail?: string) =>
  useToasts.getState().push(tone, title, detail);
