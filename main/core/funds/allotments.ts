// Applying VA allotments to sanctions. Every balance change is a funds_transactions row (the
// trigger keeps funds_summary); the UNIQUE (mstAllotmentDistId, ssuAllotmentId,
// allotmentTxnSlNo) key makes a repeated allotment a no-op (the pair without the sanction is
// not unique at the real treasury); an allotment that cannot be applied is kept with a flag.
import type { Conn } from '../../ledger/conn';
import { rupees } from '../../../shared/money';
import { Mismatch } from '../reconcile/poller';
import { syncFunds } from '../exchange/funds';

/** One VA data row, amounts already in integer paise (main/jit/services). */
export interface VaRow {
  ddoCode?: string | null;
  schemeCode?: string | null;
  schemeName?: string | null;
  granteeAgCode?: string | null;
  granteeName?: string | null;
  ssuId?: string | null;
  ssuOffice?: string | null;
  allotmentDate?: string | null;
  allotmentTxnSlNo: string | number;
  allotmentAmount: number;
  availableBalance?: number | null;
  allotmentTxnType: string;
  mstAllotmentDistId: string | number;
  ssuAllotmentId: string | number;
}

export interface VaHead {
  hoa: string;
  tenantId: string;
  ddoCode: string;
  granteeCode: string;
  ssuIaId: string;
}

type Kind = 'initial' | 'additional' | 'withdrawal' | 'unknown';

function kindOf(txnType: string): Kind {
  const t = String(txnType).trim().replace(/\s+/g, ' ').toLowerCase();
  if (t === 'initial allotment') return 'initial';
  if (t === 'additional allotment') return 'additional';
  if (t === 'allotment withdrawal') return 'withdrawal';
  return 'unknown';
}

function paiseOf(row: VaRow): number {
  const v = row.allotmentAmount;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new Mismatch(
      `Allotment ${row.ssuAllotmentId}/${row.allotmentTxnSlNo} has an amount that is not paise: ${String(v)}`,
    );
  }
  return v;
}

/**
 * Apply a VA answer inside the caller's transaction. Rows go one by one (a night brings a
 * handful) because each may depend on the one before: an initial allotment creates the
 * sanction the next additional allotment adds to. Initial allotments go first for that reason.
 */
export async function applyAllotments(
  tx: Conn,
  head: VaHead,
  rows: VaRow[],
  at: number,
): Promise<void> {
  const ordered = [...rows].sort((a, b) => {
    const ia = kindOf(a.allotmentTxnType) === 'initial' ? 0 : 1;
    const ib = kindOf(b.allotmentTxnType) === 'initial' ? 0 : 1;
    return ia - ib || String(a.allotmentDate ?? '').localeCompare(String(b.allotmentDate ?? ''));
  });
  for (const row of ordered) {
    const amount = paiseOf(row);
    const { lastID, changes } = await tx.run(
      `INSERT INTO allotments (mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, txn_type, amount_paise,
                               allotment_date, reported_available_paise, raw, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no) DO NOTHING`,
      [
        String(row.mstAllotmentDistId),
        String(row.ssuAllotmentId),
        String(row.allotmentTxnSlNo),
        row.allotmentTxnType,
        amount,
        row.allotmentDate ?? null,
        typeof row.availableBalance === 'number' ? row.availableBalance : null,
        JSON.stringify(row),
        at,
      ],
    );
    // Already applied on an earlier run (VA windows overlap on purpose): never apply twice.
    if (changes === 0) continue;
    const outcome = await applyOne(tx, head, row, lastID, amount, at);
    await tx.run(
      'UPDATE allotments SET sanction_id = ?, applied_paise = ?, flag = ? WHERE id = ?',
      [outcome.sanctionId, outcome.applied, outcome.flag, lastID],
    );
    // Only the allotment that creates the sanction releases the rows that waited for it. Once
    // it exists nothing waits: a row left unapplied then contradicts the ledger (another
    // head's answer named it) and stays flagged for staff, whatever comes later.
    if (outcome.created) {
      await applyWaiting(tx, head, String(row.mstAllotmentDistId), lastID, at);
    }
  }
  // The exchange's sanctions and allocations follow in the same transaction.
  await syncFunds(tx, at);
}

/**
 * Allotments that came before their sanction's initial allotment were kept, flagged and not
 * applied. Once the sanction exists they are applied, oldest first, so no fund is lost.
 */
