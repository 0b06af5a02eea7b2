// disburse/_create: one payment to pay, checked as an import is (payments/import.ts), created
// with its PI (funds debited) in the transaction that logs the message, and answered with
// on-disburse/_create. A refusal (a live disbursement for the target, funds, a ledger rule)
// is answered the same way and leaves no payment. The PI is sent after the commit.
import type { Conn } from '../../ledger/conn';
import { AppError } from '../errors';
import { createPiIn } from '../pi/pi-create';
import { insertAll, ledgerErrors } from '../payments/import';
import { beneficiaryLine, paymentHead } from '../payments/schema';
import type { DraftPayment } from '../payments/parse';
import type { DisburseCreate } from './messages';
import { ExchangeError } from './envelope';
import { enqueue } from './outbox';
import { onDisburseBody, reportDisbursement } from './disburse-status';
import type { ProgramRow } from './programs';

export interface DisburseOutcome {
  disbursementId: number;
  /** The PI to send once the transaction has committed. */
  piId: number | null;
}

const LIVE = ['INITIATED', 'INPROCESS'];

export async function createDisbursement(
  tx: Conn,
  program: ProgramRow,
  raw: unknown,
  m: DisburseCreate,
  at: number,
): Promise<DisburseOutcome> {
  const previous = await tx.get<{ id: number; status: string; paymentId: number | null }>(
    `SELECT id, status, payment_id AS paymentId FROM exchange_disbursements
      WHERE target_id = ? AND peer_id = ? ORDER BY id DESC LIMIT 1`,
    [m.target_id, program.peerId],
  );
  const { lastID: id } = await tx.run(
    `INSERT INTO exchange_disbursements (target_id, program_id, peer_id, status, request_json, created_at, updated_at)
     VALUES (?, ?, ?, 'INITIATED', ?, ?, ?)`,
    [m.target_id, program.id, program.peerId, JSON.stringify(raw), at, at],
  );
  const refuse = async (code: string, reason: string): Promise<DisburseOutcome> => {
    await tx.run(
      `UPDATE exchange_disbursements SET status = 'FAILED', status_message = ? WHERE id = ?`,
      [`${code}: ${reason}`, id],
    );
    await enqueue(
      tx,
      {
        endpoint: 'on-disburse/_create',
        peerId: program.peerId,
        programId: program.id,
        disbursementId: id,
        message: onDisburseBody(raw, id, {
          status: { status_code: 'FAILED', status_message: `${code}: ${reason}` },
          pi: null,
          children: [],
        }),
      },
      at,
    );
    return { disbursementId: id, piId: null };
  };
  if (
    previous &&
    (LIVE.includes(previous.status) ||
      previous.status === 'SUCCESSFUL' ||
      previous.status === 'PARTIAL')
  ) {
    return refuse(
      'DISBURSEMENT_ALREADY_PRESENT_ERROR',
      `a disbursement for ${m.target_id} is already ${previous.status}; send it again only after it has failed.`,
    );
  }
  // Everything below either completes or is undone to here; the refusal above stays.
  await tx.exec('SAVEPOINT disburse');
  try {
    const paymentId = previous?.paymentId ?? (await insertPayment(tx, program, m, at));
    const { piId } = await createPiIn(tx, paymentId, at);
    await tx.run('UPDATE exchange_disbursements SET payment_id = ? WHERE id = ?', [paymentId, id]);
    await reportDisbursement(tx, id, at, 'on-disburse/_create');
    await tx.exec('RELEASE disburse');
    return { disbursementId: id, piId };
  } catch (err) {
    await tx.exec('ROLLBACK TO disburse');
    await tx.exec('RELEASE disburse');
    if (err instanceof ExchangeError) return refuse(err.code, err.message);
    if (err instanceof AppError && err.code === 'REFUSED')
      return refuse(/fund/i.test(err.message) ? 'FUNDS_ERROR' : 'PAYMENT_ERROR', err.message);
    throw err;
  }
}

/** The message as an import line would be, through the import's own checks. */
async function insertPayment(
  tx: Conn,
  program: ProgramRow,
  m: DisburseCreate,
  at: number,
): Promise<number> {
  const head = await tx.get<{ hoa: string }>(
    'SELECT hoa FROM heads_of_account WHERE tenant_id = ? ORDER BY priority, hoa LIMIT 1',
    [program.tenantId],
  );
  if (!head)
    throw new ExchangeError(
      'PAYMENT_ERROR',
      `no head of account is registered for ${program.tenantId}`,
    );
  const lines = m.children?.length
    ? m.children
    : [
        {
          target_id: m.target_id,
          individual: m.individual!,
          account_code: m.account_code!,
          net_amount: m.net_amount,
        },
      ];
  const draft: DraftPayment = {
    ...paymentHead.parse({
      paymentNumber: m.target_id,
      tenantId: program.tenantId,
      hoa: head.hoa,
      purpose: `${program.name} (${program.programCode})`,
    }),
    line: 1,
    beneficiaries: lines.map((c, i) => ({
      ...beneficiaryLine.parse({
        benefId: c.target_id,
        name: c.individual.name,
        accountNo: c.account_code.accountNo,
        ifsc: c.account_code.ifsc,
        mobile: c.individual.phone ?? null,
        address: c.individual.address ?? null,
        amount: (c.net_amount / 100).toFixed(2),
      }),
      line: i + 1,
    })),
  };
  const errors = await ledgerErrors(tx, [draft]);
  if (errors.length)
    throw new ExchangeError('PAYMENT_ERROR', errors.map((e) => e.message).join('; '));
  await insertAll(tx, [draft], `exchange:${program.peerId}`, at);
  const row = await tx.get<{ id: number }>('SELECT id FROM payments WHERE payment_number = ?', [
    m.target_id,
  ]);
  return row!.id;
}

/** The same checks as an import, before anything is written: a message that fails them is malformed. */
export function importIssues(m: DisburseCreate): string[] {
  const lines = m.children?.length
    ? m.children.map((c, i) => ({ path: `children.${i}`, c }))
    : [
        {
          path: '',
          c: {
            target_id: m.target_id,
            individual: m.individual!,
            account_code: m.account_code!,
            net_amount: m.net_amount,
          },
        },
      ];
  const issues: string[] = [];
  const head = paymentHead.safeParse({ paymentNumber: m.target_id, tenantId: 'x', hoa: 'x' });
  if (!head.success) issues.push(...head.error.issues.map((i) => `target_id ${i.message}`));
  for (const { path, c } of lines) {
    const r = beneficiaryLine.safeParse({
      benefId: c.target_id,
      name: c.individual.name,
      accountNo: c.account_code.accountNo,
      ifsc: c.account_code.ifsc,
      mobile: c.individual.phone ?? null,
      address: c.individual.address ?? null,
      amount: (c.net_amount / 100).toFixed(2),
    });
    if (r.success) continue;
    const names: Record<string, string> = {
      benefId: 'target_id',
      name: 'individual.name',
      accountNo: 'account_code (account)',
      ifsc: 'account_code (IFSC)',
      mobile: 'individual.phone',
      address: 'individual.address',
      amount: 'net_amount',
    };
    for (const i of r.error.issues) {
      const field = names[String(i.path[0])] ?? String(i.path[0]);
      issues.push(`message.${path ? `${path}.` : ''}${field} ${i.message}`);
    }
  }
  return issues;
}
