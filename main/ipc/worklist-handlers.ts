import type { App } from '../app';
import { needsAction } from '../core/pi/worklist';
import type { HandlerGroup } from './handlers';

export function worklistHandlers(app: App): HandlerGroup {
  return {
    'worklist.get': () => needsAction(app.ledger, app.now()),
  };
}
