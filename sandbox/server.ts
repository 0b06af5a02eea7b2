// The sandbox treasury: a plain node:http server on 127.0.0.1 speaking the JIT-FS protocol
// (real encryption, its own RSA key pair), driven by a scenario and its own clock.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVICES, type Service } from '../shared/status';
import type { PiParams } from '../main/jit/services/pi';
import { admin, heldBills, type HeldBill } from './admin';
import { createClock, type SandboxClock } from './clock';
import type { SandboxContext, SandboxStats } from './context';
import { login, serviceCall } from './endpoints';
import { Faults, type FaultKind, type FaultOptions, type FaultTarget } from './faults';
import { readBody, sendJson } from './http';
import { treasuryKeys } from './keys';
import {
  loadScenario,
  parseAllotment,
  parseScenario,
  type Scenario,
  type ScenarioAllotmentInput,
  type ScenarioInput,
} from './scenario';
import { Sessions } from './sessions';
import { SandboxTreasury } from './treasury';

export const BASE_PATH = '/webservices/jitfs/v1.0';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default: the demo scenario in scenarios/default.json. */
  scenario?: ScenarioInput;
  /** Start of the sandbox clock (default: now). Given a start, the clock is frozen unless `ticking`. */
  now?: number;
  /** Whether the clock follows real time (default: true when `now` is not given). */
  ticking?: boolean;
  /** Load this RSA private key instead of generating one. */
  privateKeyPem?: string;
  clientId?: string;
  clientSecret?: string;
  /** How long the `timeout` fault holds a request (default 35 s, past the client's 30 s). */
  timeoutHoldMs?: number;
  /** Keep accepted PIs in this file and replay them at start (the embedded sandbox). */
  journalFile?: string;
}

export interface Sandbox {
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string; publicKeyPem: string };
  scenario: Scenario;
  clock: SandboxClock;
  faults: {
    inject(service: FaultTarget, fault: FaultKind, opts?: FaultOptions): void;
    clear(service?: FaultTarget): void;
  };
  /** Preload accepted PIs (as pushed with service PI), accepted at `acceptedAt` (default: now). */
  seedBills(bills: Array<PiParams | Record<string, unknown>>, opts?: { acceptedAt?: number }): void;
  /** Funds that arrive from now on: more VA rows, as in the scenario's `allotments`. */
  addAllotments(rows: ScenarioAllotmentInput[]): void;
  stats(): SandboxStats;
  /** The bills the treasury holds (accepted PIs and revised PIs), oldest first. */
  bills(): HeldBill[];
  /** Forget every session: the next call gets "No valid session encryption key". */
  expireSessions(): void;
  close(): Promise<void>;
}

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const scenario = opts.scenario ? parseScenario(opts.scenario) : loadScenario();
  const start = opts.now ?? Date.now();
  const clock = createClock(start, opts.ticking ?? opts.now === undefined);
  const now = () => clock.now();
  const ctx: SandboxContext = {
    scenario,
    keys: treasuryKeys(opts.privateKeyPem),
    clock,
    sessions: new Sessions(now, scenario.sessionTtlMs),
    faults: new Faults(),
    treasury: new SandboxTreasury(scenario, now, start, opts.journalFile),
    stats: {
      logins: 0,
      calls: Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<Service, number>,
      sessionErrors: 0,
    },
    clientId: opts.clientId ?? 'mukta-sandbox',
    clientSecret: opts.clientSecret ?? crypto.randomBytes(18).toString('base64url'),
    lastAnswers: new Map(),
    timeoutHoldMs: opts.timeoutHoldMs ?? 35_000,
    held: new Set(),
    lost: new Set(),
  };

  const server = http.createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: (err as Error).message });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    credentials: {
      clientId: ctx.clientId,
      clientSecret: ctx.clientSecret,
      publicKeyPem: ctx.keys.publicKeyPem,
    },
    scenario,
    clock,
    faults: {
      inject: (service, fault, o) => ctx.faults.inject(service, fault, o),
      clear: (service) => ctx.faults.clear(service),
    },
    seedBills: (bills, o) =>
      ctx.treasury.seed(bills as Record<string, unknown>[], o?.acceptedAt ?? clock.now()),
    addAllotments: (rows) => scenario.allotments.push(...rows.map(parseAllotment)),
    stats: () => structuredClone(ctx.stats),
    bills: () => heldBills(ctx),
    expireSessions: () => ctx.sessions.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of ctx.held) clearTimeout(t);
        ctx.held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  ctx: SandboxContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/sandbox/')) return admin(ctx, method, url, body, res);
  if (method === 'POST' && url.pathname === `${BASE_PATH}/authenticate`)
    return login(ctx, req, res, body);
  if (method === 'POST' && url.pathname === `${BASE_PATH}/get-jit-service-data`)
    return serviceCall(ctx, req, res, body);
  sendJson(res, 404, { errorMsg: `No such endpoint ${method} ${url.pathname}` });
}
