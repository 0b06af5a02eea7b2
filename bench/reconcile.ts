// Reconcile N PIs × B beneficiaries through PAG, PD and FD against the sandbox on loopback,
// beside the floors of the same work: the HTTP round trips alone, and the ledger updates
// alone (the same answers replayed with no network). Prints figures; asserts nothing.
//   npm run bench -- [--pis 10000] [--benfs 20] [--concurrency 4]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../main/app';
import { JitClient } from '../main/jit/client';
import type { CallResult, Treasury } from '../main/jit/types';
import { insertPi } from '../main/core/pi/pi-store';
import { eachLimited } from '../main/core/reconcile/lock';
import { createSandbox } from '../sandbox/server';
import type { Service } from '../shared/status';
import { parseArgs, flag } from '../main/cli/args';
import { samplePi } from '../test/support/samples';
import { INSTANT, piParams, T0 } from '../test/support/world';

const args = parseArgs(process.argv.slice(2));
const N = Number(flag(args, 'pis') ?? 10_000);
const B = Number(flag(args, 'benfs') ?? 20);
const CONCURRENCY = Number(flag(args, 'concurrency') ?? 4);
const SERVICES: Service[] = ['PAG', 'PD', 'FD'];

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const secs = (ms: number) => (ms / 1000).toFixed(1);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

function openConsole(dbPath: string, treasury: Treasury): Promise<App> {
  return openApp({
    dbPath,
    treasury,
    treasuryInfo: { kind: 'sandbox', baseUrl: 'bench' },
    now: () => T0,
    engine: { concurrency: CONCURRENCY },
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jit-bench-'));
  console.log(
    `Reconciling ${N} PIs × ${B} beneficiaries (${N * B} rows) through ${SERVICES.join(', ')}; concurrency ${CONCURRENCY}`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, node ${process.version}\n`,
  );

  const sandbox = await createSandbox({
    port: 0,
    now: T0,
    scenario: { delays: INSTANT, fail: { every: 50 } },
  });
  const client = () =>
    new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
      now: () => T0,
    });
  const pis = Array.from({ length: N }, (_, i) =>
    samplePi(`PI-1013/2023-24/${String(i + 1).padStart(6, '0')}`, B),
  );
  sandbox.seedBills(pis.map(piParams));

  // Setup (not timed): the PIs exist and PIS has approved them.
  const db = path.join(dir, 'ledger.db');
  const setupClient = client();
  const app = await openConsole(db, setupClient);
  await app.ledger.write(async (tx) => {
    for (const pi of pis) await insertPi(tx, pi, T0);
  });
  await app.engine.run('PIS', { trigger: 'manual' });
  // The same starting ledger for the ledger-only floor.
  const replayDb = path.join(dir, 'replay.db');
  await app.ledger.read.run('VACUUM INTO ?', [replayDb]);
  peakRss = 0;

  // 1. The engine, end to end.
  const engine: Record<string, number> = {};
  for (const s of SERVICES) {
    const [summary, ms] = await timed(() => app.engine.run(s, { trigger: 'manual' }));
    if (summary.outcomes.OK !== N)
      throw new Error(`${s}: expected ${N} answers, got ${JSON.stringify(summary.outcomes)}`);
    engine[s] = ms;
  }
  const engineMs = SERVICES.reduce((a, s) => a + engine[s]!, 0);
  const engineRss = peakRss;

  // The answers the engine got, to replay for the floors.
  const calls = await app.ledger.read.all<{
    service: Service;
    request_json: string;
    response_json: string;
    pi_id: number;
  }>(
    `SELECT service, request_json, response_json, pi_id FROM treasury_calls WHERE service IN ('PAG', 'PD', 'FD') ORDER BY id`,
  );
  const failed = (await app.ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM beneficiaries WHERE status = 'Payment Failed'`,
  ))!.n;
  await app.close();

  // 2. Floor: the same HTTP round trips alone (same client, concurrency, encryption).
  const http = client();
  const httpMs: Record<string, number> = {};
  for (const s of SERVICES) {
    const mine = calls
      .filter((c) => c.service === s)
      .map((c) => (JSON.parse(c.request_json) as { params: Record<string, unknown> }).params);
    httpMs[s] = (
      await timed(() => eachLimited(mine, CONCURRENCY, async (p) => void (await http.call(s, p))))
    )[1];
  }
  await http.close();

  // 3. Floor: the ledger updates alone: the engine over the same answers, replayed with no network.
  const answers = new Map<string, CallResult>();
  const real = client();
  for (const s of SERVICES) {
    const mine = calls.filter((c) => c.service === s);
    await eachLimited(mine, CONCURRENCY, async (c) => {
      const p = (JSON.parse(c.request_json) as { params: Record<string, unknown> }).params;
      answers.set(`${s}|${JSON.stringify(p)}`, await real.call(s, p));
    });
  }
  await real.close();
  const replay: Treasury = {
    call: async (s, p) => answers.get(`${s}|${JSON.stringify(p)}`)! as CallResult<never>,
  };
  const sqlApp = await openConsole(replayDb, replay);
  const sqlMs: Record<string, number> = {};
  for (const s of SERVICES)
    sqlMs[s] = (await timed(() => sqlApp.engine.run(s, { trigger: 'manual' })))[1];
  await sqlApp.close();
  await sandbox.close();
  clearInterval(sampler);

  const sum = (r: Record<string, number>) => SERVICES.reduce((a, s) => a + r[s]!, 0);
  const rows = N * B * SERVICES.length;
  console.log('service  engine    HTTP only  ledger only  engine / (HTTP + ledger)');
  for (const s of SERVICES) {
    console.log(
      `${s.padEnd(8)} ${secs(engine[s]!).padStart(6)} s  ${secs(httpMs[s]!).padStart(7)} s  ${secs(sqlMs[s]!).padStart(9)} s  ${(engine[s]! / (httpMs[s]! + sqlMs[s]!)).toFixed(2)}`,
    );
  }
  console.log(
    `${'total'.padEnd(8)} ${secs(engineMs).padStart(6)} s  ${secs(sum(httpMs)).padStart(7)} s  ${secs(sum(sqlMs)).padStart(9)} s  ${(engineMs / (sum(httpMs) + sum(sqlMs))).toFixed(2)}`,
  );
  console.log(
    `\nPIs/s (each PI through all three services): ${(N / (engineMs / 1000)).toFixed(0)}`,
  );
  console.log(`treasury calls/s: ${((N * SERVICES.length) / (engineMs / 1000)).toFixed(0)}`);
  console.log(
    `beneficiary rows/s: ${(rows / (engineMs / 1000)).toFixed(0)} (${rows} row visits; ${failed} failed by FD)`,
  );
  console.log(`peak RSS during the engine run: ${mb(engineRss)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
