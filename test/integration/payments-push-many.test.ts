// Pushing several payments from the Payments page: the funds preview plays the push's own rule
// on the ledger's balances, the pushes then go through the real send path to the sandbox and
// must come out exactly as previewed; a refused push stays on its payment's row; and each row
// counts its beneficiaries paid and failed through the nightly runs and revised PIs.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  available,
  beneficiariesOn,
  completedPi,
  fund,
  headlessPayment,
  HOA,
  HOA2,
  importPayment,
  nights,
  testWorld,
  type FundsWorld,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { previewPushes } from '../../main/core/funds/preview';
import { listPayments } from '../../main/core/payments/queries';
import { createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';
import { dispatch } from '../../main/ipc/dispatch';

const dir = tempDir();
const world = (): Promise<FundsWorld> => testWorld(dir, 'many');

async function rowOf(w: FundsWorld, id: number) {
  const page = await listPayments(w.app.ledger, { limit: 1000, offset: 0 });
  return page.rows.find((r) => r.id === id)!;
}

/** Push each in order as the page does, keeping each outcome or refusal text. */
async function pushAll(w: FundsWorld, ids: number[]) {
  const out: { id: number; status?: string; refused?: string }[] = [];
  for (const id of ids) {
    try {
      out.push({ id, status: (await pushPayment(w.app, id)).status });
    } catch (err) {
      out.push({ id, refused: (err as Error).message });
    }
  }
  return out;
}

describe('funds preview of several pushes', () => {
  it('takes from the sanctions in the push order and refuses, in the push’s words, what no longer fits', async () => {
    const w = await world();
    await fund(w, 'S1', 5_000_000);
    await fund(w, 'S2', 700_000, { hoa: HOA2 });
    const a = await importPayment(w.app, 'MANY-A', [2_000_000, 1_000_000]);
    const b = await importPayment(w.app, 'MANY-B', [4_500_000]);
    const d = await importPayment(w.app, 'MANY-D', [1_500_000]);
    const c = await headlessPayment(w.app, 'MANY-C', [600_000]);

    const preview = await previewPushes(w.app.ledger, [a, b, d, c]);
    expect(preview.payments.map((p) => [p.paymentNumber, p.mstAllotmentDistId])).toEqual([
      ['MANY-A', 'S1'],
      ['MANY-B', null],
      ['MANY-D', 'S1'],
      // No head named: S1 (priority 1) has ₹5,00,000 left by now, the next head's S2 pays.
      ['MANY-C', 'S2'],
    ]);
    expect(preview.payments[1]!.refusal).toBe(
      `Not enough funds for payment MANY-B: it needs ₹45,00,000.00 and head of account ${HOA} lacks funds: none of its sanctions has that much available (the most available is ₹20,00,000.00, on sanction S1 of ${HOA}).`,
    );
    expect(preview.sanctions).toEqual([
      expect.objectContaining({
        mstAllotmentDistId: 'S1',
        hoa: HOA,
        availablePaise: 500_000_000,
        takesPaise: 450_000_000,
        leftPaise: 50_000_000,
      }),
      expect.objectContaining({
        mstAllotmentDistId: 'S2',
        hoa: HOA2,
        availablePaise: 70_000_000,
        takesPaise: 60_000_000,
        leftPaise: 10_000_000,
      }),
    ]);
    expect(preview.heads.map((h) => [h.hoa, h.availablePaise, h.takesPaise, h.leftPaise])).toEqual([
      [HOA, 500_000_000, 450_000_000, 50_000_000],
      [HOA2, 70_000_000, 60_000_000, 10_000_000],
    ]);
    expect(preview).toMatchObject({ totalPaise: 510_000_000, refusedCount: 1 });
    // Nothing was written: the balances are as they were.
    expect(await available(w.app, 'S1')).toBe(500_000_000);

    // The pushes, through the sandbox, in the same order: exactly what the preview said.
    const pushed = await pushAll(w, [a, b, d, c]);
    expect(pushed.map((p) => p.status ?? 'refused')).toEqual([
      'Initiated',
      'refused',
      'Initiated',
      'Initiated',
    ]);
    expect(pushed[1]!.refused).toBe(preview.payments[1]!.refusal);
    expect(await available(w.app, 'S1')).toBe(preview.sanctions[0]!.leftPaise);
    expect(await available(w.app, 'S2')).toBe(preview.sanctions[1]!.leftPaise);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('says which selected payments already have a live PI, and refuses an unknown payment', async () => {
    const w = await world();
    await fund(w, 'S1', 1_000);
    const a = await importPayment(w.app, 'LIVE-A', [100]);
    await pushPayment(w.app, a);
    const preview = await previewPushes(w.app.ledger, [a]);
    expect(preview.payments[0]!.refusal).toMatch(
      /^Payment LIVE-A already has payment instruction PI-1013\/2023-24\/000001 \(Initiated\)/,
    );
    expect(preview).toMatchObject({ totalPaise: 0, refusedCount: 1 });
    await expect(previewPushes(w.app.ledger, [a, 9999])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('is refused through the contract for an empty selection', async () => {
    const w = await world();
    expect(await dispatch(w.app.handlers, 'funds.preview', { paymentIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/select at least one payment/) },
    });
  });
});

describe('a refused push stays on its payment', () => {
  it('keeps the refusal until a new PI is made, and shows the treasury’s own refusal of a PI', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const id = await importPayment(w.app, 'REF-1', [4_500_000]);
    await expect(pushPayment(w.app, id)).rejects.toThrow(/needs ₹45,00,000\.00/);
    const refused = await rowOf(w, id);
    expect(refused.refusal?.message).toMatch(
      /^Not enough funds for payment REF-1: it needs ₹45,00,000\.00 .*the most available is ₹100\.00/,
    );
    expect(refused).toMatchObject({ latestPiId: null, progress: null, canPush: true });

    await fund(w, 'S1', 4_500_000);
    const ok = await pushPayment(w.app, id);
    expect(ok.status).toBe('Initiated');
    expect(await rowOf(w, id)).toMatchObject({ refusal: null, latestPiId: ok.piId });
  });

  it('shows why the treasury refused the latest PI', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    w.sandbox.faults.inject('PI', 'error', { times: 1, message: 'Wrong IFSC provided' });
    const id = await importPayment(w.app, 'REF-2', [10]);
    const res = await pushPayment(w.app, id);
    expect(res.status).toBe('Failed');
    expect(res.message).toMatch(/Wrong IFSC provided/);
    expect((await rowOf(w, id)).refusal?.message).toBe(res.message);
  });
});

describe('paid and failed counts on the Payments page', () => {
  it('counts the latest PI’s beneficiaries paid and failed, following revised PIs', async () => {
    const w = await world();
    await fund(w, 'S1', 1_000);
    const piId = await completedPi(w, 'CNT-1', [10, 20, 30, 40, 50], [2, 4]);
    const pay = (await w.app.ledger.read.get<{ id: number }>(
      `SELECT id FROM payments WHERE payment_number = 'CNT-1'`,
    ))!.id;
    const waiting = await importPayment(w.app, 'CNT-2', [10]);
    expect((await rowOf(w, pay)).progress).toEqual({ total: 5, paid: 3, failed: 2, moved: 0 });
    expect((await rowOf(w, waiting)).progress).toBeNull();

    const failed = (await beneficiariesOn(w.app, piId)).filter(
      (b) => b.status === 'Payment Failed',
    );
    const cor = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [
        {
          beneficiaryId: failed[0]!.id,
          correctedAccountNo: '998877665510',
          correctedIfsc: 'UTIB0000123',
        },
      ],
    });
    expect(cor.status).toBe('Initiated');
    // Being paid again is not paid yet.
    expect((await rowOf(w, pay)).progress).toEqual({ total: 5, paid: 3, failed: 2, moved: 0 });
    await nights(w, 'FTPS');
    expect((await rowOf(w, pay)).progress).toEqual({ total: 5, paid: 4, failed: 1, moved: 0 });
  });
});
