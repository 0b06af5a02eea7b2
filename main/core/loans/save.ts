// Saving a payment request (maker): the page's validations in its words, then the request,
// its payables, the reservation of the allocations on the charges ("in process"), its flags
// for the checker and an audit row, all in one transaction. The API and the console's own
// entry form both come through here.
import { DateTime } from 'luxon';
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import { LOAN_MESSAGES, type RequestFlag, type SaveAnswer } from '../../../shared/loans';
import { formatInr } from '../../../shared/money';
import { TREASURY_ZONE } from '../../../shared/time';
import { audit } from './audit';
import { parseRequest, type RequestDraft } from './request';
import { reconcileUtr } from './utr';

export interface Origin {
  source: 'api' | 'console';
  maker: string;
}

class Refusal extends Error {}

interface Charge {
  charge_id: number;
  loan_id: number;
  disbursal_schedule_id: number;
  outstanding_paise: number;
  in_process_paise: number;
}

export async function saveServiceRequest(
  ctx: AppContext,
  body: unknown,
  origin: Origin,
): Promise<SaveAnswer> {
  const parsed = parseRequest(body);
  if (!parsed.ok) return refusal(parsed.text);
  const draft = parsed.draft;
  try {
    const saved = await ctx.ledger.write((tx) => insert(tx, draft, body, origin, ctx.now()));
    ctx.events.emit('loans.changed', { requestIds: [saved.id] });
    return {
      response: true,
      data: {
        result: null,
        status: 'initiated',
        service_request_id: saved.id,
        unique_transaction_number: saved.utn,
      },
      error: null,
    };
  } catch (err) {
    if (err instanceof Refusal) return refusal(err.message);
    throw err;
  }
}

function refusal(text: string): SaveAnswer {
  return { response: false, data: null, error: { text } };
}

async function insert(
  tx: Conn,
  d: RequestDraft,
  body: unknown,
  origin: Origin,
  now: number,
): Promise<{ id: number; utn: string }> {
  const loan = await tx.get<{ disbursal_date: string; business_date: string }>(
    'SELECT disbursal_date, business_date FROM loans WHERE loan_id = ?',
    [d.loanId],
  );
  if (!loan) throw new Refusal(`Loan ${d.loanId} was not found.`);
  // yyyy-MM-dd compares as text in date order.
  if (d.paymentDate > loan.business_date) throw new Refusal(LOAN_MESSAGES.afterBusinessDate);
  if (d.paymentDate < loan.disbursal_date) throw new Refusal(LOAN_MESSAGES.beforeDisbursalDate);
  const charges = await checkPayables(tx, d);
  const total = d.payables.reduce((sum, p) => sum + p.allocatedPaise, 0);
  if (total !== d.paymentAmountPaise) throw new Refusal(LOAN_MESSAGES.totalMismatch);

  const next = await tx.get<{ id: number }>(
    'SELECT COALESCE(MAX(id), 0) + 1 AS id FROM service_requests',
  );
  const id = next!.id;
  const utn = `SR${DateTime.fromMillis(now, { zone: TREASURY_ZONE }).toFormat('yyyyMMdd')}${String(id).padStart(6, '0')}`;
  const { link, flags } = await reconcileUtr(tx, d, id);
  flags.push(...chargeFlags(d, charges));
  await tx.run(
    `INSERT INTO service_requests (id, loan_id, service_request_type, service_request_subtype, status,
       unique_transaction_number, paid_to, payment_mode, payment_account, payment_date,
       payment_amount_paise, in_favour_of, transaction_date, payment_bank, fund_transfer_number,
       bank_recon_ref_identifier, instrument_date, instrument_number, beneficiary_account_type,
       beneficiary_account_number, ifsc, remarks, source, maker, utr_beneficiary_id, flags, body,
       created_at)
     VALUES (?, ?, ?, ?, 'initiated', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      d.loanId,
      d.serviceRequestType,
      d.serviceRequestSubtype,
      utn,
      d.paidTo,
      d.paymentMode,
      d.paymentAccount,
      d.paymentDate,
      d.paymentAmountPaise,
      d.inFavourOf,
      d.transactionDate,
      d.paymentBank,
      d.fundTransferNumber,
      d.bankReconRefIdentifier,
      d.instrumentDate,
      d.instrumentNumber,
      d.beneficiaryAccountType,
      d.beneficiaryAccountNumber,
      d.ifsc,
      d.remarks,
      origin.source,
      origin.maker,
      link,
      JSON.stringify(flags),
      JSON.stringify(body),
      now,
    ],
  );
  const payables = JSON.stringify(
    d.payables.map((p) => [p.chargeId, p.allocatedPaise, p.statedOutstandingPaise]),
  );
  await tx.run(
    `INSERT INTO service_request_payables (request_id, charge_id, allocated_paise, stated_outstanding_paise)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
    [id, payables],
  );
  // The allocations wait "in process" on their charges until the checker decides.
  await tx.run(
    `UPDATE loan_charges SET in_process_paise = in_process_paise + p.allocated_paise
       FROM service_request_payables p
      WHERE p.request_id = ? AND loan_charges.charge_id = p.charge_id`,
    [id],
  );
  await audit(
    tx,
    {
      loanId: d.loanId,
      requestId: id,
      event: 'request saved',
      to: 'initiated',
      detail: `${formatInr(d.paymentAmountPaise)} by ${d.paymentMode}${d.fundTransferNumber ? `, UTR ${d.fundTransferNumber}` : ''}${flags.length ? `; flags: ${flags.map((f) => f.code).join(', ')}` : ''}`,
      actor: origin.maker,
    },
    now,
  );
  return { id, utn };
}

