import { create } from 'zustand';

export type ToastTone = 'ok' | 'error' | 'warn' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
}

interface ToastState {
  toasts: Toast[];
  push(tone: ToastTone, title: string, detail?: string): void;
  dismiss(id: number): void;
}

let seq = 0;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push(tone, title, detail) {
    const id = ++seq;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, tone, title, detail }] }));
    // Errors stay until dismissed: staff must not miss a refused push.
    if (tone !== 'error') setTimeout(() => useToasts.getState().dismiss(id), 6000);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

export const toast = (tone: ToastTone, title: string, detail?: string) =>
  useToasts.getState().push(tone, title, detail);
