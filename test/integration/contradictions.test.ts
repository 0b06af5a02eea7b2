// Answers that contradict the ledger are flagged, not applied silently: PAG/PD/FD naming
// another account or IFSC than the PI's, a new UTR for a beneficiary already paid, FD naming
// another UTR than PD's, a VA allotment for a sanction of another head of account. The
// ledger is changed under the sandbox's feet, so the sandbox's true answer contradicts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import type { Service } from '../../shared/status';
import { allotment, SANCTION } from '../support/payments';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { piState, SAMPLE_HEAD, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
const OTHER_HOA = '2217-05-191-2634-02-00-00-00';
let w: World;
let seq = 0;
const bill = () => `PI-1013/2023-24/${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  w = await startWorld(dir, 'contradictions', {
    scenario: {
      // Beneficiary 2 of each PI fails at the bank; one beneficiary in 2 is paid a day late.
      fail: { accountSuffixes: ['00002'] },
      allotments: [
        allotment(1000),
        // The same sanction again, in the other head's answer: it is not that head's money.
        {
          ...allotment(500),
          hoa: OTHER_HOA,
          allotmentTxnType: 'Additional allotment',
          allotmentTxnSlNo: '2',
        },
      ],
    },
  });
  await registerHeadsOfAccount(w.app.ledger, [{ ...SAMPLE_HEAD, hoa: OTHER_HOA }]);
});
afterAll(() => w.close());

const run = (service: Service, piId?: number) =>
  w.app.engine.run(service, { trigger: 'manual', piId });
const setBenf = (piId: number, benfId: string, set: string, value: string) =>
  w.app.ledger.write((tx) =>
    tx.run(`UPDATE beneficiaries SET ${set} = ? WHERE pi_id = ? AND benf_id = ?`, [
      value,
      piId,
      benfId,
    ]),
  );

async function expectFlagged(id: number, status: string, message: RegExp) {
  const s = await piState(w.app, id);
  expect(s.status).toBe(status);
  expect(s.last_outcome).toBe('ERROR');
  expect(s.last_message).toMatch(message);
}

describe('answers that contradict the ledger', () => {
  it.each([
    ['PAG', 'account_no', '999999999999', /account 1000000000\d+; .* pays account 999999999999/],
    ['PAG', 'ifsc', 'HDFC0009999', /IFSC SBIN0003491; .* pays IFSC HDFC0009999/],
    ['PD', 'account_no', '999999999999', /pays account 999999999999/],
    ['PD', 'ifsc', 'HDFC0009999', /pays IFSC HDFC0009999/],
  ] as const)(
    '%s naming another %s than the PI is refused, nothing applied',
    async (service, column, value, message) => {
      const [id] = await seedPis(w, [samplePi(bill(), 3)]);
      await run('PIS', id);
      if (service === 'PD') await run('PAG', id);
      const before = await piState(w.app, id!);
      await setBenf(id!, 'B0001', column, value);
      await run(service, id);
      await expectFlagged(id!, before.status, message);
      expect((await piState(w.app, id!)).benfs.map((b) => b.status)).toEqual(
        before.benfs.map((b) => b.status),
      );
    },
  );

  it('FD naming another account than the PI is refused', async () => {
    const [id] = await seedPis(w, [samplePi(bill(), 3)]);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await run(s, id);
    await setBenf(id!, 'B0002', 'account_no', '999999999999');
    await run('FD', id);
    await expectFlagged(id!, 'Completed', /pays account 999999999999/);
    expect((await piState(w.app, id!)).benfs[1]!.status).toBe('Payment Successful');
  });

  it('FD reporting a failure for a beneficiary the ledger never saw paid is refused', async () => {
    const [id] = await seedPis(w, [samplePi(bill(), 3)]);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await run(s, id);
    // Planted: the ledger has no payment of B0002, which the bank returns.
    await setBenf(id!, 'B0002', 'status', 'Payment In Process');
    await run('FD', id);
    await expectFlagged(
      id!,
      'Completed',
      /B0002 failed, but it was never paid \(Payment In Process\)/,
    );
    expect((await piState(w.app, id!)).benfs.map((b) => b.status)).toEqual([
      'Payment Successful',
      'Payment In Process',
      'Payment Successful',
    ]);
  });

  it('a new UTR for a beneficiary already paid is refused, its UTR kept', async () => {
    const [id] = await seedPis(w, [samplePi(bill(), 3)]);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await run(s, id);
    // The ledger knows another UTR for B0001 than the treasury now reports for it; B0003 is
    // still to be paid, so PD asks again.
    await setBenf(id!, 'B0001', 'utr_no', 'SBIN000000000001');
    await setBenf(id!, 'B0003', 'status', 'Payment In Process');
    await w.app.ledger.write((tx) =>
      tx.run("UPDATE pis SET status = 'In Process' WHERE id = ?", [id]),
    );
    await run('PD', id);
    await expectFlagged(
      id!,
      'In Process',
      /B0001 UTR \w+, but it was already paid with UTR SBIN000000000001/,
    );
    const benfs = (await piState(w.app, id!)).benfs;
    expect(benfs[0]!.utr_no).toBe('SBIN000000000001');
    expect(benfs[2]!.status).toBe('Payment In Process');
  });

  it('FD naming another UTR than PD paid with is flagged in the history', async () => {
    const [id] = await seedPis(w, [samplePi(bill(), 3)]);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await run(s, id);
    await setBenf(id!, 'B0002', 'utr_no', 'SBIN000000000002');
    await run('FD', id);
    expect((await piState(w.app, id!)).benfs[1]!.status).toBe('Payment Failed');
    const reasons = await w.app.ledger.read.all<{ reason: string }>(
      "SELECT reason FROM status_history WHERE pi_id = ? AND to_status = 'Payment Failed'",
      [id],
    );
    expect(reasons).toEqual([
      {
        reason: expect.stringMatching(
          /FLAGGED: the failure names UTR \w+, but PD paid it with UTR SBIN000000000002/,
        ),
      },
    ]);
  });

  it('a VA allotment for a sanction of another head is kept, flagged and not applied', async () => {
    await run('VA');
    const rows = await w.app.ledger.read.all<{
      txn_type: string;
      sanction_id: number | null;
      applied_paise: number;
      flag: string | null;
    }>(
      'SELECT txn_type, sanction_id, applied_paise, flag FROM allotments WHERE mst_allotment_dist_id = ? ORDER BY id',
      [SANCTION],
    );
    expect(rows).toEqual([
      {
        txn_type: 'Initial Allotment',
        sanction_id: expect.any(Number),
        applied_paise: 100_000,
        flag: null,
      },
      {
        txn_type: 'Additional allotment',
        sanction_id: null,
        applied_paise: 0,
        flag: `Sanction ${SANCTION} belongs to head of account ${SAMPLE_HEAD.hoa}, but came in the answer for ${OTHER_HOA}: nothing applied.`,
      },
    ]);
  });
});
