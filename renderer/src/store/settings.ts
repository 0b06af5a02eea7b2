// The console's set-up as Settings shows it, shared by the shell (which opens the setup flow
// when a real treasury meets an unset ULB) and the Settings page.
import { create } from 'zustand';
import type { SettingsView } from '../../../shared/settings';
import { invoke, type ApiError } from '../api';

interface SettingsState {
  view: SettingsView | null;
  error: ApiError | null;
  load(): Promise<void>;
  set(view: SettingsView): void;
}

export const useSettings = create<SettingsState>((set) => ({
  view: null,
  error: null,
  async load() {
    const res = await invoke('settings.get', {});
    if (res.ok) set({ view: res.data, error: null });
    else set({ error: res.error });
  },
  set: (view) => set({ view, error: null }),
}));

/** Zod issues as "path → message", for errors beside their fields. */
export function issuesByPath(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    out[key] ??= i.message;
  }
  return out;
}
