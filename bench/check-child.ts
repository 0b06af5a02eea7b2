// One part of Verify ledger in a process of its own for the review benchmark, so the peak RSS
// printed is the check's, not the benchmark's (which may just have built the 2.5 GB ledger in
// memory-hungry batches, and has run every review query). The parent sends the file and the
// part; the child opens the console's reader connection on it, runs the part once and answers.
import { openReader } from '../main/ledger/ledger';
import { checkLedger } from '../main/core/funds/check';
import { quickCheck } from '../main/ledger/integrity';
import { cpuMs, peakRss } from './usage';

export interface CheckJob {
  file: string;
  part: 'rules' | 'file';
}

export interface CheckReport {
  ms: number;
  cpuMs: number;
  found: number;
  /** The process's peak RSS once the connection was open, before the check. */
  baseRss: number;
  /** The kernel's peak for the whole process: no sampling timer, no peak missed. */
  peakRss: number;
}

process.once('message', (job: CheckJob) => {
  void (async () => {
    const db = await openReader(job.file);
    const baseRss = peakRss();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const found = job.part === 'rules' ? await checkLedger(db) : await quickCheck(db);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    await db.close();
    const report: CheckReport = {
      ms,
      cpuMs: cpuMs(used),
      found: found.length,
      baseRss,
      peakRss: peakRss(),
    };
    process.send!(report, () => process.exit(0));
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
});
