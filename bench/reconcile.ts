// Reconcile N PIs × B beneficiaries through PAG, PD and FD, the engine in a process of its own
// and the sandbox in another (over loopback), beside two floors measured in the same run, interleaved and
// repeated: the same HTTP round trips alone (same client, encryption and concurrency, no
// ledger), and the same logical ledger changes written by plain set-based SQL on a copy of
// the same starting file. Prints min and median of each; asserts nothing.
//   npm run bench -- [--pis 10000] [--benfs 20] [--concurrency 4] [--repeat 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../main/app';
import { JitClient } from '../main/jit/client';
import type { Treasury } from '../main/jit/types';
import { insertPi } from '../main/core/pi/pi-store';
import { eachLimited } from '../main/core/reconcile/lock';
import { Conn } from '../main/ledger/conn';
import type { Service } from '../shared/status';
import { flag, type Args } from '../main/cli/args';
import { samplePi } from '../test/support/samples';
import { fork, type ChildProcess } from 'node:child_process';
import { compiledChild, runChild } from './compiled';
import { cpuMs } from './usage';
import type { EngineJob, EngineReport } from './engine-child';
import { piParams, T0 } from '../test/support/world';

type Step = 'PAG' | 'PD' | 'FD';
const SERVICES: Step[] = ['PAG', 'PD', 'FD'];

interface Treasurer {
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string; publicKeyPem: string };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

