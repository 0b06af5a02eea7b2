// Search on the PI list through the contract, over the full-text index that triggers keep in
// step with the ledger: PIs written by the real insert path, then PIS, PAG and PD answered
// by the sandbox over HTTP and applied by the engine (PD brings the UTRs).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import { seedPis, startWorld, type World } from '../support/world';
import { dispatch } from '../../main/ipc/dispatch';
import { Ledger } from '../../main/ledger/ledger';
import { MIGRATIONS } from '../../main/ledger/migrations';
import { insertPi } from '../../main/core/pi/pi-store';
import { listPis } from '../../main/core/pi/pi-queries';
import type { PiPage } from '../../shared/types';

const dir = tempDir('jit-search-');
let world: World;
let piIds: number[];

const kuni = {
  benfId: 'MGN-0042',
  name: 'Kuni Majhi',
  accountNo: '300012349012',
  ifsc: 'SBIN0003491',
  mobile: '9437012345',
  amountPaise: 150_000,
  status: 'Payment Initiated' as const,
};

function pis() {
  const plain = samplePi('PI-1013/2023-24/000101', 3);
  const withKuni = samplePi('PI-1013/2023-24/000102', 2);
  withKuni.beneficiaries.push(kuni);
  withKuni.grossPaise += kuni.amountPaise;
  withKuni.netPaise += kuni.amountPaise;
  return [plain, withKuni, samplePi('PI-1013/2023-24/000103', 1)];
}

async function search(text: string, extra: Record<string, unknown> = {}): Promise<PiPage> {
  const res = await dispatch(world.app.handlers, 'pi.list', { search: text, ...extra });
  if (!res.ok) throw new Error(res.error.message);
  return res.data as PiPage;
}

const bills = (p: PiPage) => p.rows.map((r) => r.billNo);

beforeAll(async () => {
  world = await startWorld(dir, 'search');
  piIds = await seedPis(world, pis());
  for (const s of ['PIS', 'PAG', 'PD'] as const) {
    const run = await world.app.engine.run(s, { trigger: 'manual' });
    expect(run.outcomes.OK, s).toBe(3);
  }
});
afterAll(() => world?.close());

describe('PI search', () => {
  it('finds a beneficiary by name, in any order and by the start of each word, and shows her', async () => {
    for (const text of ['Kuni Majhi', 'majhi kuni', 'kun maj']) {
      const page = await search(text);
      expect(bills(page), text).toEqual(['PI-1013/2023-24/000102']);
      expect(page.total).toBe(1);
      expect(page.rows[0]!.match).toMatchObject({
        benfId: 'MGN-0042',
        name: 'Kuni Majhi',
        accountNo: '300012349012',
        status: 'Payment Successful',
      });
    }
  });

  it('finds her by the last digits of her account or the whole of it, not by digits in its middle', async () => {
    for (const text of ['9012', '49012', '300012349012'])
      expect(bills(await search(text)), text).toEqual(['PI-1013/2023-24/000102']);
    expect(bills(await search('1234'))).toEqual([]);
  });

  it('finds her by the UTR that PD wrote, by her beneficiary id and by her mobile', async () => {
    const utr = (await world.app.ledger.read.get<{ utr_no: string | null }>(
      'SELECT utr_no FROM beneficiaries WHERE benf_id = ?',
      [kuni.benfId],
    ))!.utr_no;
    expect(utr).toBeTruthy();
    for (const text of [utr!, 'MGN-0042', '9437012345']) {
      const page = await search(text);
      expect(bills(page), text).toEqual(['PI-1013/2023-24/000102']);
      expect(page.rows[0]!.match?.utrNo).toBe(utr);
    }
  });

  it('finds a PI by its bill number, part of it, or the JIT PI id, with no beneficiary shown', async () => {
    const pmt = (await world.app.ledger.read.get<{ pmt_inst_id: string }>(
      'SELECT pmt_inst_id FROM pis WHERE id = ?',
      [piIds[2]],
    ))!.pmt_inst_id;
    for (const text of ['PI-1013/2023-24/000103', '000103', pmt]) {
      const page = await search(text);
      expect(bills(page), text).toEqual(['PI-1013/2023-24/000103']);
      expect(page.rows[0]!.match).toBeNull();
    }
  });

  it('counts each status tab for the same search, and filters by status within it', async () => {
    const page = await search('Wage Seeker');
    expect(bills(page)).toEqual([
      'PI-1013/2023-24/000103',
      'PI-1013/2023-24/000102',
      'PI-1013/2023-24/000101',
    ]);
    expect(page.counts.Completed).toBe(3);
    expect(page.counts.Initiated).toBe(0);
    expect((await search('Wage Seeker', { status: 'Initiated' })).rows).toEqual([]);
    expect((await search('Wage Seeker', { status: 'Completed', limit: 1 })).total).toBe(3);
  });

  it('treats what the user typed as words, never as search syntax', async () => {
    for (const text of ['"', 'NEAR(', 'name:Kuni', '*', 'Kuni" OR "x']) {
      const res = await dispatch(world.app.handlers, 'pi.list', { search: text });
      expect(res.ok, text).toBe(true);
    }
    expect(bills(await search('(Kuni*"'))).toEqual(['PI-1013/2023-24/000102']);
  });
});

