// The composition root: everything the Electron shell, the browser host and the CLI share.
import { EventBus } from './core/events';
import { Ledger } from './ledger/ledger';
import { createHandlers, type Handlers } from './ipc/handlers';
import type { AppInfo } from '../shared/types';
import pkg from '../package.json';

export interface AppOptions {
  dbPath: string;
  treasury: AppInfo['treasury'];
}

export interface App {
  readonly ledger: Ledger;
  readonly events: EventBus;
  readonly handlers: Handlers;
  info(): Promise<AppInfo>;
  close(): Promise<void>;
}

export async function openApp(options: AppOptions): Promise<App> {
  const ledger = await Ledger.open(options.dbPath);
  const events = new EventBus();
  const app: App = {
    ledger,
    events,
    handlers: undefined as unknown as Handlers,
    info: async () => ({
      version: pkg.version,
      dbPath: ledger.file,
      treasury: options.treasury,
      schemaVersion: await ledger.schemaVersion(),
    }),
    close: () => ledger.close(),
  };
  (app as { handlers: Handlers }).handlers = createHandlers(app);
  return app;
}
