import type { App } from '../app';
import { overview } from '../core/overview/overview';
import type { HandlerGroup } from './handlers';

export function overviewHandlers(app: App): HandlerGroup {
  return {
    'overview.get': () => overview(app.ledger),
  };
}
