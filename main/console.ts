// Opening the console the way a user starts it (window, browser host, CLI): the ledger from
// --db / JIT_CONSOLE_DB, the treasury from the environment, Settings or the embedded sandbox,
// and on a first run against the sandbox, its demo ULB so VA has something to ask.
import path from 'node:path';
import { openApp, type App } from './app';
import { flagValue, ledgerPath } from './config';
import { connectTreasury } from './treasury-setup';
import type { AllotmentSource } from './core/funds/seed';
import { saveUlbSetup } from './core/settings/ulb';
import type { SecretSealer } from './core/settings/secret';
import { Scheduler } from './scheduler/scheduler';
import { gatewayFromEnv } from './notify/from-env';
import { outcomeMessage } from '../shared/status';
import type { Treasury } from './jit/types';
import type { CheckProgress } from './ledger/integrity';

export interface ConsoleOptions {
  /** The window's safeStorage, for a treasury secret typed in Settings. */
  sealer?: SecretSealer | null;
  /** On the embedded sandbox's first run, register its demo ULB (default true). */
  demo?: boolean;
}

export async function openConsole(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  options: ConsoleOptions = {},
): Promise<App> {
  const dbPath = ledgerPath(argv, env);
  // The ledger first: a connection saved in Settings lives in it.
  const app = await openApp({
    dbPath,
    treasury: notConnected,
    treasuryInfo: { kind: 'remote', baseUrl: '' },
    sealer: options.sealer ?? null,
    env,
    onCheck: slowCheckLog(),
  });
  try {
    const t = await connectTreasury(argv, env, {
      db: app.ledger.read,
      sealer: options.sealer,
      dataDir: path.dirname(dbPath),
    });
    await app.link.use(t.treasury, t.info, t.source, t.problem ?? null);
    const heads = await app.ledger.read.get<{ n: number }>(
      'SELECT count(*) AS n FROM heads_of_account',
    );
    if (options.demo !== false && t.demoAllotments?.length && !heads?.n)
      await seedDemoUlb(app, t.demoAllotments);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}

/**
 * The start-up check reads the whole ledger file: on a large one that takes a while, so past
 * a few seconds each table it reaches is told on stderr (the window opens once it is done).
 */
function slowCheckLog(): (p: CheckProgress) => void {
  const started = Date.now();
  return (p) => {
    if (p.table === null || Date.now() - started < 3_000) return;
    process.stderr.write(
      `Checking the ledger file: ${p.table} (table ${p.done + 1} of ${p.total})\n`,
    );
  };
}

const notConnected: Treasury = {
  async call(service, params) {
    return {
      service,
      outcome: 'NO_RESPONSE',
      message: outcomeMessage(service, 'NO_RESPONSE'),
      request: { serviceId: service, params },
      response: null,
      httpStatus: null,
      startedAt: Date.now(),
      durationMs: 0,
      errorDetail: 'the console is still connecting to its treasury',
    };
  },
};

/** The sandbox's first ULB (Angul, DDO1013) with its heads: the demo works at once. */
async function seedDemoUlb(app: App, sources: AllotmentSource[]): Promise<void> {
  const first = sources[0]!;
  const own = sources.filter((s) => s.ddoCode === first.ddoCode);
  await saveUlbSetup(app, {
    ulb: {
      tenantId: 'od.angul',
      // Bill numbers carry the ULB's code: the digits of its DDO code (DDO1013 → 1013).
      cityCode: first.ddoCode.replace(/\D/g, '') || 'ANGUL',
      ddoCode: first.ddoCode,
      granteeCode: first.granteCode,
      ssuIaId: first.ssuId,
    },
    heads: [...new Set(own.map((s) => s.hoa))].map((hoa, i) => ({
      hoa,
      effectiveDate: '2023-04-01',
      priority: i + 1,
    })),
  });
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
