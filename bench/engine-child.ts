// The engine in its own process for the reconcile benchmark, so its peak RSS is its own (not
// the benchmark's bills, nor the sandbox's). The parent sends what to run; the child answers
// with each service's time, its peak RSS and the time its ledger spent in write transactions.
// It runs compiled to JavaScript, as the console ships (bench/compiled.ts says why).
import { openApp } from '../main/app';
import { JitClient } from '../main/jit/client';
import { ReplayTreasury } from './replay-treasury';
import type { Service } from '../shared/status';
import { cpuMs, peakRss } from './usage';

export interface EngineJob {
  dbPath: string;
  services: Service[];
  concurrency: number;
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string; publicKeyPem: string };
  /** The treasury clock the run sees (epoch ms). */
  now: number;
  /** Answer every call from the answers recorded in this ledger, not over the network. */
  replayFrom?: string;
}

export interface EngineReport {
  ms: number[];
  peakRss: number;
  ledgerBusyMs: number;
  /** CPU time (user + system, every thread) the engine's runs took: load-proof, unlike wall time. */
  cpuMs: number;
  outcomes: Array<Record<string, number>>;
}

process.once('message', (job: EngineJob) => {
  void (async () => {
    const now = () => job.now;
    const app = await openApp({
      dbPath: job.dbPath,
      treasury: job.replayFrom
        ? await ReplayTreasury.from(job.replayFrom, job.services, now)
        : new JitClient({
            baseUrl: job.baseUrl,
            ...job.credentials,
            publicKey: job.credentials.publicKeyPem,
            now,
          }),
      treasuryInfo: { kind: 'sandbox', baseUrl: 'bench' },
      now,
      engine: { concurrency: job.concurrency },
    });
    const report: EngineReport = { ms: [], peakRss: 0, ledgerBusyMs: 0, cpuMs: 0, outcomes: [] };
    const cpu = process.cpuUsage();
    for (const s of job.services) {
      const t = performance.now();
      const summary = await app.engine.run(s, { trigger: 'manual' });
      report.ms.push(performance.now() - t);
      report.outcomes.push(summary.outcomes);
    }
    report.ledgerBusyMs = app.ledger.busyMs;
    report.cpuMs = cpuMs(process.cpuUsage(cpu));
    await app.close();
    report.peakRss = peakRss();
    process.send!(report, () => process.exit(0));
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
});
