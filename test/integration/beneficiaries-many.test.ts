// A batch's beneficiaries are read back for all its PIs at once (one JSON array per PI, not
// the driver's row objects): every field must come back as the one-PI read gives it, or the
// answers' checks would compare against the wrong values (an account read as an IFSC, a
// benfId of digits turned into a number and never matched).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../main/ledger/ledger';
import { insertPi } from '../../main/core/pi/pi-store';
import { beneficiariesOf, beneficiariesOfMany } from '../../main/core/reconcile/beneficiaries';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { T0 } from '../support/world';

const dir = tempDir('jit-benf-many-');
let ledger: Ledger;
let ids: number[];

beforeAll(async () => {
  ledger = await Ledger.open(path.join(dir, 'ledger.db'));
  const odd = samplePi('PI-1013/2023-24/000002', 3);
  odd.beneficiaries[0] = { ...odd.beneficiaries[0]!, benfId: '007', mobile: null };
  odd.beneficiaries[1] = { ...odd.beneficiaries[1]!, ifsc: 'hdfc0000001', amountPaise: 1 };
  ids = await ledger.write(async (tx) => [
    await insertPi(tx, samplePi('PI-1013/2023-24/000001', 4), T0),
    await insertPi(tx, odd, T0),
    await insertPi(tx, samplePi('PI-1013/2023-24/000003', 2), T0),
  ]);
  await ledger.write(async (tx) => {
    await tx.run(
      `UPDATE beneficiaries SET status = 'Payment Successful', utr_no = 'UTR-1' WHERE pi_id = ? AND benf_id = 'B0002'`,
      [ids[0]],
    );
  });
});
afterAll(() => ledger.close());

describe('beneficiariesOfMany', () => {
  it('gives each PI exactly the rows, fields and types the one-PI read gives', async () => {
    const { many, one } = await ledger.write(async (tx) => ({
      many: await beneficiariesOfMany(tx, [...ids, 999_999]),
      one: await Promise.all(ids.map((id) => beneficiariesOf(tx, id))),
    }));
    expect(one[0]!.size).toBe(4);
    expect(one[0]!.get('B0002')).toMatchObject({ status: 'Payment Successful', utrNo: 'UTR-1' });
    expect(one[1]!.get('007')).toMatchObject({ benfId: '007', mobile: null });
    expect(one[1]!.get('B0002')).toMatchObject({ ifsc: 'hdfc0000001', amountPaise: 1 });
    for (const [i, id] of ids.entries()) expect(many.get(id)).toEqual(one[i]);
    expect(many.has(999_999)).toBe(false);
  });
});
