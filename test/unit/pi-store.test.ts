import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { Ledger } from '../../main/ledger/ledger';
import { insertPi } from '../../main/core/pi/pi-store';
import { listPis, getPi } from '../../main/core/pi/pi-queries';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';

const dir = tempDir();

describe('PI store and queries', () => {
  it('creates a PI with its beneficiaries and audit rows, and lists it', async () => {
    const ledger = await Ledger.open(path.join(dir, 'pis.db'));
    const id = await ledger.write((tx) =>
      insertPi(tx, samplePi('PI-1013/2023-24/000001', 3), 1_700_000_000_000),
    );
    const page = await listPis(ledger, { limit: 10, offset: 0 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      id,
      billNo: 'PI-1013/2023-24/000001',
      beneficiaryCount: 3,
      status: 'Initiated',
      grossPaise: 300_000,
    });
    const detail = await getPi(ledger, id);
    expect(detail.beneficiaries.map((b) => b.amountPaise)).toEqual([100_000, 100_000, 100_000]);
    expect(detail.history.filter((h) => h.entity !== 'beneficiaries')).toHaveLength(4);
    expect(detail.history.filter((h) => h.entity === 'beneficiaries')).toMatchObject([
      { label: '3 beneficiaries', count: 3 },
    ]);
    expect(detail.actions).toEqual([{ kind: 'refresh', service: 'PIS', label: 'Refresh (PIS)' }]);
    await expect(getPi(ledger, 999)).rejects.toThrow('Payment instruction 999 was not found.');
    await ledger.close();
  });

  it('finds PIs by a word of the bill number or its start, treating % and _ literally', async () => {
    const ledger = await Ledger.open(path.join(dir, 'search.db'));
    await ledger.write(async (tx) => {
      await insertPi(tx, samplePi('PI-1013/2023-24/000010', 1), 1);
      await insertPi(tx, samplePi('PI-1013/2023-24/000020', 1), 2);
    });
    expect(
      (await listPis(ledger, { search: '000010', limit: 10, offset: 0 })).rows.map((r) => r.billNo),
    ).toEqual(['PI-1013/2023-24/000010']);
    expect(
      (await listPis(ledger, { search: '2023-24/00002', limit: 10, offset: 0 })).rows.map(
        (r) => r.billNo,
      ),
    ).toEqual(['PI-1013/2023-24/000020']);
    expect((await listPis(ledger, { search: '%', limit: 10, offset: 0 })).total).toBe(0);
    await ledger.close();
  });
});

describe('PI list filters together', () => {
  it('combines status, kind and search', async () => {
    const ledger = await Ledger.open(path.join(dir, 'filters.db'));
    await ledger.write(async (tx) => {
      await insertPi(tx, samplePi('PI-1013/2023-24/000031', 1, { status: 'Approved' }), 1);
      await insertPi(tx, samplePi('PI-1013/2023-24/000032', 1), 2);
    });
    const page = await listPis(ledger, {
      status: 'Approved',
      kind: 'PI',
      search: '00003',
      limit: 10,
      offset: 0,
    });
    expect(page.rows.map((r) => r.billNo)).toEqual(['PI-1013/2023-24/000031']);
    expect(page.total).toBe(1);
    await ledger.close();
  });
});
