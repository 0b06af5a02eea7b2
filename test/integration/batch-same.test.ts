// The set-based apply of a batch (applyMany) writes exactly what applying its answers one by
// one writes: two consoles, the same PIs and the same treasury, one applying answers singly,
// the other all of a run in one batch; an advice that contradicts the PI, partly paid PIs, a
// contradicting PD answer, a second PD, FD reporting failed credits on some PIs (one naming
// another UTR than PD's, one contradicting the ledger) and nothing on the rest.
import { afterAll, describe, expect, it } from 'vitest';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
const DAY = 24 * 60 * 60 * 1000;
const worlds: World[] = [];
afterAll(() => Promise.all(worlds.map((w) => w.close())));

async function reconciled(name: string, batch: { size: number; waitMs: number }) {
  // One beneficiary in three is paid a day after the rest: the first PD pays PIs partly.
  const w = await startWorld(dir, name, {
    scenario: {
      seed: 11,
      holdBack: { every: 3, extraMs: DAY },
      fail: { accountSuffixes: ['00002'] },
    },
  });
  worlds.push(w);
  w.app.engine.settings.concurrency = 10;
  w.app.engine.settings.batch = batch;
  const pis = Array.from({ length: 12 }, (_, i) =>
    samplePi(`PI-1013/2023-24/${String(i + 1).padStart(6, '0')}`, i % 2 ? 1 : 4),
  );
  const ids = await seedPis(w, pis);
  const [contradicted, , otherUtr, , badAccount] = ids;
  const badAdvice = ids[10];
  await w.app.engine.run('PIS', { trigger: 'manual' });
  // The ledger says another amount than the advice: PAG refuses this one answer.
  await w.app.ledger.write((tx) =>
    tx.run(
      "UPDATE beneficiaries SET amount_paise = amount_paise + 1 WHERE pi_id = ? AND benf_id = 'B0001'",
      [badAdvice],
    ),
  );
  // And the treasury answers one PAG with an error, beside the good answers of its batch.
  w.sandbox.faults.inject('PAG', 'error', {
    billNo: pis[6]!.billNo,
    message: 'Bill is under scrutiny',
    times: 1,
  });
  const pag = await w.app.engine.run('PAG', { trigger: 'manual' });
  await w.app.ledger.write((tx) =>
    tx.run("UPDATE beneficiaries SET ifsc = 'HDFC0009999' WHERE pi_id = ? AND benf_id = 'B0003'", [
      contradicted,
    ]),
  );
  const first = await w.app.engine.run('PD', { trigger: 'manual' });
  w.sandbox.clock.advance(2 * DAY);
  const second = await w.app.engine.run('PD', { trigger: 'manual' });
  // Every beneficiary B0002 fails at the bank: FD reports it on the PIs that have one (every
  // other PI has a single beneficiary), nothing on the rest. On one PI the ledger holds another
  // UTR for it (flagged, applied); on another another account (refused).
  await w.app.ledger.write(async (tx) => {
    await tx.run(
      "UPDATE beneficiaries SET utr_no = 'SBIN000000000001' WHERE pi_id = ? AND benf_id = 'B0002'",
      [otherUtr],
    );
    await tx.run(
      "UPDATE beneficiaries SET account_no = '999999999999' WHERE pi_id = ? AND benf_id = 'B0002'",
      [badAccount],
    );
  });
  w.sandbox.clock.advance(2 * DAY);
  const fd = await w.app.engine.run('FD', { trigger: 'manual' });
  const db = w.app.ledger.read;
  return {
    outcomes: [pag.outcomes, first.outcomes, second.outcomes, fd.outcomes],
    pis: await db.all(
      `SELECT bill_no, status, fin_year, voucher_no, voucher_date, last_outcome, last_message, completed_at
         FROM pis ORDER BY bill_no`,
    ),
    beneficiaries: await db.all(
      `SELECT p.bill_no, b.benf_id, b.status, b.utr_no, b.utr_date, b.end_to_end_id, b.voucher_no, b.voucher_date,
              b.failed_reason, b.challan_number, b.challan_date, b.org_bill_ref_no, b.updated_at
         FROM beneficiaries b JOIN pis p ON p.id = b.pi_id ORDER BY 1, 2`,
    ),
    advice: await db.all(
      `SELECT p.bill_no, a.advice_id, a.advice_date, a.online_bill_ref_no, a.token_number, a.token_date, a.fin_year,
              a.received_at
         FROM payment_advice a JOIN pis p ON p.id = a.pi_id ORDER BY 1`,
    ),
    history: await db.all(
      `SELECT p.bill_no, b.benf_id, h.from_status, h.to_status, h.reason, h.at, c.service, c.outcome
         FROM status_history h JOIN pis p ON p.id = h.pi_id LEFT JOIN beneficiaries b ON b.id = h.beneficiary_id
         LEFT JOIN treasury_calls c ON c.id = h.call_id ORDER BY 1, 2, h.id`,
    ),
    sms: await db.all(
      `SELECT p.bill_no, b.benf_id, s.event, s.utr_no, s.mobile, s.body, s.created_at, c.service
         FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id JOIN pis p ON p.id = b.pi_id
         LEFT JOIN treasury_calls c ON c.id = s.call_id ORDER BY 1, 2, 3`,
    ),
    calls: await db.all(
      `SELECT p.bill_no, c.service, c.attempt, c.outcome, c.message, c.http_status, c.request_json, c.response_json,
              c.error_detail, c.refused, c.in_flight
         FROM treasury_calls c JOIN pis p ON p.id = c.pi_id WHERE c.service IN ('PAG', 'PD', 'FD') ORDER BY 1, c.id`,
    ),
  };
}

describe('the set-based apply of a batch', () => {
  it('writes what applying each answer singly writes', { timeout: 120_000 }, async () => {
    const single = await reconciled('single', { size: 1, waitMs: 0 });
    const batched = await reconciled('batched', { size: 64, waitMs: 600_000 });
    // The runs did what they should: the contradicted advice refused, a PAG error recorded,
    // the contradicted PI refused by each PD, others paid partly then wholly, failed credits
    // reported, one FD answer refused.
    expect(single.outcomes[0]).toEqual({ OK: 10, ERROR: 2, NO_RESPONSE: 0 });
    expect(single.outcomes[1]!.ERROR).toBeGreaterThanOrEqual(1);
    expect(single.outcomes[2]!.ERROR).toBeGreaterThanOrEqual(1);
    expect(single.outcomes[3]!.OK).toBeGreaterThan(0);
    expect(single.outcomes[3]!.ERROR).toBe(1);
    expect(
      single.history.filter((h) => /FLAGGED/.test((h as { reason: string }).reason)),
    ).toHaveLength(1);
    const failed = single.beneficiaries.filter(
      (b) => (b as { status: string }).status === 'Payment Failed',
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(single.pis.map((p) => (p as { status: string }).status))).toEqual(
      new Set(['Completed', 'In Process', 'Approved']),
    );
    expect(
      single.pis.find((p) => (p as { bill_no: string }).bill_no.endsWith('000007')),
    ).toMatchObject({
      status: 'Approved',
      last_outcome: 'ERROR',
      last_message: expect.stringMatching(/under scrutiny/),
    });
    expect(batched).toEqual(single);
  });
});