async function applyWaiting(
  tx: Conn,
  head: VaHead,
  distId: string,
  initialId: number,
  at: number,
): Promise<void> {
  const orphans = await tx.all<{ id: number; raw: string; txnType: string }>(
    `SELECT id, raw, txn_type AS txnType FROM allotments
      WHERE mst_allotment_dist_id = ? AND sanction_id IS NULL AND applied_paise = 0 AND id <> ?
      ORDER BY allotment_date, id`,
    [distId, initialId],
  );
  const waiting = orphans.filter((o) => ['additional', 'withdrawal'].includes(kindOf(o.txnType)));
  for (const w of waiting) {
    const row = JSON.parse(w.raw) as VaRow;
    const outcome = await applyOne(tx, head, row, w.id, paiseOf(row), at);
    await tx.run(
      'UPDATE allotments SET sanction_id = ?, applied_paise = ?, flag = ? WHERE id = ?',
      [outcome.sanctionId, outcome.applied, outcome.flag, w.id],
    );
  }
}

interface Applied {
  sanctionId: number | null;
  applied: number;
  flag: string | null;
  /** This initial allotment created its sanction. */
  created?: boolean;
}

async function applyOne(
  tx: Conn,
  head: VaHead,
  row: VaRow,
  allotmentId: number,
  amount: number,
  at: number,
): Promise<Applied> {
  const kind = kindOf(row.allotmentTxnType);
  const distId = String(row.mstAllotmentDistId);
  if (kind === 'unknown') {
    return {
      sanctionId: null,
      applied: 0,
      flag: `Unknown allotment type "${row.allotmentTxnType}": nothing applied.`,
    };
  }
  let sanction = await tx.get<{ id: number; available: number; hoa?: string }>(
    `SELECT s.id, f.available_paise AS available, s.hoa FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id
      WHERE s.mst_allotment_dist_id = ?`,
    [distId],
  );
  if (sanction && sanction.hoa !== head.hoa) {
    // The answer contradicts the ledger: money of one head must not land on another's sanction.
    return {
      sanctionId: null,
      applied: 0,
      flag: `Sanction ${distId} belongs to head of account ${sanction.hoa}, but came in the answer for ${head.hoa}: nothing applied.`,
    };
  }
  let flag: string | null = null;
  let created = false;
  if (kind === 'initial') {
    if (sanction) {
      flag = `Initial allotment for sanction ${distId}, which already exists: added to it.`;
    } else {
      const { lastID } = await tx.run(
        `INSERT INTO sanctions (mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, scheme_code, scheme_name,
                                ssu_ia_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          distId,
          head.tenantId,
          head.hoa,
          row.ddoCode || head.ddoCode,
          row.granteeAgCode || head.granteeCode,
          row.schemeCode ?? null,
          row.schemeName ?? null,
          head.ssuIaId,
          at,
        ],
      );
      sanction = { id: lastID, available: 0 };
      created = true;
    }
  } else if (!sanction) {
    // Kept, not dropped: staff see it flagged and the treasury can be asked about it.
    return {
      sanctionId: null,
      applied: 0,
      flag: `No sanction ${distId} is known (no initial allotment): nothing applied.`,
    };
  }
  if (kind === 'withdrawal') {
    // Available never goes negative: take only what is there and flag the rest.
    const applied = Math.min(amount, sanction.available);
    if (applied > 0)
      await insertFundsTx(tx, sanction.id, 'withdrawal', -applied, -applied, allotmentId, at);
    if (applied < amount) {
      flag = `Withdrawal of Rs. ${rupees(amount)} exceeds the available Rs. ${rupees(sanction.available)}: applied Rs. ${rupees(applied)}, shortfall Rs. ${rupees(amount - applied)}.`;
    }
    return { sanctionId: sanction.id, applied, flag };
  }
  if (amount > 0)
    await insertFundsTx(tx, sanction.id, 'allotment', amount, amount, allotmentId, at);
  return { sanctionId: sanction.id, applied: amount, flag, created };
}

async function insertFundsTx(
  tx: Conn,
  sanctionId: number,
  kind: 'allotment' | 'withdrawal',
  allotted: number,
  available: number,
  allotmentId: number,
  at: number,
): Promise<void> {
  await tx.run(
    `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, allotment_id, at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [sanctionId, kind, allotted, available, allotmentId, at],
  );
}
