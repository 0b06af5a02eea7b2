// Pushing a payment instruction. Step 1, one transaction: check the payment may get a PI,
// take a bill number, debit a sanction and create the PI (Pending). Step 2, outside any
// transaction: send it. Step 3, one transaction: apply the answer with its call-log row.
import type { App } from '../app';
import type { Conn } from '../ledger/conn';
import type { CallResult } from '../jit/types';
import type { PiBeneficiary, PiParams } from '../jit/services';
import type { PushResult } from '../../shared/types';
import type { PiStatus } from '../../shared/status';
import { rupees } from '../../shared/money';
import { treasuryDate } from '../../shared/time';
import { AppError, notFound, refused } from './errors';
import { closeCall, openCall, setBeneficiaryStatus, setPiStatus } from './history';
import { insertPi, type NewBeneficiary } from './pi-store';
import { nextBillNo } from './payments/bill-no';
import { ADDRESS_MAX, NAME_MAX, PURPOSE_MAX, cleanText } from './payments/clean';
import { expectBill } from './reconcile/beneficiaries';
import { applyGuarded, noAnswer } from './reconcile/guard';
import type { ApplyContext, Poller, Target } from './reconcile/poller';

/** PIs being sent right now by this process: one send per PI at a time. */
const sending = new Set<string>();
const sendKey = (app: App, piId: number) => `${app.ledger.file}#${piId}`;

export async function pushPayment(app: App, paymentId: number): Promise<PushResult> {
  const { piId } = await createPi(app, paymentId);
  app.events.emit('pi.changed', { ids: [piId] });
  return sendPi(app, piId);
}

/** Send a Pending PI again: the same bill number and content, never a second number. */
export async function repushPending(app: App, piId: number): Promise<PushResult> {
  const pi = await app.ledger.read.get<{ kind: string; status: PiStatus; billNo: string }>(
    'SELECT kind, status, bill_no AS billNo FROM pis WHERE id = ?',
    [piId],
  );
  if (!pi) throw notFound(`Payment instruction ${piId}`);
  if (pi.kind !== 'PI' || pi.status !== 'Pending') {
    throw refused(
      `${pi.billNo} is ${pi.status}; only a Pending payment instruction is sent again.`,
    );
  }
  return sendPi(app, piId);
}

interface PaymentRow {
  id: number;
  paymentNumber: string;
  tenantId: string;
  hoa: string;
  purpose: string;
  grossPaise: number;
}

interface SanctionPick {
  id: number;
  hoa: string;
  ddoCode: string;
  granteeCode: string;
  schemeCode: string | null;
  ssuIaId: string;
  mstAllotmentDistId: string;
  available: number;
}

/** Step 1: debit and PI in one transaction; the write queue makes racing pushes take turns. */
export function createPi(app: App, paymentId: number): Promise<{ piId: number; billNo: string }> {
  return app.ledger.write(async (tx) => {
    const at = app.now();
    const payment = await tx.get<PaymentRow>(
      `SELECT id, payment_number AS paymentNumber, tenant_id AS tenantId, hoa, purpose, gross_paise AS grossPaise
         FROM payments WHERE id = ?`,
      [paymentId],
    );
    if (!payment) throw notFound(`Payment ${paymentId}`);
    // Checked here, inside the transaction, not only on screen: two clicks must not make two PIs.
    const latest = await tx.get<{ billNo: string; status: PiStatus }>(
      `SELECT bill_no AS billNo, status FROM pis WHERE payment_id = ? AND kind = 'PI' ORDER BY id DESC LIMIT 1`,
      [paymentId],
    );
    if (latest && latest.status !== 'Failed' && latest.status !== 'Declined') {
      throw refused(
        `Payment ${payment.paymentNumber} already has payment instruction ${latest.billNo} (${latest.status}); a new one can be made only when that one has failed or been declined.`,
      );
    }
    const beneficiaries = await mergedBeneficiaries(tx, payment);
    const gross = beneficiaries.reduce((sum, b) => sum + b.amountPaise, 0);
    const sanction = await pickSanction(tx, payment, gross);
    const allotment = await tx.get<{ ssuAllotmentId: string; slNo: string }>(
      `SELECT ssu_allotment_id AS ssuAllotmentId, allotment_txn_sl_no AS slNo FROM allotments
        WHERE sanction_id = ? AND applied_paise > 0 ORDER BY lower(txn_type) LIKE '%withdrawal%', id DESC LIMIT 1`,
      [sanction.id],
    );
    const billNo = await nextBillNo(tx, 'PI', payment.tenantId, at);
    const piId = await insertPi(
      tx,
      {
        kind: 'PI',
        billNo,
        billDate: treasuryDate(at),
        paymentId,
        sanctionId: sanction.id,
        hoa: sanction.hoa,
        ddoCode: sanction.ddoCode,
        granteeCode: sanction.granteeCode,
        ssuIaId: sanction.ssuIaId,
        schemeCode: sanction.schemeCode,
        mstAllotmentDistId: sanction.mstAllotmentDistId,
        ssuAllotmentId: allotment?.ssuAllotmentId ?? null,
        allotmentTxnSlNo: allotment?.slNo ?? null,
        purpose: cleanText(payment.purpose, PURPOSE_MAX),
        grossPaise: gross,
        netPaise: gross,
        status: 'Pending',
        beneficiaries,
      },
      at,
    );
    try {
      await tx.run(
        `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
         VALUES (?, 'pi_debit', 0, ?, ?, ?, ?)`,
        [sanction.id, -gross, piId, billNo, at],
      );
    } catch (err) {
      // The CHECK (available >= 0) is the last guard; the queue should have made this unreachable.
      if (/CHECK constraint/i.test((err as Error).message))
        throw notEnoughFunds(payment, gross, sanction.available);
      throw err;
    }
    return { piId, billNo };
  });
}

