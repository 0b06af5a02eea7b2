// The nightly timetable (jit-protocol.md §6), in India time whatever the machine's zone.
import parser from 'cron-parser';
import { TREASURY_ZONE } from '../../shared/time';
import type { Service } from '../../shared/status';
import type { EngineSettingsInput, ScheduledJob } from '../../shared/settings';

export interface JobDef {
  name: string;
  /** Cron in India time. */
  cron: string;
  /** Run one after another: "PD 22:00 then FD". */
  services: Service[];
}

export const DEFAULT_JOBS: JobDef[] = [
  { name: 'VA', cron: '0 21 * * *', services: ['VA'] },
  // Not in §6: PIs and revised PIs left Pending by a push without response are re-sent
  // before PIS asks about them.
  { name: 'PI', cron: '15 21 * * *', services: ['PI', 'COR'] },
  { name: 'PIS', cron: '30 21 * * *', services: ['PIS'] },
  { name: 'PD', cron: '0 22 * * *', services: ['PD', 'FD'] },
  { name: 'PAG', cron: '15 22 * * *', services: ['PAG'] },
  { name: 'FTPS', cron: '30 22 * * *', services: ['FTPS'] },
  { name: 'FTFPS', cron: '45 22 * * *', services: ['FTFPS'] },
];

/** The timetable from Settings (HH:mm, India time); same jobs and order as DEFAULT_JOBS. */
export function jobsFromSettings(s: EngineSettingsInput): JobDef[] {
  return DEFAULT_JOBS.map((job) => {
    const [hh, mm] = s.schedule[job.name as ScheduledJob].split(':').map(Number);
    return { ...job, cron: `${mm} ${hh} * * *` };
  });
}

export function nextRun(cron: string, after: number): number {
  return parser
    .parseExpression(cron, { currentDate: new Date(after), tz: TREASURY_ZONE })
    .next()
    .getTime();
}

/** The latest time the job was due at or before `now`. */
export function lastDue(cron: string, now: number): number {
  return parser
    .parseExpression(cron, { currentDate: new Date(now + 1), tz: TREASURY_ZONE })
    .prev()
    .getTime();
}

export function jobOf(service: Service, jobs: JobDef[] = DEFAULT_JOBS): JobDef | undefined {
  return jobs.find((j) => j.services.includes(service));
}
