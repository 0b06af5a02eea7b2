// Admin routes under /sandbox/ on the same server: move the clock, inject faults, look inside.
// Loopback only, for demos and manual tests; the console itself never calls them.
import type { ServerResponse } from 'node:http';
import { parseTreasuryDate, treasuryDateTime } from '../shared/time';
import type { SandboxContext } from './context';
import type { FaultKind, FaultOptions, FaultTarget } from './faults';
import { sendJson } from './http';

export function admin(
  ctx: SandboxContext,
  method: string,
  url: URL,
  body: string,
  res: ServerResponse,
): void {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  const ms = Number(url.searchParams.get('ms'));
  try {
    switch (route) {
      case 'GET /sandbox/state':
        return sendJson(res, 200, state(ctx));
      case 'GET /sandbox/bills':
        return sendJson(res, 200, heldBills(ctx));
      case 'POST /sandbox/advance':
        if (!Number.isFinite(ms)) throw new Error('advance needs ?ms=N');
        ctx.clock.advance(ms);
        return sendJson(res, 200, state(ctx));
      case 'POST /sandbox/set': {
        const at = url.searchParams.get('at');
        ctx.clock.set(at ? parseTreasuryDate(at) : ms);
        return sendJson(res, 200, state(ctx));
      }
      case 'POST /sandbox/expire-sessions':
        ctx.sessions.clear();
        return sendJson(res, 200, { ok: true });
      case 'POST /sandbox/faults': {
        const { service, fault, ...opts } = JSON.parse(body) as {
          service: FaultTarget;
          fault: FaultKind;
        } & FaultOptions;
        ctx.faults.inject(service, fault, opts);
        return sendJson(res, 200, { ok: true });
      }
      case 'DELETE /sandbox/faults':
        ctx.faults.clear();
        return sendJson(res, 200, { ok: true });
      default:
        return sendJson(res, 404, { error: `no admin route ${route}` });
    }
  } catch (err) {
    sendJson(res, 400, { error: (err as Error).message });
  }
}

function state(ctx: SandboxContext) {
  const now = ctx.clock.now();
  return {
    now,
    nowText: treasuryDateTime(now),
    bills: ctx.treasury.book.bills.size,
    stats: ctx.stats,
  };
}

export interface HeldBill {
  kind: 'PI' | 'COR';
  billNo: string;
  billDate: string;
  orgBillNo: string | null;
  grossPaise: number;
  benfIds: string[];
  acceptedAt: number;
}

/** What the treasury holds: every accepted PI and revised PI, in the order accepted. */
export function heldBills(ctx: SandboxContext): HeldBill[] {
  return [...ctx.treasury.book.bills.values()].map((b) => ({
    kind: b.kind,
    billNo: b.billNo,
    billDate: b.billDate,
    orgBillNo: b.orgBillNo ?? null,
    grossPaise: b.grossPaise,
    benfIds: b.benfs.map((x) => x.benfId),
    acceptedAt: b.acceptedAt,
  }));
}