function notEnoughFunds(payment: PaymentRow, gross: number, best: number): AppError {
  return refused(
    `Not enough funds for payment ${payment.paymentNumber}: it needs Rs. ${rupees(gross)} and no sanction of ${payment.tenantId} has that much available (the most is Rs. ${rupees(best)}).`,
  );
}

/** Heads of account by priority (the payment's own head first on a tie); the first sanction that covers the gross. */
async function pickSanction(tx: Conn, payment: PaymentRow, gross: number): Promise<SanctionPick> {
  const rows = await tx.all<SanctionPick>(
    `SELECT s.id, s.hoa, s.ddo_code AS ddoCode, s.grantee_ag_code AS granteeCode, s.scheme_code AS schemeCode,
            s.ssu_ia_id AS ssuIaId, s.mst_allotment_dist_id AS mstAllotmentDistId, f.available_paise AS available
       FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id JOIN heads_of_account h ON h.hoa = s.hoa
      WHERE s.tenant_id = ?
      ORDER BY h.priority, s.hoa <> ?, s.hoa, s.id`,
    [payment.tenantId, payment.hoa],
  );
  const pick = rows.find((r) => r.available >= gross);
  if (!pick) throw notEnoughFunds(payment, gross, Math.max(0, ...rows.map((r) => r.available)));
  return pick;
}

/** One treasury beneficiary per account + IFSC: lines paying the same account are summed. */
async function mergedBeneficiaries(tx: Conn, payment: PaymentRow): Promise<NewBeneficiary[]> {
  const lines = await tx.all<{
    id: number;
    benefId: string;
    name: string;
    accountNo: string;
    ifsc: string;
    mobile: string | null;
    email: string | null;
    address: string | null;
    accountType: string | null;
    amountPaise: number;
  }>(
    `SELECT id, benef_id AS benefId, name, account_no AS accountNo, ifsc, mobile, email, address,
            account_type AS accountType, amount_paise AS amountPaise
       FROM payment_beneficiaries WHERE payment_id = ? ORDER BY COALESCE(line_no, id), id`,
    [payment.id],
  );
  const merged = new Map<string, NewBeneficiary>();
  for (const l of lines) {
    const key = `${l.accountNo}|${l.ifsc}`;
    const seen = merged.get(key);
    if (seen) {
      seen.amountPaise += l.amountPaise;
      continue;
    }
    const name = cleanText(l.name, NAME_MAX);
    if (!name)
      throw refused(
        `Beneficiary ${l.benefId} of payment ${payment.paymentNumber} has no name the treasury accepts.`,
      );
    merged.set(key, {
      benfId: l.benefId,
      name,
      accountNo: l.accountNo,
      ifsc: l.ifsc,
      mobile: l.mobile,
      email: l.email,
      address: cleanText(l.address, ADDRESS_MAX) || null,
      accountType: l.accountType,
      amountPaise: l.amountPaise,
      status: 'Payment Pending',
      paymentBeneficiaryId: l.id,
    });
  }
  if (merged.size === 0) throw refused(`Payment ${payment.paymentNumber} has no beneficiaries.`);
  return [...merged.values()];
}

interface PiRowForParams {
  id: number;
  billNo: string;
  billDate: string;
  ddoCode: string;
  granteeCode: string;
  schemeCode: string | null;
  hoa: string;
  ssuIaId: string;
  mstAllotmentDistId: string | null;
  ssuAllotmentId: string | null;
  allotmentTxnSlNo: string | null;
  grossPaise: number;
  netPaise: number;
  purpose: string;
}

interface BenRowForParams {
  piId: number;
  benfId: string;
  name: string;
  accountNo: string;
  ifsc: string;
  mobile: string | null;
  email: string | null;
  address: string | null;
  accountType: string | null;
  amountPaise: number;
}

