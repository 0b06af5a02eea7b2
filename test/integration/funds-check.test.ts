// `check` proven to catch: a ledger built through the real path (sandbox, engine, revised PI),
// then one breach planted by hand, as a bug or a crash would leave it, and expected listed.
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  beneficiariesOn,
  completedPi,
  fund,
  importPayment,
  openWorld,
  piRow,
  type FundsWorld,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';
import type { Breach } from '../../shared/types';

const dir = tempDir();
let worlds = 0;

interface Ledger {
  w: FundsWorld;
  /** Completed original: line 1 paid (Rs. 10), line 2 failed (Rs. 20) and revised. */
  piId: number;
  paid: { id: number };
  failed: { id: number };
  corId: number;
  cor: { id: number };
  sql(text: string, params?: unknown[]): Promise<void>;
}

/** A clean ledger with a funded sanction, a Completed PI and a revised PI of its failed line. */
async function ledger(): Promise<Ledger> {
  const w = await openWorld(dir, `check-${++worlds}`);
  onTestFinished(() => w.close());
  await fund(w, 'K1', 1_000);
  const piId = await completedPi(w, 'CHK', [10, 20], [2]);
  const [paid, failed] = await beneficiariesOn(w.app, piId);
  const res = await createRevisedPi(w.app, {
    piId,
    beneficiaries: [{ beneficiaryId: failed!.id, correctedAccountNo: '300012345618' }],
  });
  const [cor] = await beneficiariesOn(w.app, res.piId);
  expect(await runCheck(w.app)).toMatchObject({ ok: true, breaches: [] });
  return {
    w,
    piId,
    paid: paid!,
    failed: failed!,
    corId: res.piId,
    cor: cor!,
    sql: async (text, params = []) => {
      await w.app.ledger.write((tx) => tx.run(text, params));
    },
  };
}

async function breaches(l: Ledger): Promise<Breach[]> {
  const res = await runCheck(l.w.app);
  expect(res.ok).toBe(false);
  return res.breaches;
}

const breach = (kind: Breach['kind'], message: RegExp, ids: Partial<Breach> = {}) =>
  expect.objectContaining({ kind, message: expect.stringMatching(message), ...ids });

/** A second revised PI for the same failed line, as a lost-answer bug would make. */
async function plantRevision(l: Ledger, amountPaise: number, parent: number | null) {
  await l.sql(
    `INSERT INTO pis (kind, bill_no, bill_date, payment_id, parent_pi_id, sanction_id, hoa, ddo_code, grantee_code,
                      ssu_ia_id, scheme_code, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, purpose,
                      gross_paise, net_paise, status, created_at, updated_at)
     SELECT kind, 'COR-PLANTED', bill_date, payment_id, parent_pi_id, sanction_id, hoa, ddo_code, grantee_code,
            ssu_ia_id, scheme_code, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, purpose,
            ?, ?, 'Initiated', created_at, updated_at FROM pis WHERE id = ?`,
    [amountPaise, amountPaise, l.corId],
  );
  await l.sql(
    `INSERT INTO beneficiaries (pi_id, benf_id, parent_beneficiary_id, name, account_no, ifsc, amount_paise, status, updated_at)
     SELECT (SELECT id FROM pis WHERE bill_no = 'COR-PLANTED'), benf_id, ?, name, account_no, ifsc, ?, 'Payment Initiated', updated_at
       FROM beneficiaries WHERE id = ?`,
    [parent, amountPaise, l.cor.id],
  );
}

