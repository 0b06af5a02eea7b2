// The composition root: everything the Electron shell, the browser host and the CLI share.
import type { CheckProgress } from './ledger/integrity';
import { EventBus } from './core/events';
import { closeInterrupted } from './core/pi/history';
import { keepInterruptedCors } from './core/pi/cor-apply';
import { Engine, DEFAULT_ENGINE, type EngineSettings } from './core/reconcile/engine';
import { allPollers } from './core/reconcile/pollers';
import { Ledger } from './ledger/ledger';
import type { AppContext } from './core/context';
import { createHandlers, type Handlers } from './ipc/handlers';
import type { Treasury } from './jit/types';
import type { AppInfo, SavedPdf } from '../shared/types';
import pkg from '../package.json';
import { ExchangeService, type ExchangeOptions } from './exchange/service';
import { mountLoanRoutes } from './exchange/loans-route';
import { watchUtrs } from './core/loans/recheck';
import { TreasuryLink, type TreasurySource } from './core/settings/link';
import type { SecretSealer } from './core/settings/secret';
import { readEngineSettings } from './core/settings/store';
import type { SaveFile } from './ipc/export-handlers';

export interface PdfWriter {
  /** Ask where to save (suggesting `fileName`), then write the page's print layout there. */
  save(fileName: string): Promise<SavedPdf>;
}

export interface AppOptions {
  dbPath: string;
  treasury: Treasury;
  treasuryInfo: AppInfo['treasury'];
  /** Where the treasury comes from (Settings shows it); 'sandbox' unless told. */
  treasurySource?: TreasurySource;
  /** Why the treasury cannot be called yet (no secret on this host). */
  treasuryProblem?: string | null;
  /** Seals a treasury secret typed in Settings: Electron safeStorage in the window. */
  sealer?: SecretSealer | null;
  /** Where the CLI, `serve` and the browser host find the secret. */
  env?: NodeJS.ProcessEnv;
  /** Where the start-up integrity check of the ledger file is (it reads the whole file). */
  onCheck?: (p: CheckProgress) => void;
  /** The clock; tests and the sandbox move it. */
  now?: () => number;
  /** Fixed engine settings (tests); without them the ledger's saved settings apply. */
  engine?: Partial<EngineSettings>;
  exchange?: ExchangeOptions;
}

/** The core's context (core/context.ts) plus what the hosts need: handlers, info, close. */
export interface App extends AppContext {
  readonly handlers: Handlers;
  /** The program-service exchange: not started until a host starts it. */
  readonly exchange: ExchangeService;
  /** Writes the window's page as a PDF: set by the desktop window, null in other hosts. */
  pdfWriter: PdfWriter | null;
  info(): Promise<AppInfo>;
  close(): Promise<void>;
  /** The window's save dialog for exports; null where the page saves files itself. */
  saveFile: SaveFile | null;
}

export async function openApp(options: AppOptions): Promise<App> {
  const ledger = await Ledger.open(options.dbPath, { onCheck: options.onCheck });
  const now = options.now ?? Date.now;
  await ledger.write(async (tx) => {
    await tx.run(`INSERT OR IGNORE INTO settings (key, value) VALUES ('created_at', ?)`, [
      String(now()),
    ]);
    // A previous run that died mid-way: a revision whose call was in flight may be at the
    // treasury, so it is kept under its number; then close open call rows and runs.
    await keepInterruptedCors(tx, now());
    await closeInterrupted(tx, now());
  });
  const link = new TreasuryLink(
    options.treasury,
    options.treasuryInfo,
    options.treasurySource ?? 'sandbox',
    options.treasuryProblem ?? null,
    options.sealer ?? null,
    options.env ?? {},
  );
  const app = {
    ledger,
    saveFile: null,
    events: new EventBus(),
    treasury: link,
    link,
    now,
    pdfWriter: null,
    info: async () => ({
      version: pkg.version,
      dbPath: ledger.file,
      treasury: link.info,
      schemaVersion: await ledger.schemaVersion(),
    }),
    close: async () => {
      app.engine.stop();
      await utrWatch.stop();
      await app.exchange.stop();
      await ledger.close();
      await link.close();
    },
  } as unknown as App;
  const engine = new Engine(app, allPollers(), { ...DEFAULT_ENGINE, ...options.engine });
  if (!options.engine) engine.configure(await readEngineSettings(ledger.read));
  Object.assign(app, {
    engine,
    exchange: new ExchangeService(app, options.exchange),
    handlers: createHandlers(app),
  });
  mountLoanRoutes(app, app.exchange);
  const utrWatch = watchUtrs(app);
  return app;
}
