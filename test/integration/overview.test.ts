// The Overview's one answer, from a ledger the real send path and nightly runs filled.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  completedPi,
  fund,
  HOA,
  HOA2,
  importPayment,
  testWorld,
  TENANT,
  type FundsWorld,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { corWindowEnd } from '../../main/core/pi/revise';
import { dispatch } from '../../main/ipc/dispatch';
import type { Overview } from '../../shared/overview';

const dir = tempDir();
const world = (): Promise<FundsWorld> => testWorld(dir, 'overview');

async function overviewOf(w: FundsWorld): Promise<Overview> {
  const res = await dispatch(w.app.handlers, 'overview.get', {});
  if (!res.ok) throw new Error(res.error.message);
  return res.data as Overview;
}

describe('overview', () => {
  it('answers an empty ledger with zeros, every status and every nightly service', async () => {
    const w = await world();
    const o = await overviewOf(w);
    expect(o.pis.map((p) => p.status)).toEqual([
      'Pending',
      'Initiated',
      'Approved',
      'In Process',
      'Completed',
      'Failed',
      'Declined',
    ]);
    expect(o.pis.every((p) => p.original === 0 && p.revised === 0)).toBe(true);
    expect(o.heads).toEqual([]);
    expect(o.runs.map((r) => r.service)).toContain('PIS');
    expect(o.runs.every((r) => r.lastRun === null)).toBe(true);
    expect(o.sms).toEqual({ sent: 0, queued: 0, failed: 0 });
    expect(o.failures).toEqual({
      beneficiaries: 0,
      amountPaise: 0,
      pis: 0,
      nearestReviseBy: null,
      nearestBillNo: null,
      nearestPiId: null,
    });
    expect(await dispatch(w.app.handlers, 'overview.get', { extra: 1 } as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('counts PIs by status, funds per head, the last runs, SMS and the open failures', async () => {
    const w = await world();
    await fund(w, 'S1', 1_000);
    await fund(w, 'S2', 300, { hoa: HOA2 });
    const done = await completedPi(w, 'OV-1', [10, 20, 30], [2, 3]);
    const second = await pushPayment(w.app, await importPayment(w.app, 'OV-2', [100]));
    expect(second.status).toBe('Initiated');
    await importPayment(w.app, 'OV-3', [5]);

    const o = await overviewOf(w);
    const count = (status: string) => o.pis.find((p) => p.status === status)!;
    expect(count('Completed')).toEqual({ status: 'Completed', original: 1, revised: 0 });
    expect(count('Initiated')).toEqual({ status: 'Initiated', original: 1, revised: 0 });
    expect(count('Pending').original).toBe(0);

    expect(o.heads).toEqual([
      {
        tenantId: TENANT,
        hoa: HOA,
        sanctions: 1,
        allottedPaise: 100_000,
        usedPaise: 6_000 + 10_000,
        availablePaise: 100_000 - 16_000,
      },
      {
        tenantId: TENANT,
        hoa: HOA2,
        sanctions: 1,
        allottedPaise: 30_000,
        usedPaise: 0,
        availablePaise: 30_000,
      },
    ]);

    const run = (service: string) => o.runs.find((r) => r.service === service)!.lastRun;
    expect(run('FD')).toMatchObject({ service: 'FD', state: 'done', failures: 0 });
    expect(run('PD')).toMatchObject({ service: 'PD', state: 'done' });
    expect(run('FTPS')).toBeNull();

    const sms = await w.app.ledger.read.all<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM sms_outbox GROUP BY status',
    );
    expect(o.sms.queued + o.sms.sent + o.sms.failed).toBe(sms.reduce((s, r) => s + r.n, 0));
    expect(o.sms.queued + o.sms.sent).toBeGreaterThanOrEqual(3);

    const bill = await w.app.ledger.read.get<{ billNo: string; billDate: string }>(
      'SELECT bill_no AS billNo, bill_date AS billDate FROM pis WHERE id = ?',
      [done],
    );
    expect(o.failures).toEqual({
      beneficiaries: 2,
      amountPaise: 5_000,
      pis: 1,
      nearestReviseBy: corWindowEnd(bill!.billDate),
      nearestBillNo: bill!.billNo,
      nearestPiId: done,
    });
  });
});
