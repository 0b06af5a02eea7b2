// The CLI commands. Most go through the same IPC handler map as the window (dispatch), so
// requests are validated the same way and errors read the same.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../app';
import type { Channel, RequestOf } from '../../shared/contract';
import { POLLED_SERVICES, type PolledService } from '../../shared/status';
import { runServices } from '../core/reconcile/jobs';
import { consoleScheduler, startExchange } from '../console';
import { deliverQueued } from '../notify/deliver';
import { holderId, releaseLease } from '../ledger/lease';
import { gatewayFromEnv } from '../notify/from-env';
import { flag, type Args } from './args';
import { call as typedCall, out, type Command } from './call';

/** This file's printers read answers as plain records: the typed answer, widened once. */
const call = <C extends Channel>(app: App, channel: C, request: RequestOf<C>): Promise<unknown> =>
  typedCall(app, channel, request);
import { table } from './print';
import { formatInr } from '../../shared/money';
import { importFileProblem } from '../../shared/import-file';
import { SAVE_REQUEST_PATH } from '../exchange/loans-route';
import { LOAN_COMMANDS } from './loans-commands';
import { exchangeCommand } from './exchange-command';
import { releaseAfterDays, setReleaseAfterDays } from '../core/pi/held-release';
import { SETUP_HELP, runSetup } from './setup-commands';

async function piId(app: App, ref: string | undefined): Promise<number> {
  if (!ref) throw new Error('Name a PI by its id or bill number.');
  if (/^\d+$/.test(ref)) return Number(ref);
  const row = await app.ledger.read.get<{ id: number }>('SELECT id FROM pis WHERE bill_no = ?', [
    ref,
  ]);
  if (!row) throw new Error(`No PI with bill number ${ref}.`);
  return row.id;
}