describe('the search index migration', () => {
  it('indexes the PIs and beneficiaries already in a ledger it upgrades', async () => {
    const file = path.join(dir, 'old.db');
    const search = MIGRATIONS.find((m) =>
      m.sql.includes('CREATE VIRTUAL TABLE beneficiary_search'),
    )!;
    const before = MIGRATIONS.filter((m) => m.version < search.version);
    const old = await Ledger.open(file, { migrations: before });
    await old.write((tx) => insertPi(tx, pis()[1]!, Date.now()));
    await old.close();

    const upgraded = await Ledger.open(file);
    try {
      const page = await listPis(upgraded, { search: '9012', limit: 10, offset: 0 });
      expect(page.rows.map((r) => [r.billNo, r.match?.name])).toEqual([
        ['PI-1013/2023-24/000102', 'Kuni Majhi'],
      ]);
    } finally {
      await upgraded.close();
    }
  });

  it('moves the UTRs of a ledger it upgrades to their own index, and keeps it in step', async () => {
    const file = path.join(dir, 'utr.db');
    const utrs = MIGRATIONS.find((m) => m.sql.includes('CREATE VIRTUAL TABLE utr_search'))!;
    const old = await Ledger.open(file, {
      migrations: MIGRATIONS.filter((m) => m.version < utrs.version),
    });
    await old.write(async (tx) => {
      await insertPi(tx, pis()[1]!, Date.now());
      await tx.run(
        `UPDATE beneficiaries SET utr_no = 'SBIN450088322242' WHERE benf_id = 'MGN-0042'`,
      );
    });
    await old.close();

    const upgraded = await Ledger.open(file);
    const found = async (text: string) =>
      (await listPis(upgraded, { search: text, limit: 10, offset: 0 })).rows.map((r) => [
        r.billNo,
        r.match?.name,
      ]);
    const kuniFound = [['PI-1013/2023-24/000102', 'Kuni Majhi']];
    try {
      expect(await found('SBIN450088322242')).toEqual(kuniFound);
      expect(await found('SBIN4500')).toEqual(kuniFound);
      expect(await found('Kuni 9012')).toEqual(kuniFound);
      // A UTR written or changed later is indexed by its trigger, the old one forgotten.
      await upgraded.write((tx) =>
        tx.run(`UPDATE beneficiaries SET utr_no = 'HDFC0000000077' WHERE benf_id = 'MGN-0042'`),
      );
      expect(await found('HDFC0000000077')).toEqual(kuniFound);
      expect(await found('SBIN450088322242')).toEqual([]);
      // A change of name re-indexes the name and leaves the UTR found.
      await upgraded.write((tx) =>
        tx.run(`UPDATE beneficiaries SET name = 'Kuni Sahu' WHERE benf_id = 'MGN-0042'`),
      );
      expect(await found('Sahu')).toEqual([['PI-1013/2023-24/000102', 'Kuni Sahu']]);
      expect(await found('Majhi')).toEqual([]);
      expect(await found('HDFC0000000077')).toEqual([['PI-1013/2023-24/000102', 'Kuni Sahu']]);
    } finally {
      await upgraded.close();
    }
  });
});