const PI_PARAMS_SELECT = `
SELECT id, bill_no AS billNo, bill_date AS billDate, ddo_code AS ddoCode, grantee_code AS granteeCode,
       scheme_code AS schemeCode, hoa, ssu_ia_id AS ssuIaId, mst_allotment_dist_id AS mstAllotmentDistId,
       ssu_allotment_id AS ssuAllotmentId, allotment_txn_sl_no AS allotmentTxnSlNo, gross_paise AS grossPaise,
       net_paise AS netPaise, purpose
  FROM pis`;

const BEN_PARAMS_SELECT = `
SELECT pi_id AS piId, benf_id AS benfId, name, account_no AS accountNo, ifsc, mobile, email, address,
       account_type AS accountType, amount_paise AS amountPaise
  FROM beneficiaries`;

/** §3 PI params, built from the stored PI alone, so every send of one PI is the same request. */
function piParams(pi: PiRowForParams, bens: BenRowForParams[]): PiParams {
  return {
    jitBillNo: pi.billNo,
    jitBillDate: pi.billDate,
    jitBillDdoCode: pi.ddoCode,
    granteeAgCode: pi.granteeCode,
    schemeCode: pi.schemeCode ?? '',
    hoa: pi.hoa,
    ssuIaId: pi.ssuIaId,
    mstAllotmentDistId: pi.mstAllotmentDistId ?? '',
    ssuAllotmentId: pi.ssuAllotmentId ?? '',
    allotmentTxnSlNo: pi.allotmentTxnSlNo ?? '',
    billGrossAmount: rupees(pi.grossPaise),
    billNetAmount: rupees(pi.netPaise),
    billNumberOfBenf: bens.length,
    purpose: pi.purpose,
    beneficiaryDetails: bens.map((b): PiBeneficiary => ({
      benefId: b.benfId,
      benefName: b.name,
      benfAcctNo: b.accountNo,
      benfBankIfscCode: b.ifsc,
      benfMobileNo: b.mobile ?? '',
      benfEmailId: b.email ?? '',
      benfAddress: b.address ?? '',
      benfAccountType: b.accountType ?? '',
      benfAmount: rupees(b.amountPaise),
      purpose: pi.purpose,
    })),
  };
}

async function loadParams(db: Conn, piIds: number[]): Promise<Map<number, PiParams>> {
  const ids = JSON.stringify(piIds);
  const pis = await db.all<PiRowForParams>(
    `${PI_PARAMS_SELECT} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    [ids],
  );
  const bens = await db.all<BenRowForParams>(
    `${BEN_PARAMS_SELECT} WHERE pi_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    [ids],
  );
  return new Map(
    pis.map((p) => [
      p.id,
      piParams(
        p,
        bens.filter((b) => b.piId === p.id),
      ),
    ]),
  );
}

/** Steps 2 and 3 for one Pending PI. */
async function sendPi(app: App, piId: number): Promise<PushResult> {
  const key = sendKey(app, piId);
  if (sending.has(key))
    throw new AppError(
      'CONFLICT',
      'This payment instruction is being sent right now; wait for its answer.',
    );
  sending.add(key);
  try {
    const params = (await loadParams(app.ledger.read, [piId])).get(piId);
    if (!params) throw notFound(`Payment instruction ${piId}`);
    const request = { serviceId: 'PI', params };
    const callId = await app.ledger.write(async (tx) => {
      const prior = await tx.get<{ n: number }>(
        `SELECT count(*) AS n FROM treasury_calls WHERE pi_id = ? AND service = 'PI'`,
        [piId],
      );
      return openCall(tx, 'PI', request, app.now(), { piId, attempt: (prior?.n ?? 0) + 1 });
    });
    let result: CallResult;
    try {
      result = await app.treasury.call('PI', params as unknown as Record<string, unknown>);
    } catch (err) {
      // The transport classifies trouble itself; anything thrown still means "no answer".
      result = noAnswer('PI', request, app.now(), (err as Error).message);
    }
    result = await app.ledger.write(async (tx) => {
      const applied = await applyGuarded(tx, result, (r) =>
        applyPiResult(tx, piId, r, { callId, at: app.now(), runId: null }),
      );
      await closeCall(tx, callId, applied, piId);
      return applied;
    });
    app.events.emit('pi.changed', { ids: [piId] });
    const pi = await app.ledger.read.get<{ billNo: string; status: PiStatus }>(
      'SELECT bill_no AS billNo, status FROM pis WHERE id = ?',
      [piId],
    );
    return {
      piId,
      billNo: pi!.billNo,
      status: pi!.status,
      outcome: result.outcome,
      message: result.message,
    };
  } finally {
    sending.delete(key);
  }
}

