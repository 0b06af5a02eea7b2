// The on-* endpoints, when a peer sends them to us: its word on a program, sanction,
// allocation or disbursement we hold. They change no money: the peer's status is kept on the
// row it names, and a message naming nothing of ours is refused.
import type { Conn } from '../../ledger/conn';
import { ExchangeError, type Endpoint } from './envelope';
import { programFor } from './programs';

interface Ack {
  program_code?: string | null;
  id?: string | null;
  sanction_id?: string | null;
  target_id?: string;
  status?: { status_code?: string } | null;
}

export async function acknowledge(
  tx: Conn,
  endpoint: Endpoint,
  peerId: string,
  raw: unknown,
  at: number,
): Promise<{ programId?: number; disbursementId?: number }> {
  const m = raw as Ack;
  const status = m.status?.status_code ?? (endpoint.endsWith('_create') ? 'RECEIVED' : 'UPDATED');
  if (endpoint.startsWith('on-disburse/')) {
    const d = await tx.get<{ id: number; programId: number }>(
      `SELECT id, program_id AS programId FROM exchange_disbursements WHERE target_id = ? AND peer_id = ? ORDER BY id DESC LIMIT 1`,
      [m.target_id, peerId],
    );
    if (!d)
      throw new ExchangeError(
        'UNKNOWN_DISBURSEMENT',
        `target_id ${m.target_id} is not a disbursement of ${peerId}.`,
      );
    await tx.run('UPDATE exchange_disbursements SET peer_status = ?, updated_at = ? WHERE id = ?', [
      status,
      at,
      d.id,
    ]);
    return { programId: d.programId, disbursementId: d.id };
  }
  const program = await programFor(tx, m.program_code!, peerId);
  if (endpoint.startsWith('on-program/')) {
    await tx.run('UPDATE exchange_programs SET peer_status = ?, updated_at = ? WHERE id = ?', [
      status,
      at,
      program.id,
    ]);
    return { programId: program.id };
  }
  const sanctionCode = endpoint.startsWith('on-sanction/')
    ? (m.id ?? m.sanction_id)
    : m.sanction_id;
  const sanction = await tx.get<{ id: number }>(
    'SELECT id FROM exchange_sanctions WHERE sanction_code = ? AND program_id = ?',
    [sanctionCode, program.id],
  );
  if (!sanction)
    throw new ExchangeError(
      'UNKNOWN_SANCTION',
      `sanction ${sanctionCode} is not a sanction of ${program.programCode}.`,
    );
  if (endpoint.startsWith('on-sanction/')) {
    await tx.run('UPDATE exchange_sanctions SET peer_status = ? WHERE id = ?', [
      status,
      sanction.id,
    ]);
    return { programId: program.id };
  }
  // on-allocation: names the allocation by id; without one it is about the sanction's allocations.
  const { changes } = await tx.run(
    `UPDATE exchange_allocations SET peer_status = ? WHERE exchange_sanction_id = ? AND (? IS NULL OR allocation_code = ?)`,
    [status, sanction.id, m.id ?? null, m.id ?? null],
  );
  if (m.id && changes === 0)
    throw new ExchangeError(
      'NOT_FOUND',
      `allocation ${m.id} is not an allocation of sanction ${sanctionCode}.`,
    );
  return { programId: program.id };
}