export async function reconcileBench(args: Args): Promise<void> {
  const N = Number(flag(args, 'pis') ?? 10_000);
  const B = Number(flag(args, 'benfs') ?? 20);
  const concurrency = Number(flag(args, 'concurrency') ?? 4);
  const repeat = Number(flag(args, 'repeat') ?? 3);
  const engineScript = compiledChild('engine-child');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jit-bench-'));
  console.log(
    `Reconciling ${N} PIs × ${B} beneficiaries through ${SERVICES.join(', ')}; concurrency ${concurrency}; ${repeat} interleaved rounds`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, node ${process.version}\n`,
  );

  const pis = Array.from({ length: N }, (_, i) =>
    samplePi(`PI-1013/2023-24/${String(i + 1).padStart(6, '0')}`, B),
  );
  const { child, treasurer } = await startSandbox(pis.map(piParams));
  const client = () =>
    new JitClient({
      baseUrl: treasurer.baseUrl,
      ...treasurer.credentials,
      publicKey: treasurer.credentials.publicKeyPem,
      now: () => T0,
    });
  const open = (dbPath: string, treasury: Treasury) =>
    openApp({
      dbPath,
      treasury,
      treasuryInfo: { kind: 'sandbox', baseUrl: 'bench' },
      now: () => T0,
      engine: { concurrency },
    });

  try {
    // Setup (not timed): the PIs exist and PIS has approved them. Every round starts from a copy.
    const start = path.join(dir, 'start.db');
    const setup = await open(path.join(dir, 'setup.db'), client());
    await setup.ledger.write(async (tx) => {
      for (const pi of pis) await insertPi(tx, pi, T0);
    });
    await setup.engine.run('PIS', { trigger: 'manual' });
    await setup.ledger.read.run('VACUUM INTO ?', [start]);
    await setup.close();

    const engine: Record<Step, number[]> = { PAG: [], PD: [], FD: [] };
    const http: Record<Step, number[]> = { PAG: [], PD: [], FD: [] };
    const ledger: number[] = [];
    const replay: number[] = [];
    const busy: number[] = [];
    const cpu = {
      engine: [] as number[],
      http: [] as number[],
      sandboxEngine: [] as number[],
      sandboxHttp: [] as number[],
      ledger: [] as number[],
    };
    let rss = 0;
    let rows = 0;
    let requests: Array<{ service: Service; params: Record<string, unknown> }> = [];
    for (let round = 1; round <= repeat; round++) {
      // 1. The engine, end to end, on its own copy, in its own process.
      const enginePath = path.join(dir, `engine-${round}.db`);
      fs.copyFileSync(start, enginePath);
      const sandboxAtStart = processCpuMs(child.pid);
      const report = await runEngine(engineScript, {
        dbPath: enginePath,
        services: SERVICES,
        concurrency,
        baseUrl: treasurer.baseUrl,
        credentials: treasurer.credentials,
        now: T0,
      });
      report.outcomes.forEach((o, i) => {
        if (o.OK !== N)
          throw new Error(`${SERVICES[i]}: expected ${N} answers, got ${JSON.stringify(o)}`);
      });
      SERVICES.forEach((s, i) => engine[s].push(report.ms[i]!));
      rss = Math.max(rss, report.peakRss);
      busy.push(report.ledgerBusyMs);
      cpu.engine.push(report.cpuMs);
      cpu.sandboxEngine.push(processCpuMs(child.pid) - sandboxAtStart);
      if (round === 1) {
        const app = await open(enginePath, client());
        requests = await requestsOf(app);
        await app.close();
      }

      // 2. Floor: the same HTTP round trips alone.
      const alone = client();
      const httpCpu = process.cpuUsage();
      const sandboxAtHttp = processCpuMs(child.pid);
      for (const s of SERVICES) {
        const mine = requests.filter((r) => r.service === s);
        http[s].push(
          (
            await timed(() =>
              eachLimited(mine, concurrency, async (r) => void (await alone.call(s, r.params))),
            )
          )[1],
        );
      }
      cpu.http.push(cpuMs(process.cpuUsage(httpCpu)));
      cpu.sandboxHttp.push(processCpuMs(child.pid) - sandboxAtHttp);
      await alone.close?.();

      // 3. Floor: the engine's changes, written set-based onto a copy of the same start.
      const floorPath = path.join(dir, `floor-${round}.db`);
      fs.copyFileSync(start, floorPath);
      const floorCpu = process.cpuUsage();
      const [written, ms] = await timed(() => writeSetBased(floorPath, enginePath));
      cpu.ledger.push(cpuMs(process.cpuUsage(floorCpu)));
      ledger.push(ms);
      rows = written;
      fs.rmSync(floorPath);

      // 4. The engine's ledger work alone: the engine again on a copy of the start, each call
      // answered at once with what this round's treasury answered (no network, no sandbox).
      const replayPath = path.join(dir, `replay-${round}.db`);
      fs.copyFileSync(start, replayPath);
      const replayed = await runEngine(engineScript, {
        dbPath: replayPath,
        services: SERVICES,
        concurrency,
        baseUrl: treasurer.baseUrl,
        credentials: treasurer.credentials,
        now: T0,
        replayFrom: enginePath,
      });
      replay.push(replayed.ms.reduce((a, b) => a + b, 0));
      fs.rmSync(replayPath);
      if (round > 1) fs.rmSync(enginePath);
      console.log(
        `round ${round}: engine ${secs(sum(engine, round - 1))}, HTTP ${secs(sum(http, round - 1))}, ledger ${secs(ms)}, engine's ledger work alone ${secs(replay.at(-1)!)}`,
      );
    }

    const total = (r: Record<Step, number[]>) => r.PAG.map((_, i) => sum(r, i));
    const line = (name: string, xs: number[]) =>
      `${name.padEnd(8)} ${secs(Math.min(...xs)).padStart(8)} ${secs(median(xs)).padStart(8)}`;
    console.log(`\n${'step'.padEnd(8)} ${'min'.padStart(8)} ${'median'.padStart(8)}   (engine)`);
    for (const s of SERVICES) console.log(line(s, engine[s]));
    console.log(line('total', total(engine)));
    console.log(
      `\n${'step'.padEnd(8)} ${'min'.padStart(8)} ${'median'.padStart(8)}   (HTTP alone)`,
    );
    for (const s of SERVICES) console.log(line(s, http[s]));
    console.log(line('total', total(http)));
    console.log(
      `\n${line('ledger', ledger)}   (the same changes by set-based SQL, all three services)`,
    );
    console.log(
      `${line('replay', replay)}   (the engine with every answer at once: its own ledger work, no network)`,
    );

    const e = median(total(engine));
    const h = median(total(http));
    const l = median(ledger);
    console.log(
      `\nrows written: ${rows.toLocaleString('en-IN')} (inserted or updated, not visited)`,
    );
    const perSec = (ms: number) => Math.round(rows / (ms / 1000));
    const b = median(busy);
    const r = median(replay);
    const share = (ms: number) => `${Math.round((100 * perSec(ms)) / perSec(l))}%`;
    console.log(
      `ledger work: the engine's alone ${perSec(r).toLocaleString('en-IN')} rows/s, ${share(r)} of the set-based floor's ${perSec(l).toLocaleString('en-IN')} rows/s (goal ≥ 50%)`,
    );
    console.log(
      `  during the real run: ${perSec(b).toLocaleString('en-IN')} rows/s inside its write transactions (${secs(b)}, ${share(b)} of the floor: each statement waits for a main thread and cores shared with the HTTP work); ${perSec(e).toLocaleString('en-IN')} rows/s end to end`,
    );
    console.log(
      `engine ÷ max(HTTP, ledger) = ${(e / Math.max(h, l)).toFixed(2)} (medians; goal ≤ 1.3); engine ÷ (HTTP + ledger) = ${(e / (h + l)).toFixed(2)}`,
    );
    console.log(
      `CPU (user + system, medians): engine ${secs(median(cpu.engine))}, the HTTP floor's client ${secs(median(cpu.http))}; engine ÷ HTTP client = ${(median(cpu.engine) / median(cpu.http)).toFixed(2)} (steadier than wall times on a loaded machine)`,
    );
    const cores = os.cpus().length;
    const [ec, hc, lc] = [median(cpu.engine), median(cpu.http), median(cpu.ledger)];
    const [se, sh] = [median(cpu.sandboxEngine), median(cpu.sandboxHttp)];
    console.log(
      `the sandbox's CPU: ${secs(se)} while the engine ran, ${secs(sh)} during the HTTP floor; the set-based ledger floor's: ${secs(lc)}`,
    );
    // On a machine whose cores are shared with the sandbox, wall time follows the CPU the cores
    // must give. The HTTP floor shows how busy this machine keeps its cores: at that packing,
    // the engine's ratio is its CPU ratio, and the floors' CPU says what any engine could reach.
    const floorWork = hc + sh;
    const predicted = (engineCpu: number, sandboxCpu = sh) => (engineCpu + sandboxCpu) / floorWork;
    console.log(
      `what ${cores} cores allow: the HTTP floor kept them ${Math.round((100 * floorWork) / (cores * h))}% busy (its client and the sandbox). At that packing the engine's CPU predicts engine ÷ HTTP = ${predicted(ec, se).toFixed(2)} (measured ${(e / h).toFixed(2)}); an engine whose ledger work cost only the set-based floor's CPU would reach ${predicted(hc + lc).toFixed(2)}, one at the ledger goal (half the floor's pace) ${predicted(hc + 2 * lc).toFixed(2)}. With both cores busy all the time, this engine could reach ${((ec + se) / cores / h).toFixed(2)}`,
    );
    console.log(
      `engine peak RSS (the engine's own process; the sandbox in another): ${mb(rss)} (goal ≤ 300 MB)`,
    );
  } finally {
    child.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time (user + system) a process has used so far, from Linux's /proc; NaN elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const sum = (r: Record<Step, number[]>, i: number) => SERVICES.reduce((a, s) => a + r[s][i]!, 0);

function startSandbox(
  bills: Array<Record<string, unknown>>,
): Promise<{ child: ChildProcess; treasurer: Treasurer }> {
  const child = fork(path.join(import.meta.dirname, 'sandbox-child.ts'), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (treasurer) => resolve({ child, treasurer: treasurer as Treasurer }));
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    child.send(bills);
  });
}

