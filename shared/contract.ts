// The one IPC contract: channel → request schema (checked at run time) → response type.
// Main, preload, the browser host and the renderer all take their types from here, so a
// renamed field fails the typecheck on both sides.
import { z } from 'zod';
import { PI_KINDS, PI_STATUSES, OUTCOMES, POLLED_SERVICES, SERVICES } from './status';
import type {
  AllotmentRow,
  AppInfo,
  CallDetail,
  CallRow,
  CheckProgress,
  CheckResult,
  CorEligibility,
  FundsRow,
  IfscCheck,
  ImportResult,
  JobProgress,
  JobRunRow,
  JobStatus,
  Page,
  PaymentRow,
  PiDetail,
  PiPage,
  PushResult,
  RefreshResult,
  ReissueResult,
  ReleaseResult,
  SavedPdf,
  SmsRow,
  ExchangeDisbursementRow,
  ExchangeMessageDetail,
  ExchangeMessageRow,
  ExchangePeer,
  ExchangeProgramRow,
  ExchangeSanctionRow,
  ExchangeStatus,
  WorklistFailedPage,
  WorklistPiRow,
} from './types';
import {
  REQUEST_STATUSES,
  type ApiTokenRow,
  type IssuedToken,
  type LoanImportResult,
  type LoanRow,
  type SaveAnswer,
  type ServiceRequestRow,
} from './loans';
import {
  engineSettingsSchema,
  treasuryConnectionSchema,
  ulbSetupSchema,
  type ConnectionTest,
  type SettingsView,
} from './settings';
import type { PushPreview } from './push-preview';
import type { Overview } from './overview';

interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type only. */
  response?: Res;
}

const channel =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });

const id = z.number().int().positive();
const noSpaces = (v: string) => v.replace(/\s+/g, '');
/** Failed beneficiaries of a PI, each with optional corrected bank details. */
const failedPicks = z
  .object({
    piId: id,
    beneficiaries: z
      .array(
        z
          .object({
            beneficiaryId: id,
            // Spaces are never part of an account number or IFSC (they come from copying a
            // passbook's grouping): dropped here, for every caller.
            correctedAccountNo: z.string().transform(noSpaces).optional(),
            correctedIfsc: z
              .string()
              .transform((v) => noSpaces(v).toUpperCase())
              .optional(),
          })
          .strict(),
      )
      .min(1, 'pick at least one failed beneficiary'),
  })
  .strict();

const paging = {
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
};

/**
 * A list's column sort. Only keys an index can serve are offered (each list names its own),
 * so a sorted page of a large ledger costs what the default order costs.
 */
const sortBy = <K extends readonly [string, ...string[]]>(keys: K) =>
  z
    .object({ key: z.enum(keys), dir: z.enum(['asc', 'desc']) })
    .strict()
    .optional();
export const SORT_KEYS = {
  'pi.list': ['id', 'billNo'],
  'calls.list': ['id', 'service'],
  'sms.list': ['id', 'status'],
} as const;

