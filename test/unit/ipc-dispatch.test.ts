// The IPC boundary: the handler map is exactly the contract, and dispatch refuses what does
// not fit before any handler runs.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { CHANNELS } from '../../shared/contract';
import { combineHandlers, createHandlers, type Handlers } from '../../main/ipc/handlers';
import { dispatch } from '../../main/ipc/dispatch';
import { openApp } from '../../main/app';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const noop = async () => ({}) as never;

describe('the handler map', () => {
  it('has exactly one handler per contract channel', async () => {
    const app = await openApp({
      dbPath: path.join(dir, 'map.db'),
      treasury: { call: async () => Promise.reject(new Error('not called')) },
      treasuryInfo: { kind: 'sandbox', baseUrl: 'none' },
    });
    expect(Object.keys(createHandlers(app)).sort()).toEqual([...CHANNELS].sort());
    await app.close();
  });

  it('refuses to start with a missing, duplicate or unknown handler, naming them', () => {
    const all = Object.fromEntries(CHANNELS.map((c) => [c, noop]));
    expect(() => combineHandlers([all])).not.toThrow();
    const { 'pi.get': _gone, ...missing } = all;
    expect(() => combineHandlers([missing])).toThrow(/no handler: pi\.get/);
    expect(() => combineHandlers([all, { 'pi.list': noop }])).toThrow(/handled twice: pi\.list/);
    expect(() => combineHandlers([all, { 'pi.delete': noop } as never])).toThrow(
      /not in the contract: pi\.delete/,
    );
  });
});

describe('dispatch', () => {
  const called: string[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      async (req: unknown) => {
        called.push(c);
        if (c === 'calls.get')
          throw new Error(
            'SQLITE_CONSTRAINT: UNIQUE failed: treasury_calls.id at /home/x/ledger.db',
          );
        return req;
      },
    ]),
  ) as unknown as Handlers;

  it('refuses a request of the wrong shape before any handler runs', async () => {
    const r = await dispatch(handlers, 'pi.get', { id: 'seven' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!r.ok && r.error.message).toMatch(/^Invalid request for pi\.get: .*id/);
    expect(await dispatch(handlers, 'pi.list', { status: 'Paid' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await dispatch(handlers, 'pi.get', { id: 1, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(called).toEqual([]);
  });

  it('refuses an unknown channel, including inherited names', async () => {
    for (const name of ['pi.delete', 'toString', '__proto__', 42]) {
      expect(await dispatch(handlers, name, {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
    expect(called).toEqual([]);
  });

  it('passes validated requests with defaults applied', async () => {
    expect(await dispatch(handlers, 'pi.list', {})).toEqual({
      ok: true,
      data: { limit: 200, offset: 0 },
    });
  });

  it('keeps internal error detail out of the answer', async () => {
    const r = await dispatch(handlers, 'calls.get', { id: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!r.ok && r.error.message).toMatch(
      /^Something went wrong while handling calls\.get\. Reference E\w+\.$/,
    );
  });
});
