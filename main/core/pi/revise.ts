// Revised PIs (COR) for failed beneficiaries of a Completed PI. A revised PI pays from the
// original's debit: no funds move here.
//
// Created on an OK answer (Initiated), or kept Pending on any answer that leaves open whether
// the treasury has it (No Response, an unreadable answer): then it is sent again under the
// same number like a Pending PI (cor-resend.ts), and a refusal holds it for FTPS (held.ts);
// it never gets a second number. Only a clean refusal of a revision never sent before creates nothing (a
// Failed revised PI would look like a payment that never was). Until the answer is applied
// the attempt — its COR number, date and exact request — is kept in settings under the
// parent PI, so a crash mid-call leaves what start-up needs to keep it (keepInterruptedCors).
import { DateTime } from 'luxon';
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { CorBeneficiary, CorParams } from '../../jit/services';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { BeneficiaryRow, CorEligibility, PushResult } from '../../../shared/types';
import type { PiStatus } from '../../../shared/status';
import { TREASURY_ZONE, treasuryDate } from '../../../shared/time';
import { AppError, notFound, refused } from '../errors';
import { closeCall, openCall } from './history';
import { BENEFICIARY_SELECT } from './pi-queries';
import { nextBillNo } from '../payments/bill-no';
import { ACCOUNT_RE, IFSC_RE } from '../payments/rules';
import { checkIfsc } from '../payments/ifsc';
import { applyGuarded, noAnswer } from '../reconcile/guard';
import { DEFAULT_SAVE_RETRY, saveAnswer, saveWaiting } from '../reconcile/save';
import { applyCorResult, attemptKey, keepCor, type Attempt } from './cor-apply';

interface PiFacts {
  id: number;
  kind: string;
  billNo: string;
  status: PiStatus;
  rootId: number;
  rootBillNo: string;
  rootBillDate: string;
  rootRefNo: string | null;
  ownRefNo: string | null;
  tenantId: string;
}

interface Evaluation {
  pi: PiFacts;
  eligibility: CorEligibility;
}

/** When the revised-PI window of an original PI dated `billDate` closes (inclusive, India dates). */
export function corWindowEnd(billDate: string): string {
  const bill = DateTime.fromISO(billDate, { zone: TREASURY_ZONE }).startOf('day');
  const fyEnd = DateTime.fromObject(
    { year: bill.month >= 4 ? bill.year + 1 : bill.year, month: 3, day: 31 },
    { zone: TREASURY_ZONE },
  );
  const plus90 = bill.plus({ days: 90 });
  // 90 days, but not past 31 March; when the 90 days run into the new year, until 30 April.
  return (plus90 <= fyEnd ? plus90 : fyEnd.plus({ months: 1 }).set({ day: 30 })).toFormat(
    'yyyy-MM-dd',
  );
}

async function piFacts(db: Conn, piId: number): Promise<PiFacts | undefined> {
  return db.get<PiFacts>(
    `WITH RECURSIVE up (id, parent, kind) AS (
       SELECT id, parent_pi_id, kind FROM pis WHERE id = ?
       UNION ALL SELECT p.id, p.parent_pi_id, p.kind FROM pis p JOIN up ON p.id = up.parent)
     SELECT p.id, p.kind, p.bill_no AS billNo, p.status, r.id AS rootId, r.bill_no AS rootBillNo, r.bill_date AS rootBillDate,
            ra.online_bill_ref_no AS rootRefNo, pa.online_bill_ref_no AS ownRefNo, COALESCE(s.tenant_id, h.tenant_id) AS tenantId
       FROM pis p
       JOIN pis r ON r.id = (SELECT id FROM up WHERE kind = 'PI' AND parent IS NULL LIMIT 1)
       LEFT JOIN payment_advice ra ON ra.pi_id = r.id
       LEFT JOIN payment_advice pa ON pa.pi_id = p.id
       LEFT JOIN sanctions s ON s.id = r.sanction_id
       LEFT JOIN heads_of_account h ON h.hoa = r.hoa AND h.ddo_code = r.ddo_code
      WHERE p.id = ?`,
    [piId, piId],
  );
}

async function failedBeneficiaries(db: Conn, piId: number): Promise<BeneficiaryRow[]> {
  return db.all<BeneficiaryRow>(
    `${BENEFICIARY_SELECT} WHERE b.pi_id = ? AND b.status = 'Payment Failed' AND b.moved_to_payment_id IS NULL ORDER BY b.id`,
    [piId],
  );
}

