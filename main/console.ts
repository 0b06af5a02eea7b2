// Opening the console the way a user starts it (window or browser host): the ledger from
// --db / JIT_CONSOLE_DB, the treasury from the environment or the embedded sandbox, and on
// a first run against the sandbox, its demo heads of account so VA has something to ask.
import path from 'node:path';
import { openApp, type App } from './app';
import { flagValue, ledgerPath } from './config';
import { connectTreasury } from './treasury-setup';
import { seedHeadsOfAccount } from './core/funds/seed';
import { Scheduler } from './scheduler/scheduler';
import { gatewayFromEnv } from './notify/from-env';

export async function openConsole(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<App> {
  const dbPath = ledgerPath(argv, env);
  const { treasury, info, demoAllotments } = await connectTreasury(argv, env, path.dirname(dbPath));
  const app = await openApp({ dbPath, treasury, treasuryInfo: info }).catch(async (err) => {
    await treasury.close?.();
    throw err;
  });
  const heads = await app.ledger.read.get<{ n: number }>(
    'SELECT count(*) AS n FROM heads_of_account',
  );
  if (demoAllotments && !heads?.n) {
    await seedHeadsOfAccount(app.ledger, demoAllotments, {
      tenantId: 'od.angul',
      effectiveDate: '2023-04-01',
    });
  }
  return app;
}

/**
 * The nightly jobs and SMS delivery, as every host (window, browser host, `serve`) runs them.
 * Not started: hosts keep the object before starting it, so a quit during start-up stops it.
 */
export function consoleScheduler(app: App, env: NodeJS.ProcessEnv = process.env): Scheduler {
  return new Scheduler(app, {
    sms: { gateway: gatewayFromEnv(path.dirname(app.ledger.file), env) },
  });
}

/**
 * The exchange, as every host starts it: `--exchange-port N` (and `--exchange-host H`) starts
 * it on that address; otherwise it runs only when Settings switched it on. A port in use is
 * reported, not fatal: the rest of the console works without it.
 */
export async function startExchange(app: App, argv: readonly string[]): Promise<string | null> {
  const portFlag = flagValue(argv, 'exchange-port');
  const host = flagValue(argv, 'exchange-host');
  const port = portFlag === undefined ? undefined : Number(portFlag);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`--exchange-port must be a whole number from 0 to 65535, not ${portFlag}`);
  const status = await app.exchange.status();
  if (port === undefined && host === undefined && !status.enabled) return null;
  try {
    const started = await app.exchange.start({ port, host });
    return started.url;
  } catch (err) {
    console.error(`[exchange] ${(err as Error).message}`);
    return null;
  }
}
