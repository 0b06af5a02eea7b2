// The SMS outbox and the call log through the contract: searched with the PI search's
// indexes, filtered, paged past 1,000 rows, and sorted by the keys the contract offers;
// the PI list sorted by bill number. A real ledger written by the core's own writers.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { dispatch } from '../../main/ipc/dispatch';
import type { CallRow, Page, PiPage, SmsRow } from '../../shared/types';
import { noTreasury } from '../e2e/support/host';
import { seedDemo, type DemoIds } from '../e2e/support/seed';
import { tempDir } from '../support/tmp';

const NOW = Date.UTC(2023, 9, 21, 16, 0);
const dir = tempDir('jit-lists-');
let app: App;
let ids: DemoIds;

beforeAll(async () => {
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1/jit' },
    now: () => NOW,
  });
  ids = await seedDemo(app, NOW);
});
afterAll(() => app?.close());

async function call<T>(channel: string, request: unknown): Promise<T> {
  const res = await dispatch(app.handlers, channel, request);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
  return res.data as T;
}

describe('SMS outbox', () => {
  it('finds a beneficiary’s messages by name, by UTR and by her PI’s bill number', async () => {
    const all = await call<Page<SmsRow>>('sms.list', {});
    const one = all.rows.find((s) => s.event === 'FD')!;
    const byName = await call<Page<SmsRow>>('sms.list', { search: one.name });
    expect(byName.rows.map((s) => s.name)).toEqual(byName.rows.map(() => one.name));
    expect(byName.rows.map((s) => s.id)).toContain(one.id);
    expect(byName.total).toBe(byName.rows.length);

    const byUtr = await call<Page<SmsRow>>('sms.list', { search: one.utrNo });
    expect(byUtr.rows.map((s) => s.id)).toEqual([one.id]);

    const byBill = await call<Page<SmsRow>>('sms.list', { search: one.billNo });
    expect(byBill.total).toBe(all.rows.filter((s) => s.billNo === one.billNo).length);

    const none = await call<Page<SmsRow>>('sms.list', { search: 'Nobody Likethis' });
    expect(none).toEqual({ rows: [], total: 0 });
  });

  it('filters by status and sorts by status or age, both ways', async () => {
    const queued = await call<Page<SmsRow>>('sms.list', { status: 'queued' });
    expect(queued.total).toBeGreaterThan(0);
    expect(new Set(queued.rows.map((s) => s.status))).toEqual(new Set(['queued']));

    const asc = await call<Page<SmsRow>>('sms.list', { sort: { key: 'status', dir: 'asc' } });
    const statuses = asc.rows.map((s) => s.status);
    expect(statuses).toEqual([...statuses].sort());
    const oldest = await call<Page<SmsRow>>('sms.list', { sort: { key: 'id', dir: 'asc' } });
    const newest = await call<Page<SmsRow>>('sms.list', {});
    expect(oldest.rows.map((s) => s.id)).toEqual(newest.rows.map((s) => s.id).reverse());
  });

  it('pages past 1,000 rows: every message once, in order', async () => {
    // 1,200 more messages for the demo's beneficiaries (one per beneficiary, event and UTR).
    await app.ledger.write((tx) =>
      tx.run(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
         INSERT INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, status, attempts, created_at)
         SELECT (SELECT min(id) FROM beneficiaries), 'PD', 'UTR-BULK-' || i, '9437000000', 'bulk ' || i, 'sent', 1, ?
           FROM n`,
        [NOW],
      ),
    );
    const seen: number[] = [];
    const { total } = await call<Page<SmsRow>>('sms.list', { limit: 1 });
    for (let offset = 0; offset < total; offset += 1000) {
      const page = await call<Page<SmsRow>>('sms.list', { limit: 1000, offset });
      seen.push(...page.rows.map((s) => s.id));
    }
    expect(total).toBeGreaterThan(1200);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    // A search that matches them all pages the same way.
    const name = (await call<Page<SmsRow>>('sms.list', { search: 'bulk', limit: 1 })).rows;
    expect(name).toEqual([]); // the body is not searched: names, ids, accounts, UTRs, mobiles are
    const first = await call<Page<SmsRow>>('sms.list', { limit: 1 }); // the newest: a bulk one
    const hers = await call<Page<SmsRow>>('sms.list', { search: first.rows[0]!.name, limit: 1000 });
    expect(hers.total).toBeGreaterThan(1200);
    const rest = await call<Page<SmsRow>>('sms.list', {
      search: first.rows[0]!.name,
      limit: 1000,
      offset: 1000,
    });
    expect(hers.rows.length + rest.rows.length).toBe(hers.total);
    expect(new Set([...hers.rows, ...rest.rows].map((s) => s.id)).size).toBe(hers.total);
  });
});

describe('treasury call log', () => {
  it('finds the calls of the PI a beneficiary’s name or the bill number leads to', async () => {
    const pi = await call<{ pi: { billNo: string }; beneficiaries: { name: string }[] }>('pi.get', {
      id: ids.declined,
    });
    const byBill = await call<Page<CallRow>>('calls.list', { search: pi.pi.billNo });
    expect(byBill.total).toBeGreaterThan(0);
    expect(new Set(byBill.rows.map((c) => c.billNo))).toEqual(new Set([pi.pi.billNo]));
    const own = await call<Page<CallRow>>('calls.list', { piId: ids.declined });
    expect(byBill.rows.map((c) => c.id)).toEqual(own.rows.map((c) => c.id));

    const name = pi.beneficiaries[0]!.name;
    const byName = await call<Page<CallRow>>('calls.list', { search: name, limit: 1000 });
    expect(byName.rows.map((c) => c.billNo)).toContain(pi.pi.billNo);
  });

  it('sorts by service then time, and oldest first', async () => {
    const bySvc = await call<Page<CallRow>>('calls.list', {
      sort: { key: 'service', dir: 'asc' },
      limit: 1000,
    });
    const keys = bySvc.rows.map((c) => [c.service, c.id] as const);
    expect(keys).toEqual(
      [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])),
    );
    const oldest = await call<Page<CallRow>>('calls.list', { sort: { key: 'id', dir: 'asc' } });
    expect(oldest.rows[0]!.id).toBeLessThan(oldest.rows[1]!.id);
  });

  it('refuses a sort key no index serves', async () => {
    const res = await dispatch(app.handlers, 'calls.list', {
      sort: { key: 'message', dir: 'asc' },
    });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('BAD_REQUEST');
  });
});

describe('PI list', () => {
  it('sorts by bill number both ways, with and without a search', async () => {
    const asc = await call<PiPage>('pi.list', { sort: { key: 'billNo', dir: 'asc' } });
    const bills = asc.rows.map((r) => r.billNo);
    expect(bills).toEqual([...bills].sort());
    const desc = await call<PiPage>('pi.list', { sort: { key: 'billNo', dir: 'desc' } });
    expect(desc.rows.map((r) => r.billNo)).toEqual([...bills].reverse());
    const searched = await call<PiPage>('pi.list', {
      search: '2023-24',
      sort: { key: 'billNo', dir: 'asc' },
    });
    const found = searched.rows.map((r) => r.billNo);
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual([...found].sort());
  });
});

describe('export.save', () => {
  it('is refused where there is no save dialog (the browser downloads instead)', async () => {
    const res = await dispatch(app.handlers, 'export.save', {
      fileName: 'sms-outbox_2023-10-21.csv',
      content: 'a,b\r\n1,2',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });

  it('hands the file to the host’s saver, and refuses a name that is a path', async () => {
    const saved: [string, string][] = [];
    app.saveFile = async (name, content) => {
      saved.push([name, content]);
      return { saved: true, path: `/home/clerk/Downloads/${name}` };
    };
    try {
      const ok = await dispatch(app.handlers, 'export.save', {
        fileName: 'funds_2023-10-21.csv',
        content: 'x',
      });
      expect(ok).toEqual({
        ok: true,
        data: { saved: true, path: '/home/clerk/Downloads/funds_2023-10-21.csv' },
      });
      const bad = await dispatch(app.handlers, 'export.save', {
        fileName: '../../.bashrc.csv',
        content: 'x',
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(saved).toEqual([['funds_2023-10-21.csv', 'x']]);
    } finally {
      app.saveFile = null;
    }
  });
});
