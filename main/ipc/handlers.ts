// The one typed handler map: exactly one handler per contract channel.
import {
  CHANNELS,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/contract';
import type { App } from '../app';
import { fundsHandlers } from './funds-handlers';
import { jobsHandlers } from './jobs-handlers';
import { loansHandlers } from './loans-handlers';
import { piHandlers } from './pi-handlers';
import { exportHandlers } from './export-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { settingsHandlers } from './settings-handlers';
import { worklistHandlers } from './worklist-handlers';
import { overviewHandlers } from './overview-handlers';
import { printHandlers } from './print-handlers';
import { ifscHandlers } from './ifsc-handlers';

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup = Partial<Handlers>;

/**
 * Merge handler groups into the full map. A channel handled twice, or not at all, or a
 * handler for a channel the contract does not name, stops start-up with the names.
 */
export function combineHandlers(
  groups: HandlerGroup[],
  channels: readonly string[] = CHANNELS,
): Handlers {
  const map: Record<string, unknown> = {};
  const duplicate: string[] = [];
  for (const group of groups) {
    for (const [name, fn] of Object.entries(group)) {
      if (name in map) duplicate.push(name);
      map[name] = fn;
    }
  }
  const missing = channels.filter((c) => typeof map[c] !== 'function');
  const unknown = Object.keys(map).filter((c) => !channels.includes(c));
  const problems = [
    duplicate.length && `handled twice: ${duplicate.join(', ')}`,
    missing.length && `no handler: ${missing.join(', ')}`,
    unknown.length && `not in the contract: ${unknown.join(', ')}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`IPC handler map is wrong (${problems.join('; ')})`);
  return map as Handlers;
}

export function createHandlers(app: App): Handlers {
  return combineHandlers([
    piHandlers(app),
    exportHandlers(app),
    jobsHandlers(app),
    fundsHandlers(app),
    loansHandlers(app),
    exchangeHandlers(app),
    settingsHandlers(app),
    worklistHandlers(app),
    overviewHandlers(app),
    printHandlers(app),
    ifscHandlers(),
  ]);
}
