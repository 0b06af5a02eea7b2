// Staged batch documents on the ledger's writer: the engine's set-based applies stage a
// batch's JSON by one statement and write from it by one exec. A staging that failed would
// only send every answer down the slower per-answer path, which no ledger comparison sees.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../main/ledger/ledger';
import { elementsOf, stage, writeStaged } from '../../main/ledger/staged';
import { tempDir } from '../support/tmp';

const dir = tempDir('jit-staged-');
let ledger: Ledger;

beforeAll(async () => {
  ledger = await Ledger.open(path.join(dir, 'staged.db'));
});
afterAll(() => ledger.close());

const elements = (name: string) =>
  ledger.write((tx) =>
    tx.all<{ value: string }>(`SELECT j.value ->> 'id' AS value FROM ${elementsOf(name)} j`),
  );

describe('staged documents', () => {
  it('are read back by name as rows, a later stage of a name replacing the earlier', async () => {
    await ledger.write((tx) =>
      stage(tx, { a: JSON.stringify([{ id: 1 }, { id: 2 }]), b: JSON.stringify([{ id: 3 }]) }),
    );
    expect(await elements('a')).toEqual([{ value: 1 }, { value: 2 }]);
    expect(await elements('b')).toEqual([{ value: 3 }]);
    await ledger.write((tx) => stage(tx, { a: JSON.stringify([{ id: 4 }]) }));
    expect(await elements('a')).toEqual([{ value: 4 }]);
  });

  it('are written from by one exec, then emptied', async () => {
    await ledger.write((tx) =>
      writeStaged(tx, [
        {
          docs: { d: JSON.stringify([{ id: 7 }, { id: 8 }]) },
          sql: `CREATE TEMP TABLE IF NOT EXISTS written (id INTEGER);
                INSERT INTO temp.written SELECT j.value ->> 'id' FROM ${elementsOf('d')} j;`,
        },
      ]),
    );
    const written = await ledger.write((tx) => tx.all('SELECT id FROM temp.written ORDER BY id'));
    expect(written).toEqual([{ id: 7 }, { id: 8 }]);
    expect(await elements('d')).toEqual([]);
  });

  it('of several writes run together, in order, and a name used twice is refused', async () => {
    const write = (name: string, id: number) => ({
      docs: { [name]: JSON.stringify([{ id }]) },
      sql: `CREATE TEMP TABLE IF NOT EXISTS together (id INTEGER);
            INSERT INTO temp.together SELECT j.value ->> 'id' FROM ${elementsOf(name)} j;`,
    });
    await ledger.write((tx) => writeStaged(tx, [write('e', 1), write('f', 2)]));
    const together = await ledger.write((tx) =>
      tx.all('SELECT id FROM temp.together ORDER BY rowid'),
    );
    expect(together).toEqual([{ id: 1 }, { id: 2 }]);
    await expect(
      ledger.write((tx) => writeStaged(tx, [write('g', 3), write('g', 4)])),
    ).rejects.toThrow('two staged documents named g');
  });

  it('survive a rolled-back transaction on the writer: the table is made outside any', async () => {
    await expect(
      ledger.write(async (tx) => {
        await stage(tx, { c: '[{"id": 5}]' });
        throw new Error('step failed');
      }),
    ).rejects.toThrow('step failed');
    expect(await elements('c')).toEqual([]);
    await ledger.write((tx) => stage(tx, { c: '[{"id": 6}]' }));
    expect(await elements('c')).toEqual([{ value: 6 }]);
  });
});
