// The settings' rules, as the Settings page, the CLI and a setup file all apply them.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  baseUrlProblem,
  engineSettingsSchema,
  setupFileSchema,
  ulbSetupSchema,
} from '../../shared/settings';
import { jobsFromSettings, DEFAULT_JOBS } from '../../main/scheduler/schedule';

describe('settings rules', () => {
  it('refuses plain http:// except to this machine', () => {
    expect(baseUrlProblem('https://jit.treasury.example/api')).toBeNull();
    expect(baseUrlProblem('http://127.0.0.1:8700')).toBeNull();
    expect(baseUrlProblem('http://localhost:8700')).toBeNull();
    expect(baseUrlProblem('http://[::1]:8700')).toBeNull();
    expect(baseUrlProblem('http://jit.treasury.example')).toMatch(/https:\/\//);
    expect(baseUrlProblem('http://127.0.0.1.evil.example')).toMatch(/https:\/\//);
    expect(baseUrlProblem('ftp://jit.treasury.example')).toMatch(/must start with https/);
    expect(baseUrlProblem('not a url')).toMatch(/not a URL/);
  });

  it('defaults are the spec timetable, and the scheduler builds the same jobs from them', () => {
    expect(jobsFromSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_JOBS);
    const later = jobsFromSettings({
      ...DEFAULT_SETTINGS,
      schedule: { ...DEFAULT_SETTINGS.schedule, PD: '23:05' },
    });
    expect(later.find((j) => j.name === 'PD')).toEqual({
      name: 'PD',
      cron: '5 23 * * *',
      services: ['PD', 'FD'],
    });
  });

  it('refuses bad times, a retry cap below its start, and out-of-range numbers', () => {
    const bad = engineSettingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      schedule: { ...DEFAULT_SETTINGS.schedule, VA: '24:00' },
      retryStartSeconds: 600,
      retryCapMinutes: 5,
      watchDays: 0,
      concurrency: 100,
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'concurrency',
      'retryCapMinutes',
      'schedule.VA',
      'watchDays',
    ]);
    const cap = engineSettingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      retryStartSeconds: 600,
      retryCapMinutes: 5,
    });
    expect(cap.error!.issues).toEqual([expect.objectContaining({ path: ['retryCapMinutes'] })]);
  });

  it('a ULB needs its codes and at least one head, each head once per DDO', () => {
    const ulb = {
      tenantId: 'od.cuttack',
      cityCode: '2011',
      ddoCode: 'DDO2011',
      granteeCode: 'GR2011',
      ssuIaId: 'SSU-CTC',
    };
    expect(ulbSetupSchema.safeParse({ ulb, heads: [] }).success).toBe(false);
    const head = { hoa: '2217-05-191', effectiveDate: '2024-04-01', priority: 1 };
    expect(
      ulbSetupSchema.safeParse({ ulb, heads: [head, head] }).error!.issues[0]!.message,
    ).toMatch(/listed twice/);
    expect(
      ulbSetupSchema.safeParse({ ulb, heads: [head, { ...head, ddoCode: 'DDO2012' }] }).success,
    ).toBe(true);
    expect(
      ulbSetupSchema.safeParse({ ulb: { ...ulb, cityCode: 'ct 1' }, heads: [head] }).success,
    ).toBe(false);
    expect(setupFileSchema.safeParse({ heads: [head] }).success).toBe(false);
    expect(setupFileSchema.safeParse({ settings: DEFAULT_SETTINGS }).success).toBe(true);
  });
});
