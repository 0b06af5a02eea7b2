// Live job progress from the 'job.progress' event, per service.
import { create } from 'zustand';
import type { JobProgress } from '../../../shared/types';
import type { Service } from '../../../shared/status';

interface JobsState {
  progress: Partial<Record<Service, JobProgress>>;
  apply(p: JobProgress): void;
  reset(): void;
}

export const useJobs = create<JobsState>((set) => ({
  progress: {},
  apply(p) {
    set((s) => ({ progress: { ...s.progress, [p.service]: p } }));
  },
  reset() {
    set({ progress: {} });
  },
}));

export function isActive(p: JobProgress | undefined): boolean {
  return !!p && (p.state === 'running' || p.state === 'waiting');
}

/** Overall fraction done across running jobs, or null when none runs. */
export function overallProgress(progress: JobsState['progress']): number | null {
  const active = Object.values(progress).filter(isActive);
  if (active.length === 0) return null;
  const total = active.reduce((n, p) => n + p.total, 0);
  const done = active.reduce((n, p) => n + p.done, 0);
  return total > 0 ? done / total : 0;
}