export async function evaluate(db: Conn, piId: number, now: number): Promise<Evaluation> {
  const pi = await piFacts(db, piId);
  if (!pi) throw notFound(`Payment instruction ${piId}`);
  const beneficiaries = await failedBeneficiaries(db, piId);
  const windowEndsOn = corWindowEnd(pi.rootBillDate);
  const result = (reason: string | null, newPiOffered = false): Evaluation => ({
    pi,
    eligibility: { allowed: reason === null, reason, newPiOffered, windowEndsOn, beneficiaries },
  });
  if (pi.status !== 'Completed') {
    return result(
      `${pi.billNo} is ${pi.status}; only a Completed payment instruction can be revised.`,
    );
  }
  if (!beneficiaries.some((b) => !b.revisedInBillNo)) {
    return result(`${pi.billNo} has no failed beneficiary that is not already in a revised PI.`);
  }
  // The treasury ties a revision to the original by its PAG bill ref: without it, never send.
  if (!pi.rootRefNo) {
    return result(
      `${pi.rootBillNo} has no bill reference from its payment advice (PAG) yet, so it cannot be revised.`,
    );
  }
  if (treasuryDate(now) > windowEndsOn) {
    return result(
      `The revised-PI window of ${pi.rootBillNo} closed on ${windowEndsOn}; the failed amount needs a new payment instruction.`,
      true,
    );
  }
  return result(null);
}

export async function corCheck(app: AppContext, piId: number): Promise<CorEligibility> {
  return (await evaluate(app.ledger.read, piId, app.now())).eligibility;
}

type CorInput = ParsedRequestOf<'cor.create'>;

export interface Chosen {
  row: BeneficiaryRow;
  accountNo: string;
  ifsc: string;
}

/**
 * The failed beneficiaries staff picked, each once, not already paid again, with corrected
 * bank details validated (the originals when none are given).
 */
export function choose(
  failedRows: BeneficiaryRow[],
  picks: CorInput['beneficiaries'],
  billNo: string,
): Chosen[] {
  const failed = new Map(failedRows.map((b) => [b.id, b]));
  const seen = new Set<number>();
  return picks.map((pick) => {
    const row = failed.get(pick.beneficiaryId);
    if (!row)
      throw refused(`Beneficiary ${pick.beneficiaryId} is not a failed beneficiary of ${billNo}.`);
    if (row.revisedInBillNo) {
      throw refused(
        `${row.name} (${row.benfId}) is already being paid again by ${row.revisedInBillNo}.`,
      );
    }
    if (seen.has(row.id)) throw refused(`${row.name} (${row.benfId}) is picked twice.`);
    seen.add(row.id);
    const accountNo = pick.correctedAccountNo || row.accountNo;
    const ifsc = pick.correctedIfsc || row.ifsc;
    if (!ACCOUNT_RE.test(accountNo))
      throw refused(`The account number for ${row.name} must be 9 to 18 digits.`);
    // A typed IFSC is checked here as well as in the dialog: a made-up branch code would be
    // accepted by the treasury and the money returned by the bank weeks later. The one already
    // on the bill is kept as the treasury took it (a branch newer than the shipped list).
    if (!pick.correctedIfsc) {
      if (!IFSC_RE.test(ifsc)) throw refused(`The IFSC ${ifsc} of ${row.name} must be corrected.`);
      return { row, accountNo, ifsc };
    }
    const bank = checkIfsc(ifsc);
    if (!bank.valid) throw refused(`The IFSC for ${row.name} is refused: ${bank.message}`);
    return { row, accountNo, ifsc: bank.code };
  });
}

const inFlight = new Set<string>();

export async function createRevisedPi(app: AppContext, input: CorInput): Promise<PushResult> {
  const flightKey = `${app.ledger.file}#${input.piId}`;
  if (inFlight.has(flightKey))
    throw new AppError(
      'CONFLICT',
      'A revised PI for this payment instruction is being sent right now.',
    );
  inFlight.add(flightKey);
  try {
    const { attempt, callId } = await app.ledger.write((tx) => prepare(tx, input, app.now()));
    let result: CallResult;
    try {
      result = await app.treasury.call('COR', attempt.params as unknown as Record<string, unknown>);
    } catch (err) {
      result = noAnswer(
        'COR',
        { serviceId: 'COR', params: attempt.params },
        app.now(),
        (err as Error).message,
      );
    }
    const created = await saveAnswer(
      app.ledger,
      async (tx) => {
        let cor: { id: number; pending: boolean } | null = null;
        const applied = await applyGuarded(tx, result, async (r) => {
          cor = await applyCorResult(tx, input.piId, attempt, r, app.now(), callId);
        });
        // A Mismatch rolled the apply back: the treasury said OK about something else.
        if (!cor && applied !== result)
          cor = await keepCor(tx, input.piId, attempt, applied.message, callId, app.now(), false);
        const made = cor as { id: number; pending: boolean } | null;
        await closeCall(tx, callId, applied, made?.id ?? input.piId);
        if (made)
          await tx.run('UPDATE treasury_calls SET pi_id = ? WHERE id = ?', [made.id, callId]);
        return { cor: made, result: applied };
      },
      { ...DEFAULT_SAVE_RETRY, onTrouble: (message) => saveWaiting(app, 'COR', message) },
    );
    const { cor } = created;
    app.events.emit('pi.changed', { ids: cor ? [input.piId, cor.id] : [input.piId] });
    if (!cor) {
      throw new AppError('TREASURY', `Revised PI not created. ${created.result.message}`);
    }
    return {
      piId: cor.id,
      billNo: attempt.billNo,
      status: cor.pending ? 'Pending' : 'Initiated',
      outcome: created.result.outcome,
      message: cor.pending
        ? `${created.result.message} ${attempt.billNo} may have reached the treasury: it is kept Pending and sent again under the same number until the treasury answers (a refusal then waits for FTPS). It never gets another number.`
        : created.result.message,
    };
  } finally {
    inFlight.delete(flightKey);
  }
}

