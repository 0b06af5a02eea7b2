// The funds channels answer through the real handler map and dispatcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { dispatch } from '../../main/ipc/dispatch';
import { fund, importPayment, openWorld, type FundsWorld } from './funds-support';

const dir = tempDir();
let w: FundsWorld;
beforeAll(async () => {
  w = await openWorld(dir, 'ipc');
});
afterAll(() => w.close());

describe('funds IPC channels', () => {
  it('answer funds, allotments, payments and the check; refuse a push without funds plainly', async () => {
    const { app } = w;
    await fund(w, 'I1', 10);
    const paymentId = await importPayment(app, 'IPC-1', [50]);
    expect(await dispatch(app.handlers, 'funds.summary', {})).toMatchObject({
      ok: true,
      data: [{ availablePaise: 1_000 }],
    });
    expect(await dispatch(app.handlers, 'allotments.list', {})).toMatchObject({
      ok: true,
      data: { total: 1 },
    });
    expect(await dispatch(app.handlers, 'payments.list', { search: 'IPC' })).toMatchObject({
      ok: true,
      data: { rows: [{ paymentNumber: 'IPC-1', canPush: true }] },
    });
    expect(await dispatch(app.handlers, 'pi.push', { paymentId })).toEqual({
      ok: false,
      error: {
        code: 'REFUSED',
        message: expect.stringMatching(/^Not enough funds for payment IPC-1/),
      },
    });
    expect(
      await dispatch(app.handlers, 'payments.import', { fileName: 'x.txt', content: 'hello' }),
    ).toMatchObject({ ok: true, data: { accepted: false } });
    expect(await dispatch(app.handlers, 'check.run', {})).toMatchObject({
      ok: true,
      data: { ok: true, breaches: [] },
    });
    expect(await dispatch(app.handlers, 'cor.check', { piId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
