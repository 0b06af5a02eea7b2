// The page's funds summary: a VA Initial Allotment is a sanction (on-sanction/_create to the
// program's peer), every other applied allotment an allocation (on-allocation/_create,
// ALLOCATION or DEDUCTION). The exchange mirrors the funds ledger and never moves money:
// syncFunds runs in the transaction that applied the allotments (or created the program), so
// the mirror and its messages commit with the change. checkExchangeFunds proves they agree.
import crypto from 'node:crypto';
import type { Conn } from '../../ledger/conn';
import type { Breach } from '../../../shared/types';
import { enqueue, rupeeNumber } from './outbox';

const isWithdrawal = `lower(a.txn_type) LIKE '%withdrawal%'`;

/** A sanction belongs to the first program of its tenant. */
const PROGRAM_OF_SANCTION = `(SELECT p.id FROM exchange_programs p WHERE p.tenant_id = s.tenant_id ORDER BY p.id LIMIT 1)`;

export async function syncFunds(tx: Conn, at: number): Promise<void> {
  const newSanctions = await tx.all<{
    sanctionId: number;
    programId: number;
    allotmentId: number | null;
    amount: number;
  }>(
    `SELECT s.id AS sanctionId, ${PROGRAM_OF_SANCTION} AS programId,
            (SELECT a.id FROM allotments a WHERE a.sanction_id = s.id AND NOT ${isWithdrawal} AND a.applied_paise > 0
              ORDER BY lower(a.txn_type) <> 'initial allotment', a.id LIMIT 1) AS allotmentId,
            0 AS amount
       FROM sanctions s
      WHERE NOT EXISTS (SELECT 1 FROM exchange_sanctions e WHERE e.sanction_id = s.id)
        AND ${PROGRAM_OF_SANCTION} IS NOT NULL
      ORDER BY s.id`,
  );
  for (const s of newSanctions) {
    const initial = s.allotmentId
      ? await tx.get<{ applied: number }>(
          'SELECT applied_paise AS applied FROM allotments WHERE id = ?',
          [s.allotmentId],
        )
      : undefined;
    const { lastID } = await tx.run(
      `INSERT INTO exchange_sanctions (sanction_code, program_id, sanction_id, allotment_id, amount_paise, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [crypto.randomUUID(), s.programId, s.sanctionId, s.allotmentId, initial?.applied ?? 0, at],
    );
    await enqueue(tx, await sanctionMessage(tx, lastID), at);
  }
  const newAllocations = await tx.all<{
    allotmentId: number;
    exchangeSanctionId: number;
    type: string;
    amount: number;
  }>(
    `SELECT a.id AS allotmentId, e.id AS exchangeSanctionId,
            CASE WHEN ${isWithdrawal} THEN 'DEDUCTION' ELSE 'ALLOCATION' END AS type, a.applied_paise AS amount
       FROM allotments a JOIN exchange_sanctions e ON e.sanction_id = a.sanction_id
      WHERE a.applied_paise > 0 AND a.id IS NOT e.allotment_id
        AND NOT EXISTS (SELECT 1 FROM exchange_allocations x WHERE x.allotment_id = a.id)
      ORDER BY a.id`,
  );
  for (const a of newAllocations) {
    const { lastID } = await tx.run(
      `INSERT INTO exchange_allocations (allocation_code, exchange_sanction_id, allotment_id, type, amount_paise, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [crypto.randomUUID(), a.exchangeSanctionId, a.allotmentId, a.type, a.amount, at],
    );
    await enqueue(tx, await allocationMessage(tx, lastID), at);
  }
}

async function sanctionMessage(tx: Conn, id: number) {
  const s = (await tx.get<{
    code: string;
    programId: number;
    programCode: string;
    peerId: string;
    location: string;
    amount: number;
    hoa: string;
    distId: string;
    allotted: number;
    available: number;
  }>(
    `SELECT e.sanction_code AS code, p.id AS programId, p.program_code AS programCode, p.peer_id AS peerId,
            p.location_code AS location, e.amount_paise AS amount, s.hoa, s.mst_allotment_dist_id AS distId,
            f.allotted_paise AS allotted, f.available_paise AS available
       FROM exchange_sanctions e JOIN exchange_programs p ON p.id = e.program_id
       JOIN sanctions s ON s.id = e.sanction_id JOIN funds_summary f ON f.sanction_id = s.id
      WHERE e.id = ?`,
    [id],
  ))!;
  return {
    endpoint: 'on-sanction/_create' as const,
    peerId: s.peerId,
    programId: s.programId,
    message: {
      id: s.code,
      location_code: s.location,
      program_code: s.programCode,
      net_amount: rupeeNumber(s.amount),
      gross_amount: rupeeNumber(s.amount),
      allocated_amount: rupeeNumber(s.allotted),
      available_amount: rupeeNumber(s.available),
      additional_details: { hoa: s.hoa, mst_allotment_dist_id: s.distId },
    },
  };
}

async function allocationMessage(tx: Conn, id: number) {
  const a = (await tx.get<{
    code: string;
    type: string;
    amount: number;
    sanctionCode: string;
    programId: number;
    programCode: string;
    peerId: string;
    location: string;
    ssuAllotmentId: string;
    slNo: string;
  }>(
    `SELECT x.allocation_code AS code, x.type, x.amount_paise AS amount, e.sanction_code AS sanctionCode,
            p.id AS programId, p.program_code AS programCode, p.peer_id AS peerId, p.location_code AS location,
            a.ssu_allotment_id AS ssuAllotmentId, a.allotment_txn_sl_no AS slNo
       FROM exchange_allocations x JOIN exchange_sanctions e ON e.id = x.exchange_sanction_id
       JOIN exchange_programs p ON p.id = e.program_id JOIN allotments a ON a.id = x.allotment_id
      WHERE x.id = ?`,
    [id],
  ))!;
  return {
    endpoint: 'on-allocation/_create' as const,
    peerId: a.peerId,
    programId: a.programId,
    message: {
      id: a.code,
      location_code: a.location,
      program_code: a.programCode,
      sanction_id: a.sanctionCode,
      net_amount: rupeeNumber(a.amount),
      gross_amount: rupeeNumber(a.amount),
      type: a.type,
      additional_details: { ssu_allotment_id: a.ssuAllotmentId, allotment_txn_sl_no: a.slNo },
    },
  };
}

/**
 * Every sanction of a tenant with a program is mirrored, and its sanction amount plus
 * allocations less deductions equals what the funds ledger says is allotted.
 */
export async function checkExchangeFunds(db: Conn): Promise<Breach[]> {
  const rows = await db.all<{
    sanctionId: number;
    distId: string;
    mirrored: number | null;
    allotted: number;
    exchangeTotal: number | null;
  }>(
    `SELECT s.id AS sanctionId, s.mst_allotment_dist_id AS distId, e.id AS mirrored, f.allotted_paise AS allotted,
            e.amount_paise + COALESCE((SELECT sum(CASE x.type WHEN 'DEDUCTION' THEN -x.amount_paise ELSE x.amount_paise END)
                                         FROM exchange_allocations x WHERE x.exchange_sanction_id = e.id), 0) AS exchangeTotal
       FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id
       LEFT JOIN exchange_sanctions e ON e.sanction_id = s.id
      WHERE e.id IS NOT NULL OR ${PROGRAM_OF_SANCTION} IS NOT NULL`,
  );
  const breaches: Breach[] = [];
  for (const r of rows) {
    const b = (message: string) =>
      breaches.push({ kind: 'exchange', message, piId: null, sanctionId: r.sanctionId });
    if (r.mirrored === null)
      b(`Sanction ${r.distId} belongs to a program but the exchange has no sanction for it.`);
    else if (r.exchangeTotal !== r.allotted)
      b(
        `Sanction ${r.distId}: the exchange's sanction and allocations total ${r.exchangeTotal} paise; the funds ledger has ${r.allotted} paise allotted.`,
      );
  }
  return breaches;
}
