// The ledger check, computed in SQL, finds each kind of breach: a sound ledger built through
// the real push, poller and revised-PI paths is copied, one rule is broken by hand on the
// copy, and the check must name exactly that breach.
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  beneficiariesOn,
  completedPi,
  fund,
  openTestApp,
  openWorld,
  type FundsWorld,
} from './funds-support';
import { createRevisedPi } from '../../main/core/pi/revise';
import { checkLedger, runCheck } from '../../main/core/funds/check';
import { Conn } from '../../main/ledger/conn';

const dir = tempDir();
/** Ids in the sound ledger: a completed PI with B2 failed and paid again by a revised PI. */
const ids = { pi: 0, cor: 0, paid: 0, failed: 0, kid: 0, other: 0, otherPayment: 0 };

const paymentOf = async (w: FundsWorld, number: string) =>
  (await w.app.ledger.read.get<{ id: number }>('SELECT id FROM payments WHERE payment_number = ?', [
    number,
  ]))!.id;

let sound: Promise<void> | undefined;
/**
 * The sound ledger, built for whichever test runs first (not in a beforeAll: mutation testing
 * then knows which test ran the money code it covers).
 */
function soundLedger(): Promise<void> {
  sound ??= buildSound();
  return sound;
}

async function buildSound(): Promise<void> {
  const w = await openWorld(dir, 'sound');
  try {
    await fund(w, 'C1', 100_000);
    await fund(w, 'C2', 100_000);
    const piId = await completedPi(w, 'CHK-1', [10, 20, 30], [2]);
    const [paid, failed] = await beneficiariesOn(w.app, piId);
    const cor = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed!.id }],
    });
    const [kid] = await beneficiariesOn(w.app, cor.piId);
    const other = await completedPi(w, 'CHK-2', [5], []);
    Object.assign(ids, {
      pi: piId,
      cor: cor.piId,
      paid: paid!.id,
      failed: failed!.id,
      kid: kid!.id,
      other,
      otherPayment: await paymentOf(w, 'CHK-2'),
    });
  } finally {
    await w.close();
  }
}

// Each test's SQL names ids of the sound ledger, so it is there before the test body runs.
beforeEach(() => soundLedger());

let copies = 0;
/** A copy of the sound ledger broken by `sql`: its name in `dir`, and the open copy. */
async function brokenCopy(sql: string): Promise<{ name: string; db: Conn }> {
  const name = `broken-${++copies}`;
  const file = path.join(dir, `${name}.db`);
  const sound = await Conn.open(path.join(dir, 'sound.db'));
  await sound.run('VACUUM INTO ?', [file]);
  await sound.close();
  const db = await Conn.open(file);
  await db.exec(sql);
  return { name, db };
}

/** The check's breaches on a copy of the sound ledger after `sql` broke it. */
async function breachesAfter(sql: string) {
  const { db } = await brokenCopy(sql);
  try {
    return (await checkLedger(db)).map((b) => `${b.kind}: ${b.message}`);
  } finally {
    await db.close();
  }
}

