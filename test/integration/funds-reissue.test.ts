// Past the revised-PI window the failed amount becomes a new payment: released from the old
// debit, debited again when that payment is pushed, and conserved throughout.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  available,
  beneficiariesOn,
  completedPi,
  fund,
  testWorld,
  type FundsWorld,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { corCheck } from '../../main/core/pi/revise';
import { reissueFailed } from '../../main/core/pi/reissue';
import { getPi } from '../../main/core/pi/pi-queries';
import { runCheck } from '../../main/core/funds/check';

const dir = tempDir();
async function world(): Promise<FundsWorld> {
  const w = await testWorld(dir, 'reissue');
  await fund(w, 'C1', 100_000);
  return w;
}

const AFTER_WINDOW = Date.parse('2024-01-01T00:00:00+05:30');

describe('failed amount moved to a new payment', () => {
  it('is refused while the revised-PI window is open', async () => {
    const w = await world();
    const piId = await completedPi(w, 'M-OPEN', [10, 20], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    await expect(
      reissueFailed(w.app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
    ).rejects.toThrow(/window of .* is open until 2023-12-31: generate a revised PI instead/);
  });

  it('after the window: releases the failed amount, creates the payment, and it can be pushed', async () => {
    const w = await world();
    const { app } = w;
    const piId = await completedPi(w, 'M-LATE', [10, 20, 30], [1, 3]);
    const [b1, , b3] = await beneficiariesOn(app, piId);
    w.sandbox.clock.set(AFTER_WINDOW);
    const before = await available(app, 'C1');
    const changed: unknown[] = [];
    app.events.on('pi.changed', (e) => changed.push(e));
    const r = await reissueFailed(app, {
      piId,
      beneficiaries: [
        { beneficiaryId: b1!.id },
        {
          beneficiaryId: b3!.id,
          correctedAccountNo: '998877665544',
          correctedIfsc: 'HDFC0001234',
        },
      ],
    });
    expect(r).toMatchObject({ paymentNumber: 'M-LATE/R1', amountPaise: 4_000 });
    expect(await available(app, 'C1')).toBe(before + 4_000);
    expect(changed).toEqual([{ ids: [piId] }]);
    // Where it came from, on the payment, the release and the beneficiaries' history.
    const billNo = (await app.ledger.read.get<{ b: string }>(
      'SELECT bill_no AS b FROM pis WHERE id = ?',
      [piId],
    ))!.b;
    expect(
      await app.ledger.read.get('SELECT source_file AS f FROM payments WHERE id = ?', [
        r.paymentId,
      ]),
    ).toEqual({ f: `failed on ${billNo}` });
    expect(
      await app.ledger.read.all(
        `SELECT available_delta AS d, note FROM funds_transactions WHERE pi_id = ? AND kind = 'pi_release'`,
        [piId],
      ),
    ).toEqual([{ d: 4_000, note: `failed amount of ${billNo} moved to payment M-LATE/R1` }]);
    expect(
      await app.ledger.read.all(
        `SELECT pi_id AS piId, beneficiary_id AS b, from_status AS f, to_status AS t, reason, at FROM status_history
          WHERE reason LIKE 'revised-PI window closed%' ORDER BY beneficiary_id`,
      ),
    ).toEqual(
      [b1!.id, b3!.id].map((b) => ({
        piId,
        b,
        f: 'Payment Failed',
        t: 'Payment Failed',
        reason: 'revised-PI window closed; failed amount moved to payment M-LATE/R1',
        at: AFTER_WINDOW,
      })),
    );
    const lines = await app.ledger.read.all<{
      benef_id: string;
      account_no: string;
      ifsc: string;
      amount_paise: number;
    }>(
      'SELECT benef_id, account_no, ifsc, amount_paise FROM payment_beneficiaries WHERE payment_id = ? ORDER BY line_no',
      [r.paymentId],
    );
    expect(lines.map((l) => [l.amount_paise, l.account_no, l.ifsc])).toEqual([
      [1_000, expect.any(String), expect.any(String)],
      [3_000, '998877665544', 'HDFC0001234'],
    ]);
    const detail = await getPi(app.ledger, piId);
    expect(detail.beneficiaries.filter((b) => b.movedToPayment === 'M-LATE/R1')).toHaveLength(2);
    expect(detail.actions.map((a) => a.kind)).not.toContain('revise');
    // Moved beneficiaries are no longer offered, so nothing is paid twice.
    expect(await corCheck(app, piId)).toMatchObject({ allowed: false });
    await expect(
      reissueFailed(app, { piId, beneficiaries: [{ beneficiaryId: b1!.id }] }),
    ).rejects.toMatchObject({
      code: 'REFUSED',
    });
    expect((await runCheck(app)).breaches).toEqual([]);
    // The new payment is pushed like any other: a new PI with its own debit.
    const pushed = await pushPayment(app, r.paymentId);
    expect(pushed).toMatchObject({ billNo: expect.stringMatching(/^PI-/), status: 'Initiated' });
    expect(await available(app, 'C1')).toBe(before);
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('a second move from the same PI takes the next R number', async () => {
    const w = await world();
    const piId = await completedPi(w, 'M-TWICE', [10, 20], [1, 2]);
    const [b1, b2] = await beneficiariesOn(w.app, piId);
    w.sandbox.clock.set(AFTER_WINDOW);
    const first = await reissueFailed(w.app, { piId, beneficiaries: [{ beneficiaryId: b1!.id }] });
    const second = await reissueFailed(w.app, { piId, beneficiaries: [{ beneficiaryId: b2!.id }] });
    expect([first.paymentNumber, second.paymentNumber]).toEqual(['M-TWICE/R1', 'M-TWICE/R2']);
    expect([first.amountPaise, second.amountPaise]).toEqual([1_000, 2_000]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });
});