/** Validate, take (or reuse) the COR number and write the call row: one transaction. */
async function prepare(
  tx: Conn,
  input: CorInput,
  at: number,
): Promise<{ attempt: Attempt; callId: number }> {
  const { pi, eligibility } = await evaluate(tx, input.piId, at);
  if (!eligibility.allowed) throw refused(eligibility.reason!);
  const chosen = choose(eligibility.beneficiaries, input.beneficiaries, pi.billNo);
  const picks = JSON.stringify(chosen.map((c) => [c.row.id, c.accountNo, c.ifsc]).sort());
  const kept = await tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    attemptKey(pi.id),
  ]);
  let attempt: Attempt;
  if (kept) {
    attempt = JSON.parse(kept.value) as Attempt;
    if (attempt.picks !== picks) {
      throw refused(
        `Revised PI ${attempt.billNo} for ${pi.billNo} got no answer from the treasury and may exist there; send it again with the same beneficiaries and bank details before making a different one.`,
      );
    }
  } else {
    attempt = await newAttempt(tx, pi, chosen, picks, at);
    await tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [
      attemptKey(pi.id),
      JSON.stringify(attempt),
    ]);
  }
  const callId = await openCall(tx, 'COR', { serviceId: 'COR', params: attempt.params }, at, {
    piId: pi.id,
    callKey: attempt.billNo,
  });
  return { attempt, callId };
}

async function newAttempt(
  tx: Conn,
  pi: PiFacts,
  chosen: Chosen[],
  picks: string,
  at: number,
): Promise<Attempt> {
  const billNo = await nextBillNo(tx, 'COR', pi.tenantId, at);
  const details: CorBeneficiary[] = [];
  for (const c of chosen) {
    const origin = await originalDetails(tx, c.row.id);
    details.push({
      benefId: c.row.benfId,
      // The bill ref of the bill it failed on (PAG for an original, FTPS for a revised PI):
      // for a second revision FTFPS's orgBillRefNumber names the original, not the failed one.
      jitCurBillRefNo: pi.ownRefNo ?? c.row.orgBillRefNo ?? pi.rootRefNo!,
      orgAccountNo: origin.accountNo,
      orgIfsc: origin.ifsc,
      curAccountNo: c.row.accountNo,
      curIfsc: c.row.ifsc,
      correctedAccountNo: c.accountNo,
      correctedIfsc: c.ifsc,
    });
  }
  const params: CorParams = {
    jitCorBillNo: billNo,
    jitCorBillDate: treasuryDate(at),
    jitCorBillDeptCode: 'MUKTA',
    jitOrgBillNo: pi.rootBillNo,
    jitOrgBillDate: pi.rootBillDate,
    jitOrgBillRefNo: pi.rootRefNo!,
    beneficiaryDtls: details,
  };
  return {
    billNo,
    billDate: params.jitCorBillDate,
    picks,
    params,
    beneficiaries: chosen.map((c) => ({ id: c.row.id, accountNo: c.accountNo, ifsc: c.ifsc })),
  };
}

/** The bank details on the original PI, up the chain of revisions. */
async function originalDetails(
  tx: Conn,
  beneficiaryId: number,
): Promise<{ accountNo: string; ifsc: string }> {
  const row = await tx.get<{ accountNo: string; ifsc: string }>(
    `WITH RECURSIVE up (id, parent, depth) AS (
       SELECT id, parent_beneficiary_id, 0 FROM beneficiaries WHERE id = ?
       UNION ALL SELECT b.id, b.parent_beneficiary_id, up.depth + 1 FROM beneficiaries b JOIN up ON b.id = up.parent)
     SELECT b.account_no AS accountNo, b.ifsc FROM up JOIN beneficiaries b ON b.id = up.id ORDER BY up.depth DESC LIMIT 1`,
    [beneficiaryId],
  );
  return row!;
}
