// A request may name a UTR before the treasury's PD answer brings it into the ledger. When
// PIs change, requests still waiting for the checker with an unlinked UTR are looked at again:
// found now, they are linked and their UTR flags recomputed, with an audit row.
import type { AppContext } from '../context';
import type { RequestFlag } from '../../../shared/loans';
import { audit } from './audit';
import { paidByUtr, reconcileUtr } from './utr';

interface Unlinked {
  id: number;
  loan_id: number;
  fund_transfer_number: string;
  payment_mode: string;
  payment_amount_paise: number;
  beneficiary_account_number: string;
  ifsc: string;
  flags: string;
}

const WAITING = `SELECT id, loan_id, fund_transfer_number, payment_mode, payment_amount_paise,
    beneficiary_account_number, ifsc, flags
  FROM service_requests
 WHERE status = 'initiated' AND utr_beneficiary_id IS NULL AND fund_transfer_number IS NOT NULL`;

export async function recheckUtrs(ctx: AppContext): Promise<number[]> {
  // Read first, request by request through the search index: a nightly run changes thousands
  // of PIs and most rechecks find nothing. (Matching every waiting UTR against every
  // beneficiary's read the whole table after each change, seconds per run on a large ledger.)
  const arrived: number[] = [];
  for (const r of await ctx.ledger.read.all<Unlinked>(WAITING)) {
    if ((await paidByUtr(ctx.ledger.read, r.fund_transfer_number)).length) arrived.push(r.id);
  }
  if (arrived.length === 0) return [];
  const linked = await ctx.ledger.write(async (tx) => {
    const out: number[] = [];
    const rows = await tx.all<Unlinked>(`${WAITING} AND id IN (SELECT value FROM json_each(?))`, [
      JSON.stringify(arrived),
    ]);
    for (const r of rows) {
      const { link, flags } = await reconcileUtr(
        tx,
        {
          fundTransferNumber: r.fund_transfer_number,
          paymentMode: r.payment_mode,
          paymentAmountPaise: r.payment_amount_paise,
          beneficiaryAccountNumber: r.beneficiary_account_number,
          ifsc: r.ifsc,
        },
        r.id,
      );
      if (link === null) continue;
      const kept = (JSON.parse(r.flags) as RequestFlag[]).filter(
        (f) => !f.code.startsWith('UTR_') && f.code !== 'NO_UTR',
      );
      await tx.run('UPDATE service_requests SET utr_beneficiary_id = ?, flags = ? WHERE id = ?', [
        link,
        JSON.stringify([...flags, ...kept]),
        r.id,
      ]);
      await audit(
        tx,
        {
          loanId: r.loan_id,
          requestId: r.id,
          event: 'UTR linked',
          detail: `UTR ${r.fund_transfer_number} arrived from the treasury${flags.length ? `; flags: ${flags.map((f) => f.code).join(', ')}` : ''}`,
          actor: 'treasury',
        },
        ctx.now(),
      );
      out.push(r.id);
    }
    return out;
  });
  if (linked.length) ctx.events.emit('loans.changed', { requestIds: linked });
  return linked;
}

/**
 * Recheck after PI changes; a burst of changes gives one recheck at a time, then one more.
 * `stop` waits for the one under way, so the ledger can close after it.
 */
export function watchUtrs(ctx: AppContext): { stop(): Promise<void> } {
  let current: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      try {
        do {
          again = false;
          await recheckUtrs(ctx);
        } while (again);
      } catch (err) {
        console.error('[loans] UTR recheck failed:', err);
      } finally {
        current = null;
      }
    })();
    return current;
  };
  const off = ctx.events.on('pi.changed', () => void run());
  return {
    async stop() {
      off();
      again = false;
      await current;
    },
  };
}
