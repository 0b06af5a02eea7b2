// Review at scale: p50/p95 of what staff do on a large ledger, through the contract (the real
// handler map and dispatch, as the window and the browser host call it). Prints figures and
// the goals; asserts nothing.
//   npm run bench -- review [--pis 100000] [--benfs 20] [--runs 25] [--skip-check]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../main/app';
import { dispatch } from '../main/ipc/dispatch';
import type { Treasury } from '../main/jit/types';
import type { Channel, RequestOf } from '../shared/contract';
import { PI_STATUSES } from '../shared/status';
import { flag, type Args } from '../main/cli/args';
import { compiledChild, runChild } from './compiled';
import { cpuMs } from './usage';
import type { CheckJob, CheckReport } from './check-child';
import { buildReviewLedger, reviewLedgerPath } from './review-ledger';

const GOAL_MS = 50;
const CHECK_GOAL_MS = 5_000;
const CHECK_GOAL_MB = 300;

const treasury: Treasury = {
  call: () => Promise.reject(new Error('the review benchmark never calls the treasury')),
};

interface Sample {
  bill: string;
  payment: string;
  name: string;
  last4: string;
  utr: string;
  piId: number;
}

export async function reviewBench(args: Args): Promise<void> {
  const pis = Number(flag(args, 'pis') ?? 100_000);
  const benfs = Number(flag(args, 'benfs') ?? 20);
  const runs = Number(flag(args, 'runs') ?? 25);
  console.log(
    `Review at scale: ${pis.toLocaleString('en-IN')} PIs × ${benfs} beneficiaries; ${runs} runs per query (after 2 warm-ups)`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`,
  );
  const t0 = performance.now();
  const file = await buildReviewLedger(pis, benfs, console.log);
  console.log(`ledger: ${file} (${secs(performance.now() - t0)} to build or find)\n`);

  const opened = performance.now();
  const app = await openApp({
    dbPath: reviewLedgerPath(pis, benfs),
    treasury,
    treasuryInfo: { kind: 'sandbox', baseUrl: 'bench' },
  });
  console.log(`open (start-up checks included): ${secs(performance.now() - opened)}\n`);
  // A schema change migrates the cached ledger like any other, leaving a 2.5 GB backup of it.
  removeBackups(file);
  try {
    const samples = await pickSamples(app, runs + 2);
    const rows: Array<[string, number[]]> = [];
    const time = async (label: string, call: (s: Sample) => Promise<unknown>) => {
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < samples.length; i++) {
        const c = process.cpuUsage();
        const t = performance.now();
        await call(samples[i]!);
        if (i >= 2) {
          ms.push(performance.now() - t);
          cpu.push(cpuMs(process.cpuUsage(c)));
        }
      }
      rows.push([label, ms]);
      print(label, ms, cpu);
    };
    const via = <C extends Channel>(channel: C, request: RequestOf<C>) =>
      invoke(app, channel, request);

    console.log(`load average before the queries: ${loadAverage()}`);
    console.log(
      `${'query'.padEnd(44)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}  goal p95 ≤ ${GOAL_MS} ms   cpu p50 / p95`,
    );
    await time('PI list: first page (with the tab counts)', () => via('pi.list', {}));
    for (const status of PI_STATUSES)
      await time(`PI list: ${status} tab`, () => via('pi.list', { status }));
    const first = (await via('pi.list', { limit: 1 })) as { counts?: unknown };
    if (!first.counts) {
      // A console whose pages carry no counts asks for a page of one per tab.
      await time('tab counts (one call per tab)', () =>
        Promise.all(
          ['All', ...PI_STATUSES].map((s) =>
            via('pi.list', s === 'All' ? { limit: 1 } : { status: s as never, limit: 1 }),
          ),
        ),
      );
    }
    await time('search: bill number', (s) => via('pi.list', { search: s.bill }));
    await time('search: payment number', (s) => via('pi.list', { search: s.payment }));
    await time('search: beneficiary name', (s) => via('pi.list', { search: s.name }));
    await time('search: last 4 of an account', (s) => via('pi.list', { search: s.last4 }));
    await time('search: UTR', (s) => via('pi.list', { search: s.utr }));
    await time('Payments: first page', () => via('payments.list', {}));
    await time('Payments: search by beneficiary name', (s) =>
      via('payments.list', { search: s.name }),
    );
    await time('PI page', (s) => via('pi.get', { id: s.piId }));
    await time('call log: first page', () => via('calls.list', {}));
    await time('call log: one PI', (s) => via('calls.list', { piId: s.piId }));
    await time('SMS outbox: first page', () => via('sms.list', {}));
    await time('funds summary', () => via('funds.summary', {}));
    await time('Needs action: failed, first page (with totals)', () => via('worklist.failed', {}));
    await time('Needs action: PIs, first page (with total)', () => via('worklist.pis', {}));

    const over = rows.filter(([, ms]) => pct(ms, 95) > GOAL_MS).map(([l]) => l);
    console.log(
      over.length
        ? `\n${over.length} of ${rows.length} queries over ${GOAL_MS} ms at p95: ${over.join('; ')}`
        : `\nevery query above within ${GOAL_MS} ms at p95`,
    );
  } finally {
    await app.close();
  }
  if (!args.flags.has('skip-check')) await timeCheck(file);
}

async function invoke<C extends Channel>(app: App, channel: C, request: RequestOf<C>) {
  const res = await dispatch(app.handlers, channel, request);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.data;
}

/** Different rows each run, spread over the ledger, so no run is answered by the last one's cache. */
async function pickSamples(app: App, n: number): Promise<Sample[]> {
  const max = (await app.ledger.read.get<{ n: number }>('SELECT max(id) AS n FROM beneficiaries'))!
    .n;
  const out: Sample[] = [];
  for (let i = 0; out.length < n; i++) {
    const row = await app.ledger.read.get<Sample & { account: string }>(
      `SELECT p.bill_no AS bill, pay.payment_number AS payment, b.name, b.account_no AS account, b.utr_no AS utr, p.id AS piId
         FROM beneficiaries b JOIN pis p ON p.id = b.pi_id JOIN payments pay ON pay.id = p.payment_id
        WHERE b.id >= ? AND b.utr_no IS NOT NULL ORDER BY b.id LIMIT 1`,
      [1 + Math.floor((((i * 7919) % 1000) / 1000) * max)],
    );
    if (row) out.push({ ...row, last4: row.account.slice(-4) });
  }
  return out;
}

async function timeCheck(file: string): Promise<void> {
  // Verify ledger (check.run) is two parts, timed apart: the file check (quick_check of each
  // table, which reads every page of the file whatever the code: its time is the disk's and
  // the file's size) and the ledger rules computed in SQL, which the issue's goal is about.
  // Each runs in a compiled process of its own on the console's reader connection: this
  // process's RSS holds the build of the ledger and every query before.
  const script = compiledChild('check-child');
  const parts: Array<[string, CheckJob['part'], boolean]> = [
    ['ledger rules (checkLedger)', 'rules', true],
    ['file check (quick_check per table)', 'file', false],
  ];
  console.log('');
  for (const [label, part, goal] of parts) {
    const r = await runChild<CheckJob, CheckReport>(script, { file, part }, 'the check');
    const met = r.ms <= CHECK_GOAL_MS && r.peakRss <= CHECK_GOAL_MB * 2 ** 20;
    console.log(
      `${label}: ${secs(r.ms)} wall, ${secs(r.cpuMs)} CPU, ${r.found} found, peak RSS ${mb(r.peakRss)} (its process ${mb(r.baseRss)} before)  ${
        goal
          ? `goal ≤ ${CHECK_GOAL_MS / 1000} s, ≤ ${CHECK_GOAL_MB} MB: ${met ? 'met' : 'NOT met'}`
          : 'no goal: reads the whole file'
      }`,
    );
  }
  console.log(`load average at the end: ${loadAverage()}`);
}

function pct(ms: number[], p: number): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// cpu: the process's CPU time per call (SQLite's threads included), which a busy shared
// machine stretches less than the wall time.
function print(label: string, ms: number[], cpu: number[]) {
  const p95 = pct(ms, 95);
  console.log(
    `${label.padEnd(44)} ${pct(ms, 50).toFixed(1).padStart(6)} ms ${p95.toFixed(1).padStart(6)} ms  ${(p95 <= GOAL_MS ? 'ok' : 'OVER').padEnd(20)} ${pct(cpu, 50).toFixed(1).padStart(6)} / ${pct(cpu, 95).toFixed(1)} ms`,
  );
}

// A shared machine's wall times mean little without how busy it was.
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

function removeBackups(file: string): void {
  const dir = path.dirname(file);
  for (const name of fs.readdirSync(dir))
    if (name.startsWith(`${path.basename(file)}.v`) && name.endsWith('.bak'))
      fs.rmSync(path.join(dir, name), { force: true });
}
