import type { App } from '../app';
import { failedPage, stuckPage } from '../core/pi/worklist';
import type { HandlerGroup } from './handlers';

export function worklistHandlers(app: App): HandlerGroup {
  return {
    'worklist.failed': (q) => failedPage(app.ledger, app.now(), q),
    'worklist.pis': (q) => stuckPage(app.ledger, app.now(), q),
  };
}
