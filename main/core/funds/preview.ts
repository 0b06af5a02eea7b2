// The funds preview of a multi-push: what each sanction and head has, what the selected pushes
// would take, and which would be refused. It plays the pushes in order through the push's own
// rule (funds/pick.ts, pi-create's alreadyHasPi) on a copy of the balances; nothing is written.
import type { Ledger } from '../../ledger/ledger';
import type { PiStatus } from '../../../shared/status';
import type {
  PushPreview,
  PushPreviewHead,
  PushPreviewPayment,
} from '../../../shared/push-preview';
import { notFound } from '../errors';
import { alreadyHasPi } from '../pi/pi-create';
import { pickSanction, sanctionsInPickOrder, type SanctionPick } from './pick';

interface PaymentFacts {
  id: number;
  paymentNumber: string;
  tenantId: string;
  hoa: string | null;
  grossPaise: number;
  latestBillNo: string | null;
  latestStatus: PiStatus | null;
}

export async function previewPushes(ledger: Ledger, paymentIds: number[]): Promise<PushPreview> {
  const db = ledger.read;
  // The gross a push debits is the sum of the payment's beneficiary lines, as pi-create sums them.
  const found = await db.all<PaymentFacts>(
    `SELECT pay.id, pay.payment_number AS paymentNumber, pay.tenant_id AS tenantId, pay.hoa,
            (SELECT sum(b.amount_paise) FROM payment_beneficiaries b WHERE b.payment_id = pay.id) AS grossPaise,
            l.bill_no AS latestBillNo, l.status AS latestStatus
       FROM json_each(?) j JOIN payments pay ON pay.id = j.value
       LEFT JOIN pis l ON l.id = (SELECT max(id) FROM pis WHERE payment_id = pay.id AND kind = 'PI')`,
    [JSON.stringify(paymentIds)],
  );
  const byId = new Map(found.map((p) => [p.id, p]));
  const missing = paymentIds.find((id) => !byId.has(id));
  if (missing !== undefined) throw notFound(`Payment ${missing}`);

  // One list per (tenant, head) asked for; the rows are shared so a debit shows in every list.
  type Row = SanctionPick & { before: number; tenantId: string };
  const shared = new Map<number, Row>();
  const lists = new Map<string, Row[]>();
  for (const p of found) {
    const key = JSON.stringify([p.tenantId, p.hoa]);
    if (lists.has(key)) continue;
    const rows = await sanctionsInPickOrder(db, p);
    lists.set(
      key,
      rows.map((r) => {
        const seen = shared.get(r.id) ?? { ...r, before: r.available, tenantId: p.tenantId };
        shared.set(r.id, seen);
        return seen;
      }),
    );
  }

  const payments = paymentIds.map((id): PushPreviewPayment => {
    const p = byId.get(id)!;
    const base = { paymentId: p.id, paymentNumber: p.paymentNumber, grossPaise: p.grossPaise };
    const none = { sanctionId: null, mstAllotmentDistId: null, hoa: null };
    const blocked = alreadyHasPi(
      p.paymentNumber,
      p.latestBillNo ? { billNo: p.latestBillNo, status: p.latestStatus! } : null,
    );
    if (blocked) return { ...base, ...none, refusal: blocked.message };
    const rows = lists.get(JSON.stringify([p.tenantId, p.hoa]))!;
    const { pick, refusal } = pickSanction(p, p.grossPaise, rows);
    if (!pick) return { ...base, ...none, refusal: refusal.message };
    pick.available -= p.grossPaise;
    return {
      ...base,
      sanctionId: pick.id,
      mstAllotmentDistId: pick.mstAllotmentDistId,
      hoa: pick.hoa,
      refusal: null,
    };
  });

  const sanctions = [...shared.values()].map((s) => ({
    sanctionId: s.id,
    mstAllotmentDistId: s.mstAllotmentDistId,
    tenantId: s.tenantId,
    hoa: s.hoa,
    availablePaise: s.before,
    takesPaise: s.before - s.available,
    leftPaise: s.available,
  }));
  const heads = new Map<string, PushPreviewHead>();
  for (const s of sanctions) {
    const key = JSON.stringify([s.tenantId, s.hoa]);
    const h = heads.get(key) ?? {
      tenantId: s.tenantId,
      hoa: s.hoa,
      availablePaise: 0,
      takesPaise: 0,
      leftPaise: 0,
    };
    h.availablePaise += s.availablePaise;
    h.takesPaise += s.takesPaise;
    h.leftPaise += s.leftPaise;
    heads.set(key, h);
  }
  return {
    payments,
    sanctions,
    heads: [...heads.values()],
    totalPaise: payments.reduce((sum, p) => sum + (p.refusal ? 0 : p.grossPaise), 0),
    refusedCount: payments.filter((p) => p.refusal).length,
  };
}