export const contract = {
  'app.info': channel<AppInfo>()(z.object({}).strict()),
  'pi.list': channel<PiPage>()(
    z
      .object({
        status: z.enum(PI_STATUSES).optional(),
        kind: z.enum(PI_KINDS).optional(),
        search: z.string().max(100).optional(),
        sort: sortBy(SORT_KEYS['pi.list']),
        ...paging,
      })
      .strict(),
  ),
  'pi.get': channel<PiDetail>()(z.object({ id }).strict()),
  'calls.list': channel<Page<CallRow>>()(
    z
      .object({
        piId: id.optional(),
        service: z.enum(SERVICES).optional(),
        outcome: z.enum(OUTCOMES).optional(),
        // Bill, payment or JIT PI id, or a beneficiary's name, account, UTR or mobile: the
        // calls of the PIs that match.
        search: z.string().max(100).optional(),
        sort: sortBy(SORT_KEYS['calls.list']),
        ...paging,
      })
      .strict(),
  ),
  'calls.get': channel<CallDetail>()(z.object({ id }).strict()),
  'sms.list': channel<Page<SmsRow>>()(
    z
      .object({
        status: z.enum(['queued', 'sent', 'failed']).optional(),
        // As the PI search: the beneficiary's name, id, account, UTR or mobile, or her PI.
        search: z.string().max(100).optional(),
        sort: sortBy(SORT_KEYS['sms.list']),
        ...paging,
      })
      .strict(),
  ),
  // Export: the CSV the page built, saved where the user picks (a save dialog in the window;
  // the browser host downloads it in the page instead and refuses this call).
  'export.save': channel<{ saved: boolean; path: string | null }>()(
    z
      .object({
        fileName: z
          .string()
          .min(1)
          .max(120)
          .regex(/^[\w .()-]+\.csv$/, 'a plain file name ending in .csv'),
        content: z.string().max(200_000_000, 'an export may be at most 200 MB'),
      })
      .strict(),
  ),

  // Treasury engine: a manual Refresh takes the nightly code path and lock.
  'pi.refresh': channel<RefreshResult>()(z.object({ id }).strict()),
  'jobs.list': channel<JobStatus[]>()(z.object({}).strict()),
  'jobs.runs': channel<Page<JobRunRow>>()(z.object({ ...paging }).strict()),
  'jobs.run': channel<{ started: string[] }>()(
    z.object({ service: z.union([z.enum(POLLED_SERVICES), z.literal('ALL')]) }).strict(),
  ),

  // Funds, payments to pay, PI push, revised PIs.
  'funds.summary': channel<FundsRow[]>()(z.object({}).strict()),
  'allotments.list': channel<Page<AllotmentRow>>()(
    z.object({ flaggedOnly: z.boolean().default(false), ...paging }).strict(),
  ),
  'payments.import': channel<ImportResult>()(
    z
      .object({
        fileName: z.string().min(1).max(260),
        content: z.string().max(20_000_000, 'an import file may be at most 20 MB'),
      })
      .strict(),
  ),
  'payments.list': channel<Page<PaymentRow>>()(
    z.object({ search: z.string().max(100).optional(), ...paging }).strict(),
  ),
  'pi.push': channel<PushResult>()(z.object({ paymentId: id }).strict()),
  'cor.check': channel<CorEligibility>()(z.object({ piId: id }).strict()),
  'cor.create': channel<PushResult>()(failedPicks),
  // Past the revised-PI window: the failed amount becomes a new payment to push.
  'pi.reissue': channel<ReissueResult>()(failedPicks),
  'check.run': channel<CheckResult>()(z.object({}).strict()),
  // Needs action, a page at a time: failed beneficiaries to pay again (by PI), and PIs held,
  // stuck or ended at the treasury.
  'worklist.failed': channel<WorklistFailedPage>()(z.object({ ...paging }).strict()),
  'worklist.pis': channel<Page<WorklistPiRow>>()(z.object({ ...paging }).strict()),
  // Overview: PI counts, funds per head, last runs, SMS and open failures in one answer.
  'overview.get': channel<Overview>()(z.object({}).strict()),
  // Payments page: what pushing the selected payments would take, per sanction and head.
  'funds.preview': channel<PushPreview>()(
    z.object({ paymentIds: z.array(id).min(1, 'select at least one payment').max(1000) }).strict(),
  ),
  // IFSCs checked against the RBI branch list shipped with the console (never looked up online).
  'ifsc.check': channel<IfscCheck[]>()(
    z.object({ codes: z.array(z.string().max(40)).min(1).max(200) }).strict(),
  ),

  // Loan payment requests (maker–checker): loans, the request queue, API tokens, users.
  ...loanChannels(),
  // Program-service exchange (iFIX): settings, peers, programs, funds, disbursements, messages.
  'exchange.status': channel<ExchangeStatus>()(z.object({}).strict()),
  'exchange.configure': channel<ExchangeStatus>()(
    z
      .object({
        enabled: z.boolean().optional(),
        selfId: z
          .string()
          .trim()
          .regex(/^[^@\s]+@[^@\s]+$/, 'must look like name@host')
          .optional(),
        host: z.string().trim().min(1).max(100).optional(),
        port: z.number().int().min(1).max(65535).optional(),
      })
      .strict(),
  ),
  'exchange.peers': channel<ExchangePeer[]>()(z.object({}).strict()),
  'exchange.peerSave': channel<ExchangePeer>()(
    z
      .object({
        peerId: z.string().trim().min(3).max(200),
        uri: z.string().trim().min(1).max(500),
        publicKey: z.string().trim().min(1).max(10_000),
      })
      .strict(),
  ),
  'exchange.peerRemove': channel<{ removed: true }>()(
    z.object({ peerId: z.string().min(1).max(200) }).strict(),
  ),
  'exchange.programs': channel<ExchangeProgramRow[]>()(z.object({}).strict()),
  'exchange.sanctions': channel<ExchangeSanctionRow[]>()(
    z.object({ programId: id.optional() }).strict(),
  ),
  'exchange.disbursements': channel<Page<ExchangeDisbursementRow>>()(
    z.object({ status: z.string().max(20).optional(), ...paging }).strict(),
  ),
  'exchange.messages': channel<Page<ExchangeMessageRow>>()(
    z
      .object({
        direction: z.enum(['in', 'out']).optional(),
        state: z.string().max(20).optional(),
        disbursementId: id.optional(),
        ...paging,
      })
      .strict(),
  ),
  'exchange.message': channel<ExchangeMessageDetail>()(z.object({ id }).strict()),
  'exchange.redeliver': channel<ExchangeMessageDetail>()(z.object({ id }).strict()),
  // A bill held awaiting treasury confirmation that the treasury never settles: staff
  // release it by hand after the configured days, saying why (kept in its status history).
  'pi.release': channel<ReleaseResult>()(
    z
      .object({
        id,
        reason: z
          .string()
          .trim()
          .min(10, 'say why in at least 10 characters')
          .max(500, 'keep the reason under 500 characters'),
      })
      .strict(),
  ),
  // The whole PI as a PDF, written by the desktop window (a save dialog, then printToPDF of
  // the page's print layout); the browser host has no window to print: REFUSED, print there.
  'pi.savePdf': channel<SavedPdf>()(z.object({ id }).strict()),
  // Settings: the ULB's set-up, the treasury connection (the secret goes in, never out), and
  // the schedule, retries, watch window and concurrency.
  'settings.get': channel<SettingsView>()(z.object({}).strict()),
  'settings.saveUlb': channel<SettingsView>()(ulbSetupSchema),
  'settings.saveTreasury': channel<SettingsView>()(treasuryConnectionSchema),
  'settings.testTreasury': channel<ConnectionTest>()(treasuryConnectionSchema),
  'settings.saveEngine': channel<SettingsView>()(engineSettingsSchema),
} as const;

