import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The schedule is India time whatever the machine's zone: compute it in child processes
// started with other TZ settings, through both cron-parser and node-schedule's own timer.
const script = `
const { nextRun, lastDue, DEFAULT_JOBS } = require('./main/scheduler/schedule.ts');
const schedule = require('node-schedule');
const now = Date.parse('2026-11-22T10:00:00Z'); // 15:30 in India
const out = {};
for (const job of DEFAULT_JOBS) {
  out[job.name] = { next: new Date(nextRun(job.cron, now)).toISOString(), last: new Date(lastDue(job.cron, now)).toISOString() };
}
const h = schedule.scheduleJob({ rule: '15 22 * * *', tz: 'Asia/Kolkata' }, () => {});
out.nodeSchedulePag = new Date(h.nextInvocation().getTime()).toISOString();
h.cancel();
out.zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
console.log(JSON.stringify(out));
`;

function runIn(
  tz: string,
): Record<string, { next: string; last: string }> & { nodeSchedulePag: string; zone: string } {
  const root = path.resolve(__dirname, '../..');
  const text = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(text);
}

describe('nightly schedule in Asia/Kolkata', () => {
  for (const tz of ['UTC', 'America/New_York']) {
    it(`is right when the machine runs in ${tz}`, () => {
      const r = runIn(tz);
      expect(r.zone).toBe(tz);
      // 21:00 IST = 15:30 UTC; PAG 22:15 IST = 16:45 UTC; FTFPS 22:45 IST = 17:15 UTC.
      expect(r.VA).toEqual({ next: '2026-11-22T15:30:00.000Z', last: '2026-11-21T15:30:00.000Z' });
      expect(r.PAG!.next).toBe('2026-11-22T16:45:00.000Z');
      expect(r.PD!.next).toBe('2026-11-22T16:30:00.000Z');
      expect(r.FTFPS!.next).toBe('2026-11-22T17:15:00.000Z');
      expect(r.nodeSchedulePag).toMatch(/T16:45:00\.000Z$/);
    });
  }
});
