// The scenario: who gets approved, paid, failed or declined, when, and what funds exist.
// A JSON file (see README.md) parsed here; everything it leaves out takes a default.
import fs from 'node:fs';
import { z } from 'zod';
import defaultScenario from './scenarios/default.json';

const MINUTE = 60_000;

const allotment = z.object({
  hoa: z.string(),
  ddoCode: z.string(),
  granteCode: z.string(),
  schemeCode: z.string(),
  schemeName: z.string().default(''),
  granteeName: z.string().default(''),
  ssuId: z.string(),
  ssuOffice: z.string().default(''),
  /** Either a fixed treasury date-time, or milliseconds after the sandbox started. */
  allotmentDate: z.string().optional(),
  afterStartMs: z.number().nonnegative().optional(),
  allotmentTxnSlNo: z.string(),
  allotmentAmount: z.union([z.string(), z.number()]),
  availableBalance: z.union([z.string(), z.number()]).optional(),
  allotmentTxnType: z.string().default('Initial Allotment'),
  mstAllotmentDistId: z.string(),
  ssuAllotmentId: z.string(),
});

export const scenarioSchema = z.object({
  name: z.string().default('unnamed'),
  seed: z.number().int().default(1),
  ssuName: z.string().default('angul_op'),
  /** Sessions older than this (sandbox clock) get "No valid session encryption key". */
  sessionTtlMs: z
    .number()
    .positive()
    .default(60 * MINUTE),
  delays: z
    .object({
      approveAfterMs: z
        .number()
        .nonnegative()
        .default(30 * MINUTE),
      adviceAfterMs: z
        .number()
        .nonnegative()
        .default(60 * MINUTE),
      paidAfterMs: z
        .number()
        .nonnegative()
        .default(120 * MINUTE),
      failedAfterMs: z
        .number()
        .nonnegative()
        .default(24 * 60 * MINUTE),
    })
    .prefault({}),
  decline: z
    .object({
      /** Bills whose number matches this regular expression are declined by the SSU. */
      billNoPattern: z.string().optional(),
      /** Or one bill in `every`, picked by the seed. */
      every: z.number().int().positive().optional(),
    })
    .prefault({}),
  fail: z
    .object({
      /** Accounts ending in one of these fail (a corrected account that still does fails again). */
      accountSuffixes: z.array(z.string()).default([]),
      /** Or one account in `every`, picked by the seed. */
      every: z.number().int().positive().optional(),
      reason: z.string().default('Account closed or transferred'),
    })
    .prefault({}),
  holdBack: z
    .object({
      /** One beneficiary in `every` (picked by the seed) is paid `extraMs` later than the rest. */
      every: z.number().int().positive().optional(),
      extraMs: z
        .number()
        .nonnegative()
        .default(24 * 60 * MINUTE),
    })
    .prefault({}),
  allotments: z.array(allotment).default([]),
  /**
   * How an identical re-push of a bill it holds is answered: the first answer again, the
   * refusal some treasuries give ("Bill Number X already exists"), or a treasury whose
   * repeat answers differ: refusals in these wordings in turn (`{billNo}` is the bill; a
   * string is an errorMsg, `{errorCode, errorMsg}` an errorMsgs entry).
   */
  repeatPush: z
    .union([
      z.enum(['sameAnswer', 'alreadyExists']),
      z.object({
        refusals: z
          .array(
            z.union([
              z.string(),
              z.object({ errorCode: z.string(), errorMsg: z.string().default('') }),
            ]),
          )
          .min(1),
      }),
    ])
    .default('sameAnswer'),
  /**
   * The first answer to a push of these services is lost after the treasury processed it
   * (for one bill in `every`, by seed): the socket is held then dropped (`timeout`) or the
   * body does not decrypt (`garbage`).
   */
  lostAnswers: z
    .object({
      services: z.array(z.enum(['PI', 'COR'])).default([]),
      kind: z.enum(['timeout', 'garbage']).default('garbage'),
      every: z.number().int().positive().default(1),
    })
    .prefault({}),
  /**
   * `reference`: answer in the real treasury's shapes (../shared/reference-samples): one batch
   * UTR per bill, PAG amounts without decimals, FD with one item per bill that failed (several
   * bills at once), FD/FTFPS `data: []` when nothing failed, padded failure reasons, FTPS/FTFPS
   * without billNumber/billDate and FTFPS's serviceId as " FTFPS". `spec` (default): the tidy
   * shapes of jit-protocol.md §3.
   */
  shape: z.enum(['spec', 'reference']).default('spec'),
  /** FD/FTFPS name failed beneficiaries only by account and IFSC (older real answers). */
  failedWithoutBenfId: z.boolean().default(false),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioAllotment = Scenario['allotments'][number];
export type ScenarioAllotmentInput = z.input<typeof allotment>;

export function parseAllotment(input: ScenarioAllotmentInput): ScenarioAllotment {
  return allotment.parse(input);
}

export function parseScenario(input: unknown): Scenario {
  return scenarioSchema.parse(input ?? {});
}

/** A scenario file, or the default demo (scenarios/default.json, bundled with the build). */
export function loadScenario(file?: string): Scenario {
  return parseScenario(file ? JSON.parse(fs.readFileSync(file, 'utf8')) : defaultScenario);
}