function loanChannels() {
  /** Who is acting, when users are configured (console_users); otherwise "console". */
  const actor = z.string().trim().max(60).optional();
  return {
    'loans.list': channel<Page<LoanRow>>()(z.object({ loanId: id.optional(), ...paging }).strict()),
    'loans.import': channel<LoanImportResult>()(
      z
        .object({
          fileName: z.string().min(1).max(260),
          content: z.string().max(20_000_000, 'an import file may be at most 20 MB'),
        })
        .strict(),
    ),
    'loans.requests': channel<Page<ServiceRequestRow>>()(
      z
        .object({ status: z.enum(REQUEST_STATUSES).optional(), loanId: id.optional(), ...paging })
        .strict(),
    ),
    /** The page's request body, validated exactly as the API validates it. */
    'loans.request.create': channel<SaveAnswer>()(
      z.object({ body: z.record(z.string(), z.unknown()), actor }).strict(),
    ),
    'loans.request.approve': channel<ServiceRequestRow>()(
      z.object({ id, actor, reason: z.string().trim().max(500).optional() }).strict(),
    ),
    'loans.request.reject': channel<ServiceRequestRow>()(
      z
        .object({
          id,
          actor,
          reason: z.string().trim().min(1, 'give a reason to reject').max(500),
        })
        .strict(),
    ),
    'loans.tokens': channel<ApiTokenRow[]>()(z.object({}).strict()),
    'loans.token.issue': channel<IssuedToken>()(
      z
        .object({
          name: z.string().trim().min(1, 'name the token').max(80),
          days: z.number().int().min(1).max(366).default(90),
        })
        .strict(),
    ),
    'loans.token.revoke': channel<ApiTokenRow[]>()(z.object({ id }).strict()),
    'loans.users': channel<string[]>()(z.object({}).strict()),
    'loans.user.add': channel<string[]>()(
      z.object({ name: z.string().trim().min(1).max(60) }).strict(),
    ),
  };
}

/** Events pushed from main to the renderer. */
export interface Events {
  'job.progress': JobProgress;
  'pi.changed': { ids: number[] };
  'loans.changed': { requestIds: number[] };
  /** Verify ledger's integrity check, table by table. */
  'check.progress': CheckProgress;
}
export const EVENT_NAMES = [
  'job.progress',
  'pi.changed',
  'loans.changed',
  'check.progress',
] as const satisfies readonly (keyof Events)[];

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];
/** What a caller may send (defaults not yet applied). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** What a handler receives, after validation and defaults. */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = NonNullable<Contract[C]['response']>;

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'REFUSED',
  'TREASURY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Result<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** The one object the renderer talks to: the preload bridge in Electron, HTTP in the browser host. */
export interface Api {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
}