describe('check lists each kind of breach planted in a real ledger', () => {
  it('a failed beneficiary paid again by two revised PIs (double revision)', async () => {
    const l = await ledger();
    await plantRevision(l, 2_000, l.failed.id);
    expect(await breaches(l)).toEqual([
      breach('conservation', /CHK-B2 on PI-1013\S+ is paid again by 2 revised PIs/, {
        piId: l.piId,
      }),
      breach('conservation', /CHK-B2 on PI-\S+: Rs\. 20\.00 ≠ paid 0\.00 \+ in flight 40\.00/),
    ]);
  });

  it('a Failed PI whose debit was never released (missing release)', async () => {
    const l = await ledger();
    l.w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const pending = await pushPayment(l.w.app, await importPayment(l.w.app, 'CHK-2', [5]));
    expect(pending.status).toBe('Pending');
    await l.sql(`UPDATE pis SET status = 'Failed' WHERE id = ?`, [pending.piId]);
    expect(await breaches(l)).toEqual([
      breach('funds', new RegExp(`^${pending.billNo} is Failed but still holds 500 paise`), {
        piId: pending.piId,
      }),
    ]);
  });

  it('a Declined PI that still holds its debit', async () => {
    const l = await ledger();
    await l.sql(`UPDATE pis SET status = 'Declined' WHERE id = ?`, [l.piId]);
    expect(await breaches(l)).toEqual(
      expect.arrayContaining([
        breach('funds', /is Declined but still holds 3000 paise/, { piId: l.piId }),
        breach('ledger', /is Declined \(funds released\) but 2 beneficiaries were paid/),
      ]),
    );
  });

  it('a revised PI that pays an amount other than the failed one', async () => {
    const l = await ledger();
    await l.sql('UPDATE beneficiaries SET amount_paise = 2100 WHERE id = ?', [l.cor.id]);
    await l.sql('UPDATE pis SET gross_paise = 2100, net_paise = 2100 WHERE id = ?', [l.corId]);
    expect(await breaches(l)).toEqual([
      breach('conservation', /CHK-B2: revised PI COR-\S+ pays 2100 paise for a failed 2000/, {
        piId: l.piId,
      }),
      breach('conservation', /Rs\. 20\.00 ≠ paid 0\.00 \+ in flight 21\.00 \+ failed 0\.00/),
    ]);
  });

  it('a revision without an original', async () => {
    const l = await ledger();
    await l.sql('UPDATE beneficiaries SET parent_beneficiary_id = NULL WHERE id = ?', [l.cor.id]);
    expect(await breaches(l)).toEqual([
      breach('conservation', /CHK-B2 on revised PI COR-\S+ pays no failed beneficiary/, {
        piId: l.corId,
      }),
    ]);
  });

  it('a paid beneficiary that is also paid again by a revised PI', async () => {
    const l = await ledger();
    await l.sql('UPDATE beneficiaries SET parent_beneficiary_id = ? WHERE id = ?', [
      l.paid.id,
      l.cor.id,
    ]);
    expect(await breaches(l)).toEqual(
      expect.arrayContaining([
        breach('conservation', /CHK-B1 on PI-\S+ is Payment Successful but also paid again/),
      ]),
    );
  });

  it('a balance unequal to its transactions', async () => {
    const l = await ledger();
    await l.sql('UPDATE funds_summary SET available_paise = available_paise - 1');
    expect(await breaches(l)).toEqual([
      breach(
        'funds',
        /^Sanction K1: summary says allotted 100000, available 96999 paise; its transactions add up to 100000 and 97000\.$/,
        { piId: null },
      ),
    ]);
  });

  it('an allotted total unequal to its transactions', async () => {
    const l = await ledger();
    await l.sql('UPDATE funds_summary SET allotted_paise = allotted_paise + 1');
    expect(await breaches(l)).toEqual([breach('funds', /summary says allotted 100001/)]);
  });

  it('a sanction without its summary row', async () => {
    const l = await ledger();
    await l.sql('DELETE FROM funds_summary');
    expect(await breaches(l)).toEqual([breach('funds', /^Sanction K1 has no funds summary row/)]);
  });

  it('a PI debited twice', async () => {
    const l = await ledger();
    await l.sql(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       SELECT sanction_id, 'pi_debit', 0, -1, pi_id, 'planted', at FROM funds_transactions WHERE pi_id = ?`,
      [l.piId],
    );
    expect(await breaches(l)).toEqual([
      breach('funds', /\(Completed\) has 2 debits; it must have exactly one/, { piId: l.piId }),
      breach('funds', /\(Completed\) holds 3001 paise; it should hold 3000 \(gross 3000\)/),
    ]);
  });

  it('a PI holding funds on two sanctions', async () => {
    const l = await ledger();
    await fund(l.w, 'K2', 10);
    await l.sql(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       SELECT s.id, 'pi_release', 0, 0, ?, 'planted', 0 FROM sanctions s WHERE s.mst_allotment_dist_id = 'K2'`,
      [l.piId],
    );
    expect(await breaches(l)).toEqual([breach('funds', /has funds transactions on 2 sanctions/)]);
  });

  it('a revised PI with funds transactions of its own', async () => {
    const l = await ledger();
    await l.sql(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       SELECT sanction_id, 'pi_debit', 0, -2000, ?, 'planted', at FROM funds_transactions WHERE pi_id = ?`,
      [l.corId, l.piId],
    );
    expect(await breaches(l)).toEqual([
      breach('funds', /^Revised PI COR-\S+ has funds transactions of its own \(net -2000/, {
        piId: l.corId,
      }),
    ]);
  });

  it('beneficiaries that do not add up to the gross, and a gross unlike its payment', async () => {
    const l = await ledger();
    await l.sql('UPDATE payments SET gross_paise = gross_paise + 5');
    expect(await breaches(l)).toEqual([
      breach('ledger', /^PI-\S+: gross 3000 paise differs from its payment's 3005\.$/),
    ]);
    await l.sql('UPDATE payments SET gross_paise = gross_paise - 5');
    await l.sql('UPDATE beneficiaries SET amount_paise = 999 WHERE id = ?', [l.paid.id]);
    expect(await breaches(l)).toEqual([
      breach('ledger', /^PI-\S+: beneficiaries add up to 2999 paise, gross is 3000\.$/),
    ]);
  });

  it('a failed line moved to a new payment no longer counts as held by the original', async () => {
    const l = await ledger();
    expect((await piRow(l.w.app, l.piId)).status).toBe('Completed');
    // Moved without its release: the original then holds more than its gross less the moved amount.
    await l.sql('UPDATE beneficiaries SET moved_to_payment_id = 1 WHERE id = ?', [l.paid.id]);
    expect(await breaches(l)).toEqual(
      expect.arrayContaining([breach('funds', /holds 3000 paise; it should hold 2000/)]),
    );
  });
});
