// The ULB's set-up and the console's tunable settings: one zod schema each, used by the
// contract, the CLI, the setup-file import and the Settings page, so they validate alike.
import { z } from 'zod';

const code = (what: string, max = 64) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is at most ${max} characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, `${what} may hold only letters, digits and . _ / -`);

const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'a date is yyyy-MM-dd (India time)');

export const ulbSchema = z
  .object({
    tenantId: code('The tenant id'),
    /** Goes into every bill number: PI-<cityCode>/<year>/<seq>. */
    cityCode: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,12}$/, 'the city code is 1 to 12 capital letters or digits'),
    ddoCode: code('The DDO code'),
    granteeCode: code('The grantee code'),
    ssuIaId: code('The SSU ia id'),
  })
  .strict();
export type Ulb = z.infer<typeof ulbSchema>;

export const headSchema = z
  .object({
    hoa: code('The head of account'),
    /** Another DDO drawing on the same head; the ULB's own when left out. */
    ddoCode: code('The DDO code').optional(),
    effectiveDate: date,
    /** Lower is tried first when a payment names no head. */
    priority: z.number().int().min(0).max(999),
  })
  .strict();
export type HeadInput = z.infer<typeof headSchema>;

export const ulbSetupSchema = z
  .object({
    ulb: ulbSchema,
    heads: z
      .array(headSchema)
      .min(1, 'register at least one head of account')
      .max(200)
      .superRefine((heads, ctx) => {
        const seen = new Set<string>();
        heads.forEach((h, i) => {
          const key = `${h.hoa}|${h.ddoCode ?? ''}`;
          if (seen.has(key))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'hoa'],
              message: `head ${h.hoa} is listed twice for the same DDO`,
            });
          seen.add(key);
        });
      }),
  })
  .strict();
export type UlbSetup = z.infer<typeof ulbSetupSchema>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** https only, except plain http to this machine (a sandbox or a local tunnel). */
export function baseUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  if (url.protocol === 'http:')
    return 'the treasury must be reached over https:// (plain http:// only to this machine, 127.0.0.1)';
  return `the treasury URL must start with https://, not ${url.protocol}//`;
}

export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, 'the base URL is required')
  .max(500)
  .superRefine((v, ctx) => {
    const problem = baseUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const treasuryConnectionSchema = z
  .object({
    baseUrl: baseUrlSchema,
    clientId: z.string().trim().min(1, 'the client id is required').max(200),
    publicKeyFile: z.string().trim().min(1, 'the public key file is required').max(1000),
    /** Sent to main only; never sent back. Left out: keep the stored one. */
    secret: z.string().min(1).max(1000).optional(),
  })
  .strict();
export type TreasuryConnectionInput = z.infer<typeof treasuryConnectionSchema>;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:mm (India time)');

export const SCHEDULED_JOBS = ['VA', 'PI', 'PIS', 'PD', 'PAG', 'FTPS', 'FTFPS'] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

export const engineSettingsSchema = z
  .object({
    /** India time, HH:mm. PD is followed by FD. */
    schedule: z.object(
      Object.fromEntries(SCHEDULED_JOBS.map((j) => [j, time])) as Record<ScheduledJob, typeof time>,
    ),
    retryStartSeconds: z.number().int().min(5).max(3600),
    retryCapMinutes: z.number().int().min(1).max(720),
    /** How long FD and FTFPS keep watching a Completed PI for failed credits. */
    watchDays: z.number().int().min(1).max(365),
    concurrency: z.number().int().min(1).max(32),
  })
  .strict()
  .refine((s) => s.retryCapMinutes * 60 >= s.retryStartSeconds, {
    message: 'the longest wait between retries cannot be shorter than the first',
    path: ['retryCapMinutes'],
  });
export type EngineSettingsInput = z.infer<typeof engineSettingsSchema>;

/** jit-protocol.md §6, the retry rule of the seeds (1 minute doubling to 30), FD's 30 days. */
export const DEFAULT_SETTINGS: EngineSettingsInput = {
  schedule: {
    VA: '21:00',
    PI: '21:15',
    PIS: '21:30',
    PD: '22:00',
    PAG: '22:15',
    FTPS: '22:30',
    FTFPS: '22:45',
  },
  retryStartSeconds: 60,
  retryCapMinutes: 30,
  watchDays: 30,
  concurrency: 4,
};

/** A setup file (docs/setup-file.md): every part optional, each validated as in Settings. */
export const setupFileSchema = z
  .object({
    ulb: ulbSchema.optional(),
    heads: ulbSetupSchema.shape.heads.optional(),
    treasury: treasuryConnectionSchema.omit({ secret: true }).optional(),
    settings: engineSettingsSchema.optional(),
  })
  .strict()
  .refine((f) => !f.heads === !f.ulb, {
    message: 'ulb and heads go together: the heads of account belong to the ULB',
  });
export type SetupFile = z.infer<typeof setupFileSchema>;

/** What Settings shows; the secret itself never leaves main. */
export interface SettingsView {
  ulb: Ulb | null;
  heads: (Required<HeadInput> & { tenantId: string; inUse: boolean })[];
  treasury: {
    /** Where the connection comes from: this ledger's settings, the environment, or the demo sandbox. */
    source: 'settings' | 'environment' | 'sandbox';
    baseUrl: string;
    clientId: string | null;
    publicKeyFile: string | null;
    secretStored: boolean;
    /** Where a secret typed in Settings would be kept; null: this host cannot keep one. */
    secretStore: string | null;
  };
  settings: EngineSettingsInput;
  setup: SetupStatus;
}

export interface SetupStatus {
  complete: boolean;
  /** Plain words, one per missing item ("the DDO code", "a head of account"). */
  missing: string[];
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  durationMs: number;
}
