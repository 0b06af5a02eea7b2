// Loan payment requests from the command line: the same handler map as the Requests page.
import fs from 'node:fs';
import path from 'node:path';
import { formatInr } from '../../shared/money';
import { REQUEST_STATUSES, type RequestStatus } from '../../shared/loans';
import { flag, type Args } from './args';
import { call, out, type Command } from './call';
import { table } from './print';

const requestId = (args: Args) => {
  const n = Number(args.words[1]);
  if (!Number.isInteger(n) || n < 1) throw new Error('Name the request by its number.');
  return n;
};

export const LOAN_COMMANDS: Record<string, Command> = {
  loans: {
    help: 'loans [import FILE]  loans and their charges; import loans and charges from a CSV or JSON file (docs/loan-requests.md)',
    async run(app, args) {
      if (args.words[1] === 'import') {
        const file = args.words[2];
        if (!file) throw new Error('Name the file to import.');
        const r = await call(app, 'loans.import', {
          fileName: path.basename(file),
          content: fs.readFileSync(path.resolve(file), 'utf8'),
        });
        out(args, r, () =>
          r.accepted
            ? `Imported ${r.loans} loans: ${r.chargesAdded} charges added, ${r.chargesKept} already in the ledger kept.`
            : `Refused, nothing imported:\n${r.errors.map((e) => `  line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}`).join('\n')}`,
        );
        return r.accepted ? 0 : 2;
      }
      const page = await call(app, 'loans.list', { limit: 1000 });
      const rows = page.rows.flatMap((l) =>
        l.charges.map((c) => ({
          loan: l.loanId,
          borrower: l.borrower,
          businessDate: l.businessDate,
          ...c,
        })),
      );
      return out(args, page, () =>
        table(rows, [
          'loan',
          'borrower',
          'businessDate',
          'chargeId',
          'label',
          'originalPaise',
          'outstandingPaise',
          'inProcessPaise',
          'paidPaise',
        ]),
      );
    },
  },
  requests: {
    help: `requests [--status ${REQUEST_STATUSES.join('|')}] [--loan ID]  loan payment requests, initiated first, with their flags`,
    async run(app, args) {
      const status = flag(args, 'status');
      if (status && !REQUEST_STATUSES.includes(status as RequestStatus))
        throw new Error(`--status is one of ${REQUEST_STATUSES.join(', ')}.`);
      const loan = flag(args, 'loan');
      const page = await call(app, 'loans.requests', {
        status: status as RequestStatus | undefined,
        loanId: loan ? Number(loan) : undefined,
        limit: 1000,
      });
      const rows = page.rows.map((r) => ({
        ...r,
        utr: r.fundTransferNumber ?? '',
        link: r.utrLink ? `${r.utrLink.billNo} ${r.utrLink.name}` : '',
        flags: r.flags.map((f) => f.code).join(' '),
      }));
      return out(
        args,
        page,
        () =>
          `${table(rows, ['id', 'status', 'loanId', 'borrower', 'paymentDate', 'paymentAmountPaise', 'utr', 'link', 'flags', 'maker', 'decidedBy'])}\n${page.total} in all`,
      );
    },
  },
  approve: {
    help: 'approve <request> [--as USER] [--reason TEXT]  approve a request: its allocations are paid on the charges',
    async run(app, args) {
      const r = await call(app, 'loans.request.approve', {
        id: requestId(args),
        actor: flag(args, 'as'),
        reason: flag(args, 'reason'),
      });
      return out(args, r, () =>
        [
          `Request #${r.id} approved: ${formatInr(r.paymentAmountPaise)} on loan ${r.loanId}.`,
          ...r.payables.map(
            (p) =>
              `  charge ${p.chargeId} ${p.label}: outstanding now ${formatInr(p.outstandingPaise)}`,
          ),
        ].join('\n'),
      );
    },
  },
  reject: {
    help: 'reject <request> --reason TEXT [--as USER]  reject a request; its allocations are released',
    async run(app, args) {
      const reason = flag(args, 'reason');
      if (!reason) throw new Error('Give the reason: reject N --reason "…".');
      const r = await call(app, 'loans.request.reject', {
        id: requestId(args),
        actor: flag(args, 'as'),
        reason,
      });
      return out(args, r, () => `Request #${r.id} rejected: ${reason}`);
    },
  },
  token: {
    help: 'token <name> [--days N]  issue a bearer token for the loan service-request API (shown once)',
    async run(app, args) {
      const name = args.words.slice(1).join(' ');
      const days = flag(args, 'days');
      const t = await call(app, 'loans.token.issue', {
        name,
        days: days ? Number(days) : undefined,
      });
      return out(
        args,
        t,
        () =>
          `Token for ${t.name}, valid until ${new Date(t.expiresAt).toISOString()}:\n${t.token}`,
      );
    },
  },
  tokens: {
    help: 'tokens [--revoke ID]  API tokens (never the tokens themselves); revoke one',
    async run(app, args) {
      const revoke = flag(args, 'revoke');
      const rows = revoke
        ? await call(app, 'loans.token.revoke', { id: Number(revoke) })
        : await call(app, 'loans.tokens', {});
      return out(args, rows, () =>
        table(rows as unknown as Record<string, unknown>[], [
          'id',
          'name',
          'createdAt',
          'expiresAt',
          'revokedAt',
        ]),
      );
    },
  },
  'user-add': {
    help: 'user-add <name>  list a console user; once users are listed, a request is decided by a user other than its maker',
    async run(app, args) {
      const users = await call(app, 'loans.user.add', { name: args.words.slice(1).join(' ') });
      return out(args, users, () => `Users: ${users.join(', ')}`);
    },
  },
};
