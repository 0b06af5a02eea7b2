import type { App } from '../app';
import { listJobs, listRuns, refreshPi, runServices } from '../core/reconcile/jobs';
import type { HandlerGroup } from './handlers';
import { requireSetupForVa } from '../core/settings/status';

export function jobsHandlers(app: App): HandlerGroup {
  return {
    'pi.refresh': (q) => refreshPi(app, q.id),
    'jobs.list': () => listJobs(app),
    'jobs.runs': (q) => listRuns(app, q),
    // Runs go on in the background; progress reaches the renderer as job.progress events.
    'jobs.run': async (q) => {
      const started = q.service === 'ALL' ? ['ALL'] : [q.service];
      // Refused now, in the user's face, rather than in the background run.
      if (q.service === 'VA' || q.service === 'ALL') await requireSetupForVa(app);
      void runServices(app, q.service).catch((err) => console.error('[jobs] run failed:', err));
      return { started };
    },
  };
}
