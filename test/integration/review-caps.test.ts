// Pages that stay quick on a large ledger say so when they stop counting: a search past its
// limit and the call log or SMS outbox past theirs give a floor ("1,000+"), never a wrong
// total; below the limits every count is exact. Through the contract, on a real ledger file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { insertPi } from '../../main/core/pi/pi-store';
import { SEARCH_CAP } from '../../main/core/pi/search';
import { COUNT_CAP } from '../../main/core/pi/pi-queries';
import type { Channel, RequestOf } from '../../shared/contract';
import type { Page, PiPage, SmsRow, CallRow } from '../../shared/types';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { openTestApp, type TestApp } from './funds-support';

const dir = tempDir('jit-caps-');
let app: TestApp;
const MANY = SEARCH_CAP + 50;
const bill = (i: number) => `PI-1013/2023-24/${String(i).padStart(6, '0')}`;

async function call<C extends Channel>(channel: C, request: RequestOf<C>) {
  const res = await dispatch(app.handlers, channel, request);
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

beforeAll(async () => {
  app = await openTestApp(dir, 'caps');
  // More PIs paying a "Wage Seeker 1" than a search counts, then one paying Kuni Majhi.
  await app.ledger.write(async (tx) => {
    for (let i = 1; i <= MANY; i++) await insertPi(tx, samplePi(bill(i), 1), 1);
    const kuni = samplePi(bill(MANY + 1), 1);
    kuni.beneficiaries[0] = { ...kuni.beneficiaries[0]!, name: 'Kuni Majhi', benfId: 'MGN-42' };
    const id = await insertPi(tx, kuni, 1);
    // More SMS than the outbox counts, all for Kuni, and as many calls on her PI.
    await tx.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, status, attempts, created_at)
       SELECT b.id, 'PD', 'SBIN' || n.i, b.mobile, 'Paid', 'sent', 1, n.i
         FROM n, beneficiaries b WHERE b.pi_id = ?`,
      [COUNT_CAP + 5, id],
    );
    await tx.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO treasury_calls (service, pi_id, attempt, started_at, duration_ms, outcome, message)
       SELECT 'PIS', ?, 1, n.i, 10, 'OK', 'On call of PIS API: Response is received' FROM n`,
      [COUNT_CAP + 5, id],
    );
  });
}, 120_000);
afterAll(() => app?.close());

describe('a search past its limit', () => {
  it('lists the newest matches and says the counts are floors', async () => {
    const page = (await call('pi.list', { search: 'Wage Seeker' })) as PiPage;
    expect(page.capped).toBe(true);
    expect(page.total).toBe(SEARCH_CAP);
    expect(page.counts.Initiated).toBe(SEARCH_CAP);
    expect(page.rows[0]!.billNo).toBe(bill(MANY));
    expect(page.rows[0]!.match?.name).toBe('Wage Seeker 1');

    const tab = (await call('pi.list', {
      search: 'Wage',
      status: 'Initiated',
      limit: 1,
    })) as PiPage;
    expect(tab).toMatchObject({ total: SEARCH_CAP, capped: true });
  });

  it('counts exactly below the limit, and says nothing of a cap', async () => {
    const kuni = (await call('pi.list', { search: 'kuni maj' })) as PiPage;
    expect(kuni.rows.map((r) => r.billNo)).toEqual([bill(MANY + 1)]);
    expect(kuni.total).toBe(1);
    expect(kuni.capped).toBeUndefined();
  });

  it('finds a bill by its number whole, by its last words, or as it is being typed', async () => {
    for (const text of [bill(123), '000123', '2023-24/000123', 'PI-1013/2023-24/00012'])
      expect(
        ((await call('pi.list', { search: text })) as PiPage).rows.map((r) => r.billNo),
        text,
      ).toContain(bill(123));
    // Typed so far: the bills whose last word starts so, 000120 to 000129.
    const typing = (await call('pi.list', { search: 'PI-1013/2023-24/00012' })) as PiPage;
    expect(typing.total).toBe(10);
  });
});

describe('the call log and the SMS outbox', () => {
  it('count up to their limit past the page, then say "at least"', async () => {
    const sms = (await call('sms.list', { limit: 10 })) as Page<SmsRow>;
    expect(sms).toMatchObject({ total: COUNT_CAP, capped: true });
    expect(sms.rows).toHaveLength(10);
    const calls = (await call('calls.list', { limit: 10 })) as Page<CallRow>;
    expect(calls).toMatchObject({ total: COUNT_CAP, capped: true });
  });

  it('count exactly once the rest fits under the limit', async () => {
    const deep = (await call('sms.list', { limit: 10, offset: 100 })) as Page<SmsRow>;
    expect(deep.total).toBe(COUNT_CAP + 5);
    expect(deep.capped).toBeUndefined();
    const one = (await call('calls.list', { service: 'PIS', outcome: 'ERROR' })) as Page<CallRow>;
    expect(one).toEqual({ rows: [], total: 0 });
  });
});

describe('the SMS outbox searched', () => {
  it('finds every message of a name more beneficiaries carry than a PI search counts', async () => {
    // One more SMS for each "Wage Seeker 1" (one per PI): more than SEARCH_CAP of them.
    await app.ledger.write((tx) =>
      tx.run(
        `INSERT INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, created_at)
         SELECT id, 'PD', 'U' || id, mobile, 'Paid', 1 FROM beneficiaries WHERE name = 'Wage Seeker 1'`,
      ),
    );
    const page = (await call('sms.list', { search: 'Wage', limit: 10 })) as Page<SmsRow>;
    expect(page.total).toBe(MANY);
    expect(page.capped).toBeUndefined();
  });
});
