// `check` and the paid-once invariant: at most one live bill per payment and per failed
// beneficiary. Bills planted in a real ledger (next to real pushes) must be listed.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { startWorld, type World } from '../support/world';
import { samplePi } from '../support/samples';
import { allotment, importPayment } from '../support/payments';
import { insertPi } from '../../main/core/pi/pi-store';
import { pushPayment } from '../../main/core/pi/push';
import { releaseFunds } from '../../main/core/funds/release';
import { createRevisedPi } from '../../main/core/pi/revise';
import { getPi } from '../../main/core/pi/pi-queries';
import { runCheck } from '../../main/core/funds/check';
import type { Service } from '../../shared/status';

const dir = tempDir('jit-check-bills-');
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function start(name: string): Promise<World> {
  world = await startWorld(dir, name, {
    scenario: { allotments: [allotment(100_000)], fail: { accountSuffixes: ['99'] } },
  });
  await run('VA');
  return world;
}
const run = (service: Service) => world!.app.engine.run(service, { trigger: 'manual' });
const messages = async () => (await runCheck(world!.app)).breaches.map((b) => b.message);

describe('check: one live bill per payment', () => {
  it('lists a payment with two live PIs', async () => {
    const w = await start('two-live');
    const paymentId = await importPayment(w, 'TWICE-1', ['300012345610']);
    await pushPayment(w.app, paymentId);
    expect(await messages()).toEqual([]);
    await w.app.ledger.write((tx) =>
      insertPi(
        tx,
        samplePi('PI-1013/2023-24/900001', 1, { paymentId, grossPaise: 10_000, netPaise: 10_000 }),
        w.app.now(),
      ),
    );
    expect(await messages()).toContainEqual('Payment TWICE-1 has 2 live payment instructions.');
  });

  it('counts a PI failed after a send without a clean answer as live (the lost-answer double bill)', async () => {
    const w = await start('failed-unclean');
    const paymentId = await importPayment(w, 'TWICE-2', ['300012345620']);
    w.sandbox.faults.inject('PI', 'garbage', { times: 1 });
    const lost = await pushPayment(w.app, paymentId);
    // What the console used to do on a refused re-send: fail it and give its funds back.
    await w.app.ledger.write(async (tx) => {
      await tx.run(`UPDATE pis SET status = 'Failed' WHERE id = ?`, [lost.piId]);
      await releaseFunds(tx, lost.piId, w.app.now(), 'refused');
    });
    const second = await pushPayment(w.app, paymentId);
    expect(w.sandbox.bills().map((b) => b.billNo)).toEqual([lost.billNo, second.billNo]);
    expect(await messages()).toEqual(['Payment TWICE-2 has 2 live payment instructions.']);
    // Once the treasury has proved it never got the bill, it is not live any more.
    await w.app.ledger.write((tx) =>
      tx.run(`UPDATE pis SET held_end = 'absent' WHERE id = ?`, [lost.piId]),
    );
    expect(await messages()).toEqual([]);
  });
});

describe('check: one live revised PI per failed beneficiary', () => {
  it('lists a failed beneficiary paid again by two revised PIs', async () => {
    const w = await start('two-cors');
    const paymentId = await importPayment(w, 'TWICE-3', ['300012345630', '300012345699']);
    const { piId } = await pushPayment(w.app, paymentId);
    for (const s of ['PIS', 'PAG', 'PD', 'FD'] as const) await run(s);
    const failed = (await getPi(w.app.ledger, piId)).beneficiaries.find(
      (b) => b.status === 'Payment Failed',
    )!;
    await createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: failed.id }] });
    expect(await messages()).toEqual([]);
    await w.app.ledger.write((tx) =>
      insertPi(
        tx,
        samplePi('COR-1013/2023-24/900001', 1, {
          kind: 'COR',
          parentPiId: piId,
          grossPaise: 10_000,
          netPaise: 10_000,
          beneficiaries: [
            {
              benfId: failed.benfId,
              name: failed.name,
              accountNo: '300012345631',
              ifsc: 'SBIN0003491',
              amountPaise: 10_000,
              status: 'Payment Initiated',
              parentBeneficiaryId: failed.id,
            },
          ],
        }),
        w.app.now(),
      ),
    );
    const detail = await getPi(w.app.ledger, piId);
    expect(await messages()).toContainEqual(
      `${failed.benfId} on ${detail.pi.billNo} is paid again by 2 revised PIs.`,
    );
  });
});