async function checkPayables(tx: Conn, d: RequestDraft): Promise<Map<number, Charge>> {
  const rows = await tx.all<Charge>(
    `SELECT charge_id, loan_id, disbursal_schedule_id, outstanding_paise, in_process_paise
       FROM loan_charges WHERE charge_id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(d.payables.map((p) => p.chargeId))],
  );
  const charges = new Map(rows.map((c) => [c.charge_id, c]));
  const seen = new Set<number>();
  for (const p of d.payables) {
    const c = charges.get(p.chargeId);
    if (!c || c.loan_id !== d.loanId)
      throw new Refusal(`charge_id ${p.chargeId} is not a charge of loan ${d.loanId}.`);
    if (seen.has(p.chargeId)) throw new Refusal(`charge_id ${p.chargeId} is listed twice.`);
    seen.add(p.chargeId);
    if (p.disbursalScheduleId !== null && p.disbursalScheduleId !== c.disbursal_schedule_id)
      throw new Refusal(
        `charge_id ${p.chargeId} belongs to disbursal_schedule_id ${c.disbursal_schedule_id}, not ${p.disbursalScheduleId}.`,
      );
  }
  for (const p of d.payables) {
    if (p.allocatedPaise > charges.get(p.chargeId)!.outstanding_paise)
      throw new Refusal(LOAN_MESSAGES.overAllocated);
  }
  return charges;
}

function chargeFlags(d: RequestDraft, charges: Map<number, Charge>): RequestFlag[] {
  const flags: RequestFlag[] = [];
  for (const p of d.payables) {
    const c = charges.get(p.chargeId)!;
    if (p.statedOutstandingPaise !== null && p.statedOutstandingPaise !== c.outstanding_paise)
      flags.push({
        code: 'OUTSTANDING_DIFFERS',
        message: `Charge ${p.chargeId}: the request says ${formatInr(p.statedOutstandingPaise)} outstanding, the ledger ${formatInr(c.outstanding_paise)}.`,
      });
    if (p.allocatedPaise > 0 && c.in_process_paise + p.allocatedPaise > c.outstanding_paise)
      flags.push({
        code: 'OVERCOMMITTED',
        message: `Charge ${p.chargeId}: other requests already hold ${formatInr(c.in_process_paise)} of its ${formatInr(c.outstanding_paise)} outstanding; not all can be approved.`,
      });
  }
  return flags;
}
