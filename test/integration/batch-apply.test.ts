// Answers applied many to a transaction: a batch holding an answer that contradicts the
// ledger, a treasury error and an answer the ledger refuses to write, beside good answers.
// Each is recorded exactly as when answers were applied one transaction each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { piState, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let w: World;
let seq = 0;
const bill = () => `PI-1013/2023-24/${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  w = await startWorld(dir, 'batch');
  // Every request of a run is out at once and nothing is applied before the last answer is in
  // (no timer): all the run's answers form one batch, one transaction.
  w.app.engine.settings.concurrency = 8;
  w.app.engine.settings.batch = { size: 64, waitMs: 600_000 };
});
afterAll(() => w.close());

/** Six PIs In Process (PIS and PAG applied), three beneficiaries each. */
async function inProcess(): Promise<number[]> {
  const ids = await seedPis(
    w,
    Array.from({ length: 6 }, () => samplePi(bill(), 3)),
  );
  for (const s of ['PIS', 'PAG'] as const) await w.app.engine.run(s, { trigger: 'manual' });
  for (const id of ids) expect((await piState(w.app, id)).status).toBe('In Process');
  return ids;
}

const pdCalls = (piId: number) =>
  w.app.ledger.read.all<{ outcome: string; in_flight: number; message: string }>(
    "SELECT outcome, in_flight, message FROM treasury_calls WHERE pi_id = ? AND service = 'PD' ORDER BY id",
    [piId],
  );

const smsCount = async (piId: number) =>
  (await w.app.ledger.read.get<{ n: number }>(
    'SELECT count(*) AS n FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id WHERE b.pi_id = ?',
    [piId],
  ))!.n;

async function expectPaid(id: number) {
  const s = await piState(w.app, id);
  expect(s.status).toBe('Completed');
  expect(s.benfs.every((b) => b.status === 'Payment Successful' && b.utr_no)).toBe(true);
  expect(await smsCount(id)).toBe(3);
  expect(await pdCalls(id)).toEqual([{ outcome: 'OK', in_flight: 0, message: expect.any(String) }]);
}

async function expectUntouched(id: number) {
  const s = await piState(w.app, id);
  expect(s.status).toBe('In Process');
  expect(s.benfs.map((b) => [b.status, b.utr_no])).toEqual(
    Array(3).fill(['Payment In Process', null]),
  );
  expect(await smsCount(id)).toBe(0);
}

describe('answers applied in batches', () => {
  it('a mismatching answer and a treasury error are recorded as errors; their batch-mates apply', async () => {
    const [mismatch, refused, ...good] = await inProcess();
    // The ledger pays another account than the treasury's answer names: a contradiction.
    await w.app.ledger.write((tx) =>
      tx.run(
        "UPDATE beneficiaries SET account_no = '999999999999' WHERE pi_id = ? AND benf_id = 'B0002'",
        [mismatch],
      ),
    );
    const ref = await w.app.ledger.read.get<{ ref: string }>(
      'SELECT bill_no AS ref FROM pis WHERE id = ?',
      [refused],
    );
    w.sandbox.faults.inject('PD', 'error', {
      billNo: ref!.ref,
      message: 'Bill is under scrutiny',
      times: 1,
    });

    const summary = await w.app.engine.run('PD', { trigger: 'manual' });

    expect(summary.outcomes).toEqual({ OK: 4, ERROR: 2, NO_RESPONSE: 0 });
    for (const id of good) await expectPaid(id);
    await expectUntouched(mismatch!);
    await expectUntouched(refused!);
    const flagged = await piState(w.app, mismatch!);
    expect(flagged.last_outcome).toBe('ERROR');
    expect(flagged.last_message).toMatch(/B0002 account .* pays account 999999999999/);
    expect(await pdCalls(mismatch!)).toEqual([
      {
        outcome: 'ERROR',
        in_flight: 0,
        message: expect.stringMatching(/pays account 999999999999/),
      },
    ]);
    expect(await pdCalls(refused!)).toEqual([
      { outcome: 'ERROR', in_flight: 0, message: expect.stringMatching(/Bill is under scrutiny/) },
    ]);
    // Neither moved a status: no history rows of this run for them.
    const history = await w.app.ledger.read.get<{ n: number }>(
      `SELECT count(*) AS n FROM status_history WHERE pi_id IN (?, ?) AND call_id IN (
         SELECT id FROM treasury_calls WHERE service = 'PD')`,
      [mismatch, refused],
    );
    expect(history!.n).toBe(0);
  });

  it('an answer the ledger refuses to write is undone alone: the run stops, its batch-mates are kept', async () => {
    const [broken, ...good] = await inProcess();
    // A real SQLite error while applying this PI's answer, mid-batch.
    await w.app.ledger.write((tx) =>
      tx.run(
        `CREATE TRIGGER refuse_pd BEFORE UPDATE OF status ON beneficiaries WHEN NEW.pi_id = ${broken}
         BEGIN SELECT RAISE(ABORT, 'the ledger refused this row'); END`,
      ),
    );
    try {
      await expect(w.app.engine.run('PD', { trigger: 'manual' })).rejects.toThrow(
        /the ledger refused this row/,
      );
    } finally {
      await w.app.ledger.write((tx) => tx.run('DROP TRIGGER refuse_pd'));
    }
    for (const id of good) await expectPaid(id);
    await expectUntouched(broken!);
    // Nothing of its answer was written: its call row is still the write-ahead one (closed as
    // interrupted at the next start), exactly as when its own transaction was rolled back.
    expect(await pdCalls(broken!)).toEqual([
      { outcome: 'NO_RESPONSE', in_flight: 1, message: expect.any(String) },
    ]);
    const run = await w.app.ledger.read.get<{ state: string; message: string }>(
      "SELECT state, message FROM job_runs WHERE service = 'PD' ORDER BY id DESC LIMIT 1",
    );
    expect(run).toEqual({ state: 'failed', message: expect.stringMatching(/refused this row/) });

    // Asked again, it applies.
    await w.app.engine.run('PD', { trigger: 'manual', piId: broken });
    expect((await piState(w.app, broken!)).status).toBe('Completed');
  });
});