const runEngine = (script: string, job: EngineJob) =>
  runChild<EngineJob, EngineReport>(script, job, 'the engine');

async function requestsOf(app: App) {
  const rows = await app.ledger.read.all<{ service: Service; request_json: string }>(
    `SELECT service, request_json FROM treasury_calls WHERE service IN ('PAG', 'PD', 'FD') ORDER BY id`,
  );
  return rows.map((r) => ({
    service: r.service,
    params: (JSON.parse(r.request_json) as { params: Record<string, unknown> }).params,
  }));
}

/**
 * The floor: every row the engine inserted or changed, service by service, written to
 * `floorPath` (a copy of the start) by a handful of set-based statements per service, one
 * transaction each. What changed is read from the engine's file: the calls of a service, the
 * history rows they caused (which say what each PI and beneficiary became), their SMS.
 * Returns the rows written.
 */
async function writeSetBased(floorPath: string, enginePath: string): Promise<number> {
  const db = await Conn.open(floorPath);
  let rows = 0;
  const run = async (sql: string, params: unknown[] = []) =>
    (rows += (await db.run(sql, params)).changes);
  try {
    await db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
    );
    await db.run('ATTACH ? AS e', [enginePath]);
    const first = (await db.get<{ n: number }>(
      'SELECT coalesce(max(id), 0) AS n FROM main.treasury_calls',
    ))!.n;
    for (const service of SERVICES) {
      await db.exec('BEGIN IMMEDIATE');
      // What this service changed, gathered once (the engine's file has no index on call_id).
      await db.run(
        `CREATE TEMP TABLE calls AS SELECT * FROM e.treasury_calls WHERE id > ? AND service = ?`,
        [first, service],
      );
      await db.exec(`CREATE TEMP TABLE hist AS SELECT * FROM e.status_history WHERE call_id IN (SELECT id FROM temp.calls);
                     CREATE INDEX temp.hist_b ON hist (beneficiary_id);
                     CREATE INDEX temp.hist_c ON hist (call_id);`);
      await run(`INSERT INTO main.treasury_calls SELECT * FROM temp.calls`);
      if (service === 'PAG')
        await run(
          `INSERT INTO main.payment_advice SELECT * FROM e.payment_advice WHERE pi_id IN (SELECT pi_id FROM temp.calls)`,
        );
      await run(
        `UPDATE main.pis SET status = coalesce(h.to_status, pis.status), fin_year = x.fin_year, voucher_no = x.voucher_no,
                voucher_date = x.voucher_date, last_message = c.message, last_outcome = c.outcome, updated_at = c.started_at
           FROM temp.calls c JOIN e.pis x ON x.id = c.pi_id
           LEFT JOIN temp.hist h ON h.call_id = c.id AND h.beneficiary_id IS NULL
          WHERE pis.id = c.pi_id`,
      );
      await run(
        `UPDATE main.beneficiaries SET status = h.to_status, updated_at = h.at,
                utr_no = CASE WHEN ? = 'PAG' THEN beneficiaries.utr_no ELSE x.utr_no END,
                utr_date = CASE WHEN ? = 'PD' THEN x.utr_date ELSE beneficiaries.utr_date END,
                end_to_end_id = CASE WHEN ? = 'PD' THEN x.end_to_end_id ELSE beneficiaries.end_to_end_id END,
                voucher_no = CASE WHEN ? = 'PD' THEN x.voucher_no ELSE beneficiaries.voucher_no END,
                failed_reason = CASE WHEN ? = 'FD' THEN x.failed_reason ELSE beneficiaries.failed_reason END,
                challan_number = CASE WHEN ? = 'FD' THEN x.challan_number ELSE beneficiaries.challan_number END,
                org_bill_ref_no = CASE WHEN ? = 'FD' THEN x.org_bill_ref_no ELSE beneficiaries.org_bill_ref_no END
           FROM temp.hist h JOIN e.beneficiaries x ON x.id = h.beneficiary_id
          WHERE beneficiaries.id = h.beneficiary_id`,
        Array(7).fill(service),
      );
      await run(`INSERT INTO main.status_history SELECT * FROM temp.hist`);
      await run(
        `INSERT INTO main.sms_outbox SELECT * FROM e.sms_outbox WHERE call_id IN (SELECT id FROM temp.calls)`,
      );
      await db.exec('DROP TABLE temp.calls; DROP TABLE temp.hist; COMMIT');
    }
    return rows;
  } finally {
    await db.close();
  }
}