describe('ledger check', () => {
  it('finds nothing on the sound ledger, which has a revised PI in it', async () => {
    expect(await breachesAfter('SELECT 1')).toEqual([]);
  });

  it('Verify ledger on a console whose ledger breaks a rule shows its progress and says it is not ok, with the breach', async () => {
    const { name, db } = await brokenCopy(
      'UPDATE funds_summary SET allotted_paise = allotted_paise + 1 WHERE sanction_id = 1',
    );
    await db.close();
    const app = await openTestApp(dir, name);
    try {
      const progress: Array<{ done: number; total: number; table: string | null }> = [];
      app.events.on('check.progress', (p) => progress.push(p));
      const result = await runCheck(app);
      // The window shows how far the file check is, table by table, to the end.
      expect(progress.length).toBeGreaterThan(2);
      expect(progress[0]).toMatchObject({ done: 0, table: expect.any(String) });
      expect(progress.at(-1)).toEqual({
        done: progress[0]!.total,
        total: progress[0]!.total,
        table: null,
      });
      expect(result.ok).toBe(false);
      expect(result.breaches).toEqual([
        expect.objectContaining({
          kind: 'funds',
          message: expect.stringMatching(/^Sanction C1: /),
        }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('finds a funds summary that is not the sum of its transactions, or missing', async () => {
    expect(
      await breachesAfter(
        'UPDATE funds_summary SET allotted_paise = allotted_paise + 1 WHERE sanction_id = 1',
      ),
    ).toEqual([
      expect.stringMatching(
        /^funds: Sanction C1: summary says allotted 10000001, available \d+ paise; its transactions add up to 10000000 and \d+\.$/,
      ),
    ]);
    expect(await breachesAfter('DELETE FROM funds_summary WHERE sanction_id = 2')).toEqual([
      'funds: Sanction C2 has no funds summary row.',
    ]);
  });

  it('finds negative available funds', async () => {
    const found = await breachesAfter(
      'PRAGMA ignore_check_constraints = ON; UPDATE funds_summary SET available_paise = -5 WHERE sanction_id = 2',
    );
    expect(found).toEqual([
      expect.stringMatching(/^funds: Sanction C2: summary says .* available -5 paise/),
      'funds: Sanction C2 has negative available funds (-5 paise).',
    ]);
  });

  it('finds a revised PI with funds of its own', async () => {
    expect(
      await breachesAfter(
        `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, at)
         VALUES (1, 'pi_debit', 0, -100, ${ids.cor}, 1)`,
      ),
    ).toEqual([
      expect.stringMatching(
        /^funds: Revised PI .* has funds transactions of its own \(net -100 paise\)\.$/,
      ),
    ]);
  });

  it('finds negative available funds even where the summary is the sum of its transactions', async () => {
    expect(
      await breachesAfter(
        `PRAGMA ignore_check_constraints = ON;
         INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, at)
         VALUES (2, 'withdrawal', 0, -10000005, NULL, 1)`,
      ),
    ).toEqual(['funds: Sanction C2 has negative available funds (-5 paise).']);
  });

  it('finds a revised PI that only released funds, or took a debit of nothing', async () => {
    const tx = (kind: string, delta: number) =>
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, at)
       VALUES (1, '${kind}', 0, ${delta}, ${ids.cor}, 1)`;
    // Each half of "net or debits" alone must be a breach: a revised PI moves no funds at all.
    expect(await breachesAfter(tx('pi_release', 100))).toEqual([
      expect.stringMatching(
        /^funds: Revised PI .* has funds transactions of its own \(net 100 paise\)\.$/,
      ),
    ]);
    expect(await breachesAfter(tx('pi_debit', 0))).toEqual([
      expect.stringMatching(
        /^funds: Revised PI .* has funds transactions of its own \(net 0 paise\)\.$/,
      ),
    ]);
  });

  it('compares a summary with no transactions to nothing, and takes zero available as no breach', async () => {
    // The ledger refuses to delete a funds transaction: the trigger goes first.
    const deleted = await breachesAfter(
      'DROP TRIGGER funds_tx_no_delete; DELETE FROM funds_transactions WHERE sanction_id = 2',
    );
    expect(deleted).toEqual([
      'funds: Sanction C2: summary says allotted 10000000, available 10000000 paise; its transactions add up to 0 and 0.',
    ]);
    // Zero is the least a sanction may hold: only the summary's mismatch is a breach.
    expect(
      await breachesAfter('UPDATE funds_summary SET available_paise = 0 WHERE sanction_id = 2'),
    ).toEqual([
      'funds: Sanction C2: summary says allotted 10000000, available 0 paise; its transactions add up to 10000000 and 10000000.',
    ]);
  });

  it('finds a PI with two debits, the wrong amount held, or debits on two sanctions', async () => {
    const debit = (sanction: number, delta: number) =>
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, at)
       VALUES (${sanction}, 'pi_debit', 0, ${delta}, ${ids.other}, 1)`;
    expect(await breachesAfter(debit(1, 0))).toEqual([
      expect.stringMatching(/^funds: \S+ \(Completed\) has 2 debits; it must have exactly one\.$/),
    ]);
    expect(
      await breachesAfter(
        `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, at)
         VALUES (1, 'pi_release', 0, 100, ${ids.other}, 1)`,
      ),
    ).toEqual([
      expect.stringMatching(
        /^funds: \S+ \(Completed\) holds 400 paise; it should hold 500 \(gross 500\)\.$/,
      ),
    ]);
    expect(await breachesAfter(debit(2, 0))).toEqual([
      expect.stringMatching(/has 2 debits/),
      expect.stringMatching(/^funds: \S+ has funds transactions on 2 sanctions\.$/),
    ]);
  });

  it('finds a failed PI that still holds funds and has beneficiaries paid', async () => {
    expect(await breachesAfter(`UPDATE pis SET status = 'Failed' WHERE id = ${ids.other}`)).toEqual(
      [
        expect.stringMatching(/^funds: \S+ is Failed but still holds 500 paise\.$/),
        expect.stringMatching(
          /^ledger: \S+ is Failed \(funds released\) but 1 beneficiaries were paid or are being paid\.$/,
        ),
      ],
    );
  });

  it('finds a declined PI that still holds funds, and a failed one whose beneficiaries never reached the bank but do not add up', async () => {
    expect(
      await breachesAfter(`UPDATE pis SET status = 'Declined' WHERE id = ${ids.other}`),
    ).toEqual([
      expect.stringMatching(/^funds: \S+ is Declined but still holds 500 paise\.$/),
      expect.stringMatching(/^ledger: \S+ is Declined \(funds released\) but 1 beneficiaries/),
    ]);
    // No beneficiary paid or in flight: the gross mismatch is the only ledger breach.
    expect(
      await breachesAfter(
        `UPDATE pis SET status = 'Failed' WHERE id = ${ids.other};
         UPDATE beneficiaries SET status = 'Payment Initiated', amount_paise = 400 WHERE pi_id = ${ids.other}`,
      ),
    ).toEqual([
      expect.stringMatching(/^funds: \S+ is Failed but still holds 500 paise\.$/),
      expect.stringMatching(/^ledger: \S+: beneficiaries add up to 400 paise, gross is 500\.$/),
    ]);
  });

  it('counts a revised PI’s beneficiary that failed again as failed, which conserves its amount', async () => {
    expect(
      await breachesAfter(
        `UPDATE beneficiaries SET status = 'Payment Failed' WHERE id = ${ids.kid}`,
      ),
    ).toEqual([]);
  });

  it('counts a failed amount moved to a new payment as released from its chain’s original PI', async () => {
    // Moved from the revised PI: the original PI should now hold 20 rupees less.
    expect(
      await breachesAfter(
        `UPDATE beneficiaries SET moved_to_payment_id = ${ids.otherPayment} WHERE id = ${ids.kid}`,
      ),
    ).toEqual([
      expect.stringMatching(
        /^funds: \S+ \(Completed\) holds 6000 paise; it should hold 4000 \(gross 6000\)\.$/,
      ),
    ]);
  });

  it('finds beneficiaries that do not add up to the gross, and a gross unlike its payment', async () => {
    expect(
      await breachesAfter(
        `UPDATE beneficiaries SET amount_paise = amount_paise + 1 WHERE id = ${ids.paid}`,
      ),
    ).toEqual([
      expect.stringMatching(/^ledger: \S+: beneficiaries add up to 6001 paise, gross is 6000\.$/),
    ]);
    expect(
      await breachesAfter(`UPDATE payments SET gross_paise = 7000 WHERE id = ${ids.otherPayment}`),
    ).toEqual([
      expect.stringMatching(/^ledger: \S+: gross 500 paise differs from its payment's 7000\.$/),
    ]);
  });

  it('finds a PI with no beneficiaries, and compares no gross with a PI that has no payment', async () => {
    expect(await breachesAfter(`DELETE FROM beneficiaries WHERE pi_id = ${ids.other}`)).toEqual([
      expect.stringMatching(/^ledger: \S+: beneficiaries add up to 0 paise, gross is 500\.$/),
    ]);
    expect(
      await breachesAfter(
        `UPDATE pis SET payment_id = NULL WHERE id = ${ids.other};
         UPDATE beneficiaries SET amount_paise = 400 WHERE pi_id = ${ids.other}`,
      ),
    ).toEqual([
      expect.stringMatching(/^ledger: \S+: beneficiaries add up to 400 paise, gross is 500\.$/),
    ]);
  });

  it('finds a payment with two live PIs', async () => {
    const found = await breachesAfter(
      `UPDATE pis SET payment_id = ${ids.otherPayment} WHERE id = ${ids.pi}`,
    );
    expect(found).toContain('ledger: Payment CHK-2 has 2 live payment instructions.');
  });

  it('finds a failed beneficiary paid again twice, or paid again though it did not fail', async () => {
    const twice = await breachesAfter(
      `INSERT INTO beneficiaries (pi_id, benf_id, parent_beneficiary_id, name, account_no, ifsc, amount_paise, status, updated_at)
       SELECT pi_id, benf_id || '-again', parent_beneficiary_id, name, account_no, ifsc, amount_paise, status, updated_at
         FROM beneficiaries WHERE id = ${ids.kid}`,
    );
    expect(twice).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ledger: .*beneficiaries add up to 4000 paise, gross is 2000\.$/),
        expect.stringMatching(/^conservation: CHK-1-B2 on \S+ is paid again by 2 revised PIs\.$/),
        expect.stringMatching(
          /^conservation: CHK-1-B2 on \S+: Rs\. 20\.00 ≠ paid 0\.00 \+ in flight 40\.00 \+ failed 0\.00\.$/,
        ),
      ]),
    );
    expect(twice).toHaveLength(3);

    const notFailed = await breachesAfter(
      `UPDATE beneficiaries SET status = 'Payment Successful' WHERE id = ${ids.failed}`,
    );
    expect(notFailed).toEqual([
      expect.stringMatching(
        /^conservation: CHK-1-B2 on \S+ is Payment Successful but also paid again by a revised PI\.$/,
      ),
      expect.stringMatching(
        /^conservation: CHK-1-B2 on \S+: Rs\. 20\.00 ≠ paid 20\.00 \+ in flight 20\.00 \+ failed 0\.00\.$/,
      ),
    ]);
  });

  it('finds a revised PI’s beneficiary paid again though it did not fail, once, on its original', async () => {
    // A revision of a revision: the revised PI's beneficiary, not failed, gets a child of its own.
    const found = await breachesAfter(
      `INSERT INTO beneficiaries (pi_id, benf_id, parent_beneficiary_id, name, account_no, ifsc, amount_paise, status, updated_at)
       SELECT pi_id, benf_id || '-again', id, name, account_no, ifsc, amount_paise, status, updated_at
         FROM beneficiaries WHERE id = ${ids.kid}`,
    );
    expect(found).toEqual([
      expect.stringMatching(/^ledger: .*beneficiaries add up to 4000 paise, gross is 2000\.$/),
      expect.stringMatching(
        /^conservation: CHK-1-B2 on \S+ is .* but also paid again by a revised PI\.$/,
      ),
      // The sums are checked from the original PI's beneficiary only, not again from the revised one.
      expect.stringMatching(/^conservation: CHK-1-B2 on \S+: Rs\. 20\.00 ≠ paid /),
    ]);
  });

  it('finds a revised PI paying another amount than failed, and one paying no failed beneficiary', async () => {
    const amount = await breachesAfter(
      `UPDATE beneficiaries SET amount_paise = 1500 WHERE id = ${ids.kid}`,
    );
    expect(amount).toEqual([
      expect.stringMatching(/^ledger: .*beneficiaries add up to 1500 paise, gross is 2000\.$/),
      expect.stringMatching(
        /^conservation: CHK-1-B2: revised PI \S+ pays 1500 paise for a failed 2000\.$/,
      ),
      expect.stringMatching(
        /^conservation: CHK-1-B2 on \S+: Rs\. 20\.00 ≠ paid 0\.00 \+ in flight 15\.00/,
      ),
    ]);
    expect(
      await breachesAfter(
        `UPDATE beneficiaries SET parent_beneficiary_id = NULL WHERE id = ${ids.kid}`,
      ),
    ).toEqual([
      expect.stringMatching(
        /^conservation: CHK-1-B2 on revised PI \S+ pays no failed beneficiary\.$/,
      ),
    ]);
  });
});