/** The treasury's words for "this bill number is already with us": the bill is named. */
function alreadyHeld(jitError: string | undefined, billNo: string): boolean {
  return (
    !!jitError &&
    jitError.includes(billNo) &&
    /already (exists|pushed|received)|duplicate bill/i.test(jitError)
  );
}

/**
 * Apply a PI push answer. Only a Pending PI changes: a late or repeated answer never undoes
 * what the first answer decided. A Mismatch leaves the PI Pending (funds held), as the
 * engine's contract says.
 */
export async function applyPiResult(
  tx: Conn,
  piId: number,
  result: CallResult,
  ctx: ApplyContext,
): Promise<void> {
  const pi = await tx.get<{ status: PiStatus; billNo: string }>(
    'SELECT status, bill_no AS billNo FROM pis WHERE id = ?',
    [piId],
  );
  if (!pi || pi.status !== 'Pending') return;
  if (result.outcome === 'OK') {
    const data = result.data as { jitBillNo?: string } | undefined;
    expectBill(data?.jitBillNo, pi.billNo, 'jitBillNo');
    await setPiStatus(tx, piId, 'Initiated', ctx.at, 'accepted by JIT', ctx.callId);
    await setBeneficiaryStatus(
      tx,
      piId,
      'all',
      'Payment Initiated',
      ctx.at,
      'accepted by JIT',
      ctx.callId,
    );
    return;
  }
  if (result.outcome !== 'ERROR') return; // No Response: stays Pending, funds held, sent again later.
  // Only the treasury's own "no" fails a PI. A login failure, an HTTP error or an answer we
  // cannot read says nothing about whether it holds the bill: stay Pending, funds held.
  if (!result.refused) return;
  if (alreadyHeld(result.jitError, pi.billNo) && (await sentBefore(tx, piId, ctx.callId))) {
    // An earlier send that got no answer did reach the treasury. Failing now would release
    // funds the treasury is about to pay; PIS confirms (or declines) it from here.
    await setPiStatus(
      tx,
      piId,
      'Initiated',
      ctx.at,
      `treasury already holds this bill: ${result.jitError}`,
      ctx.callId,
    );
    await setBeneficiaryStatus(
      tx,
      piId,
      'all',
      'Payment Initiated',
      ctx.at,
      'already with JIT',
      ctx.callId,
    );
    return;
  }
  await setPiStatus(tx, piId, 'Failed', ctx.at, result.jitError ?? 'refused by JIT', ctx.callId);
  await releaseFunds(
    tx,
    piId,
    ctx.at,
    `${pi.billNo} failed: ${result.jitError ?? 'refused by JIT'}`,
  );
}

async function sentBefore(tx: Conn, piId: number, callId: number): Promise<boolean> {
  const row = await tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM treasury_calls WHERE pi_id = ? AND service = 'PI' AND id <> ? AND outcome = 'NO_RESPONSE'`,
    [piId, callId],
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Give a Failed or Declined PI's debit back, once: whatever the net of its debits and
 * releases still holds. A revised PI has no debit of its own, so this does nothing for it.
 * Returns the paise released.
 */
export async function releaseFunds(
  tx: Conn,
  piId: number,
  at: number,
  reason: string,
): Promise<number> {
  const held = await tx.all<{ sanctionId: number; net: number }>(
    `SELECT sanction_id AS sanctionId, sum(available_delta) AS net FROM funds_transactions
      WHERE pi_id = ? AND kind IN ('pi_debit', 'pi_release') GROUP BY sanction_id`,
    [piId],
  );
  let released = 0;
  for (const h of held) {
    if (h.net >= 0) continue;
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       VALUES (?, 'pi_release', 0, ?, ?, ?, ?)`,
      [h.sanctionId, -h.net, piId, reason, at],
    );
    released += -h.net;
  }
  return released;
}

export interface PiPushTarget extends Target {
  piId: number;
  request: PiParams;
}

/** The nightly re-send of Pending PIs (No Response on push): same bill number, same content. */
export const piPushPoller: Poller<PiPushTarget> = {
  service: 'PI',
  async select(app) {
    const rows = await app.ledger.read.all<{ id: number; billNo: string }>(
      `SELECT id, bill_no AS billNo FROM pis WHERE kind = 'PI' AND status = 'Pending' ORDER BY id`,
    );
    const free = rows.filter((r) => !sending.has(sendKey(app, r.id)));
    const params = await loadParams(
      app.ledger.read,
      free.map((r) => r.id),
    );
    return free.map((r) => ({ piId: r.id, key: r.billNo, request: params.get(r.id)! }));
  },
  params: (t) => t.request as unknown as Record<string, unknown>,
  apply: (tx, t, result, ctx) => applyPiResult(tx, t.piId, result, ctx),
};