/** The beneficiaries named by --benf (benfIds on the PI), with --correct B1=ACCOUNT:IFSC. */
async function picked(app: App, id: number, args: Args) {
  const detail = (await call(app, 'pi.get', { id })) as {
    beneficiaries: { id: number; benfId: string }[];
  };
  const corrections = new Map(
    (flag(args, 'correct') ?? '')
      .split(',')
      .filter(Boolean)
      .map((c) => {
        const [benf, rest = ''] = c.split('=');
        const [acct, ifsc] = rest.split(':');
        return [
          benf,
          { correctedAccountNo: acct || undefined, correctedIfsc: ifsc || undefined },
        ] as const;
      }),
  );
  return (flag(args, 'benf') ?? '')
    .split(',')
    .filter(Boolean)
    .map((benfId) => {
      const b = detail.beneficiaries.find((x) => x.benfId === benfId);
      if (!b) throw new Error(`Beneficiary ${benfId} is not on this PI.`);
      return { beneficiaryId: b.id, ...corrections.get(benfId) };
    });
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export const COMMANDS: Record<string, Command> = {
  setup: { help: SETUP_HELP, run: runSetup },
  run: {
    help: 'run <VA|PI|PIS|PAG|PD|FD|FTPS|FTFPS|all> [--window-minutes N]  run services now (retries until the window closes)',
    async run(app, args) {
      const which = (args.words[1] ?? '').toUpperCase();
      if (which !== 'ALL' && which !== 'PI' && !POLLED_SERVICES.includes(which as PolledService)) {
        throw new Error(
          `Unknown service "${args.words[1] ?? ''}". Use one of ${POLLED_SERVICES.join(', ')}, PI or all.`,
        );
      }
      const minutes = num(flag(args, 'window-minutes')) ?? 0;
      const runs = await runServices(
        app,
        which as PolledService | 'ALL',
        app.now() + minutes * 60_000,
      );
      const rows = runs.map((r) => ({
        service: r.service,
        total: r.total,
        ok: r.outcomes.OK,
        error: r.outcomes.ERROR,
        noResponse: r.outcomes.NO_RESPONSE,
        unanswered: r.unanswered,
      }));
      return out(args, runs, () =>
        table(rows, ['service', 'total', 'ok', 'error', 'noResponse', 'unanswered']),
      );
    },
  },
  serve: {
    help: 'serve [--exchange-port N] [--exchange-host H]  run the nightly schedule with no window (Ctrl-C to stop); the exchange (and the loan service-request API on it) when asked or switched on',
    async run(app, args) {
      const scheduler = consoleScheduler(app);
      const missed = await scheduler.start();
      console.log(
        `Scheduler running (India time), SMS sent every minute. Catching up: ${missed.map((j) => j.name).join(', ') || 'nothing'}.`,
      );
      const exchangeFlags = ['exchange-port', 'exchange-host'].flatMap((n) =>
        flag(args, n) === undefined ? [] : [`--${n}=${flag(args, n)}`],
      );
      const exchangeUrl = await startExchange(app, exchangeFlags);
      if (exchangeUrl) {
        console.log(`Exchange listening: ${exchangeUrl}/program-service/v1/`);
        console.log(`Loan service-request API: ${exchangeUrl}${SAVE_REQUEST_PATH}`);
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await app.exchange.stop();
      await scheduler.stop();
      return 0;
    },
  },
  pis: {
    help: 'pis [--status S] [--search TEXT] [--limit N]  list payment instructions (search: bill, payment, name, account, UTR, mobile)',
    async run(app, args) {
      const data = (await call(app, 'pi.list', {
        status: flag(args, 'status') as never,
        search: flag(args, 'search'),
        limit: num(flag(args, 'limit')),
      })) as {
        rows: Record<string, unknown>[];
        total: number;
        capped?: boolean;
      };
      return out(
        args,
        data,
        () =>
          `${table(data.rows, ['id', 'kind', 'billNo', 'status', 'beneficiaryCount', 'failedCount', 'grossPaise', 'lastMessage'])}\n${data.total}${data.capped ? ' or more' : ''} in all`,
      );
    },
  },
  pi: {
    help: 'pi <id|bill number>  one PI with its beneficiaries, latest calls and history',
    async run(app, args) {
      const d = (await call(app, 'pi.get', { id: await piId(app, args.words[1]) })) as {
        pi: Record<string, unknown>;
        beneficiaries: Record<string, unknown>[];
        latestCalls: Record<string, unknown>[];
        actions: { label: string }[];
        held: { reason: string; next: string; releaseBlockedBy: string | null } | null;
      };
      return out(args, d, () =>
        [
          `${d.pi.billNo}  ${d.pi.status}  gross ${table([d.pi], ['grossPaise']).split('\n')[2]}`,
          ...(d.held
            ? [
                `Awaiting treasury confirmation: ${d.held.reason}.`,
                d.held.next,
                d.held.releaseBlockedBy ??
                  'It may now be released by hand: release <PI> --reason TEXT',
              ]
            : []),
          '',
          table(d.latestCalls, ['service', 'outcome', 'message', 'startedAt']),
          '',
          table(d.beneficiaries, [
            'benfId',
            'name',
            'amountPaise',
            'status',
            'utrNo',
            'failedReason',
          ]),
          '',
          `Actions: ${d.actions.map((a) => a.label).join(', ') || 'none'}`,
        ].join('\n'),
      );
    },
  },
  calls: {
    help: 'calls [--pi ID|BILL] [--service S] [--outcome OK|ERROR|NO_RESPONSE] [--limit N]  the treasury call log',
    async run(app, args) {
      const pi = flag(args, 'pi');
      const data = (await call(app, 'calls.list', {
        piId: pi ? await piId(app, pi) : undefined,
        service: flag(args, 'service') as never,
        outcome: flag(args, 'outcome') as never,
        limit: num(flag(args, 'limit')),
      })) as {
        rows: Record<string, unknown>[];
        total: number;
        capped?: boolean;
      };
      return out(
        args,
        data,
        () =>
          `${table(data.rows, ['id', 'service', 'billNo', 'attempt', 'outcome', 'durationMs', 'message'])}\n${data.total}${data.capped ? ' or more' : ''} in all`,
      );
    },
  },
  call: {
    help: 'call <id>  one call with its decrypted request and response',
    async run(app, args) {
      const data = await call(app, 'calls.get', { id: Number(args.words[1]) });
      console.log(JSON.stringify(data, null, 2));
      return 0;
    },
  },
  sms: {
    help: 'sms [--limit N]  the SMS outbox',
    async run(app, args) {
      const data = (await call(app, 'sms.list', { limit: num(flag(args, 'limit')) })) as {
        rows: Record<string, unknown>[];
      };
      return out(args, data, () =>
        table(data.rows, ['id', 'billNo', 'event', 'mobile', 'status', 'attempts', 'body']),
      );
    },
  },
  'sms-send': {
    help: 'sms-send  deliver queued SMS now (JIT_SMS_GATEWAY_URL, else written to sms.log beside the ledger)',
    async run(app, args) {
      const holder = holderId();
      const report = await deliverQueued(
        app.ledger,
        gatewayFromEnv(path.dirname(app.ledger.file)),
        app.now,
        holder,
      ).finally(() => releaseLease(app.ledger, 'sms', holder));
      return out(args, report, () =>
        report.heldBy
          ? `Nothing sent: another process on this ledger is sending SMS (${report.heldBy}).`
          : `sent ${report.sent}, failed ${report.failed}, no mobile ${report.skipped}`,
      );
    },
  },
  jobs: {
    help: 'jobs  schedules, next and last runs',
    async run(app, args) {
      const data = (await call(app, 'jobs.list', {})) as Array<
        Record<string, unknown> & { lastRun: Record<string, unknown> | null }
      >;
      const rows = data.map((j) => ({
        ...j,
        last: j.lastRun ? `${j.lastRun.state} ${j.lastRun.done}/${j.lastRun.total}` : '',
      }));
      return out(args, data, () => table(rows, ['service', 'schedule', 'nextRunAt', 'last']));
    },
  },
  import: {
    help: 'import <file.json|file.csv>  import approved bills to pay (refused whole on any error)',
    async run(app, args) {
      const file = args.words[1];
      if (!file) throw new Error('Name the file to import.');
      // Judged from its name and size before it is read, as the page does: a huge file is
      // never loaded into memory only to be refused.
      const problem = importFileProblem(path.basename(file), fs.statSync(path.resolve(file)).size);
      if (problem) throw new Error(problem);
      const content = fs.readFileSync(path.resolve(file), 'utf8');
      const r = (await call(app, 'payments.import', {
        fileName: path.basename(file),
        content,
      })) as {
        accepted: boolean;
        imported: string[];
        errors: { line: number; field: string | null; message: string }[];
      };
      out(args, r, () =>
        r.accepted
          ? `Imported ${r.imported.length} payments: ${r.imported.join(', ')}`
          : `Refused, nothing imported:\n${r.errors.map((e) => `  line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}`).join('\n')}`,
      );
      return r.accepted ? 0 : 2;
    },
  },
  payments: {
    help: 'payments [--search TEXT]  payments to pay and their latest PI',
    async run(app, args) {
      const data = (await call(app, 'payments.list', { search: flag(args, 'search') })) as {
        rows: Record<string, unknown>[];
      };
      return out(args, data, () =>
        table(data.rows, [
          'id',
          'paymentNumber',
          'hoa',
          'grossPaise',
          'beneficiaryCount',
          'latestBillNo',
          'latestStatus',
          'canPush',
        ]),
      );
    },
  },
  push: {
    help: 'push <payment id|payment number>  create and push a PI for a payment',
    async run(app, args) {
      const ref = args.words[1] ?? '';
      const row = await app.ledger.read.get<{ id: number }>(
        'SELECT id FROM payments WHERE id = ? OR payment_number = ?',
        [Number(ref) || -1, ref],
      );
      if (!row) throw new Error(`No payment ${ref}.`);
      const r = (await call(app, 'pi.push', { paymentId: row.id })) as {
        billNo: string;
        status: string;
        message: string;
      };
      return out(args, r, () => `${r.billNo}: ${r.status}. ${r.message}`);
    },
  },
  cor: {
    help: 'cor <id|bill number> --benf B1,B2 [--correct B1=ACCOUNT:IFSC]  generate a revised PI for failed beneficiaries (no --benf: eligibility)',
    async run(app, args) {
      const id = await piId(app, args.words[1]);
      const beneficiaries = await picked(app, id, args);
      if (beneficiaries.length === 0) {
        console.log(JSON.stringify(await call(app, 'cor.check', { piId: id }), null, 2));
        return 0;
      }
      const r = (await call(app, 'cor.create', { piId: id, beneficiaries })) as {
        billNo: string;
        status: string;
        message: string;
      };
      return out(args, r, () => `${r.billNo}: ${r.status}. ${r.message}`);
    },
  },
  reissue: {
    help: 'reissue <id|bill number> --benf B1,B2 [--correct B1=ACCOUNT:IFSC]  past the revised-PI window: move failed amounts to a new payment',
    async run(app, args) {
      const id = await piId(app, args.words[1]);
      const beneficiaries = await picked(app, id, args);
      if (beneficiaries.length === 0)
        throw new Error('Name the failed beneficiaries with --benf B1,B2.');
      const r = (await call(app, 'pi.reissue', { piId: id, beneficiaries })) as {
        paymentNumber: string;
        amountPaise: number;
      };
      return out(
        args,
        r,
        () =>
          `Payment ${r.paymentNumber} created for ${formatInr(r.amountPaise)}; push it with: push ${r.paymentNumber}`,
      );
    },
  },
  // Bills held awaiting treasury confirmation (core/pi/held.ts) that the treasury never settles.
  release: {
    help: 'release <id|bill number> --reason TEXT  release by hand a bill held awaiting treasury confirmation that the treasury does not know (after release-days)',
    async run(app, args) {
      const id = await piId(app, args.words[1]);
      const r = (await call(app, 'pi.release', { id, reason: flag(args, 'reason') ?? '' })) as {
        billNo: string;
        status: string;
        releasedPaise: number;
      };
      return out(
        args,
        r,
        () => `${r.billNo}: ${r.status}, released by hand; ${formatInr(r.releasedPaise)} back.`,
      );
    },
  },
  'release-days': {
    help: 'release-days [DAYS]  show or set the days a held bill waits before it may be released by hand (default 7)',
    async run(app, args) {
      const given = args.words[1];
      const days =
        given === undefined
          ? await releaseAfterDays(app.ledger.read)
          : await setReleaseAfterDays(app, Number(given));
      return out(args, { days }, () => `Held bills may be released by hand after ${days} days.`);
    },
  },
  funds: {
    help: 'funds  allotted and available funds per sanction',
    async run(app, args) {
      const rows = (await call(app, 'funds.summary', {})) as Record<string, unknown>[];
      return out(args, rows, () =>
        table(rows, ['mstAllotmentDistId', 'hoa', 'schemeName', 'allottedPaise', 'availablePaise']),
      );
    },
  },
  check: {
    help: 'check  verify the funds ledger and per-beneficiary conservation; lists every breach',
    async run(app, args) {
      const r = (await call(app, 'check.run', {})) as {
        ok: boolean;
        breaches: { kind: string; message: string }[];
      };
      out(args, r, () =>
        r.ok ? 'No breaches.' : r.breaches.map((b) => `${b.kind}: ${b.message}`).join('\n'),
      );
      return r.ok ? 0 : 3;
    },
  },
  ...LOAN_COMMANDS,
  exchange: exchangeCommand,
};

export function usage(): string {
  return [
    'Usage: npm run cli -- <command> [--db FILE] [--json]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.help}`),
    '',
    'Ledger: --db FILE or JIT_CONSOLE_DB (default: ledger.db in the user-data folder).',
    'Treasury: the connection saved by `setup treasury`, or JIT_BASE_URL, JIT_CLIENT_ID, JIT_PUBLIC_KEY_FILE;',
    'its secret from JIT_CLIENT_SECRET_FILE (a file readable by its owner only) or JIT_CLIENT_SECRET.',
    'Nothing set = the embedded sandbox.',
  ].join('\n');
}
