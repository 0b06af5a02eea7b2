// The composition root: everything the Electron shell, the browser host and the CLI share.
import { EventBus } from './core/events';
import { Ledger } from './ledger/ledger';
import { createHandlers, type Handlers } from './ipc/handlers';
import type { Treasury } from './jit/types';
import type { AppInfo } from '../shared/types';
import pkg from '../package.json';

export interface AppOptions {
  dbPath: string;
  treasury: Treasury;
  treasuryInfo: AppInfo['treasury'];
  /** The clock; tests and the sandbox move it. */
  now?: () => number;
}

/** What every use case in core/ is given: the ledger, the treasury, events and the clock. */
export interface App {
  readonly ledger: Ledger;
  readonly events: EventBus;
  readonly treasury: Treasury;
  readonly handlers: Handlers;
  now(): number;
  info(): Promise<AppInfo>;
  close(): Promise<void>;
}

export async function openApp(options: AppOptions): Promise<App> {
  const ledger = await Ledger.open(options.dbPath);
  const app: App = {
    ledger,
    events: new EventBus(),
    treasury: options.treasury,
    handlers: undefined as unknown as Handlers,
    now: options.now ?? Date.now,
    info: async () => ({
      version: pkg.version,
      dbPath: ledger.file,
      treasury: options.treasuryInfo,
      schemaVersion: await ledger.schemaVersion(),
    }),
    close: async () => {
      await ledger.close();
      await options.treasury.close?.();
    },
  };
  (app as { handlers: Handlers }).handlers = createHandlers(app);
  return app;
}
