// Programs: created and updated by their peer (program/_create|_update), answered with
// on-program/_create|_update carrying our program_code. A program's location_code names its
// ULB tenant ("od.angul" or "od.angul,dept"); that tenant's sanctions become its sanctions.
import type { Conn } from '../../ledger/conn';
import { financialYear } from '../../../shared/time';
import { ExchangeError } from './envelope';
import { enqueue } from './outbox';
import { syncFunds } from './funds';
import type { z } from 'zod';
import type { programCreate, programUpdate } from './messages';

export interface ProgramRow {
  id: number;
  programCode: string;
  peerId: string;
  locationCode: string;
  tenantId: string;
  name: string;
  description: string | null;
  startDate: number | null;
  endDate: number | null;
}

const SELECT = `SELECT id, program_code AS programCode, peer_id AS peerId, location_code AS locationCode,
       tenant_id AS tenantId, name, description, start_date AS startDate, end_date AS endDate FROM exchange_programs`;

export const tenantOf = (locationCode: string) => locationCode.split(',')[0]!.trim();

/** A program the sender may use: known, and its own. */
export async function programFor(tx: Conn, code: string, peerId: string): Promise<ProgramRow> {
  const p = await tx.get<ProgramRow>(`${SELECT} WHERE program_code = ?`, [code]);
  if (!p || p.peerId !== peerId)
    throw new ExchangeError(
      'UNKNOWN_PROGRAM',
      `program_code ${code} is not a program of ${peerId}.`,
    );
  return p;
}

function programBody(p: ProgramRow) {
  return {
    id: String(p.id),
    program_code: p.programCode,
    location_code: p.locationCode,
    name: p.name,
    description: p.description,
    start_date: p.startDate,
    end_date: p.endDate,
  };
}

export async function createProgram(
  tx: Conn,
  peerId: string,
  m: z.output<typeof programCreate>,
  at: number,
): Promise<number> {
  const tenantId = tenantOf(m.location_code);
  const known = await tx.get<{ n: number }>(
    'SELECT count(*) AS n FROM heads_of_account WHERE tenant_id = ?',
    [tenantId],
  );
  if (!known?.n)
    throw new ExchangeError(
      'UNKNOWN_LOCATION',
      `location_code ${m.location_code}: no head of account of ${tenantId} is registered.`,
    );
  const prefix = `PORG/${financialYear(at)}/${tenantId.toUpperCase()}/`;
  const last = await tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM exchange_programs WHERE program_code LIKE ? || '%'`,
    [prefix],
  );
  const code = `${prefix}${String((last?.n ?? 0) + 1).padStart(5, '0')}`;
  const { lastID } = await tx.run(
    `INSERT INTO exchange_programs (program_code, peer_id, location_code, tenant_id, name, description, start_date, end_date,
                                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      code,
      peerId,
      m.location_code,
      tenantId,
      m.name,
      m.description ?? null,
      m.start_date,
      m.end_date ?? null,
      at,
      at,
    ],
  );
  const p = (await tx.get<ProgramRow>(`${SELECT} WHERE id = ?`, [lastID]))!;
  await enqueue(
    tx,
    { endpoint: 'on-program/_create', peerId, programId: lastID, message: programBody(p) },
    at,
  );
  // The tenant's sanctions, if VA brought some already, are this program's from now on.
  await syncFunds(tx, at);
  return lastID;
}

export async function updateProgram(
  tx: Conn,
  peerId: string,
  m: z.output<typeof programUpdate>,
  at: number,
): Promise<number> {
  const p = await programFor(tx, m.program_code, peerId);
  if (m.location_code !== undefined && tenantOf(m.location_code) !== p.tenantId)
    throw new ExchangeError(
      'VALIDATION_ERROR',
      `message.location_code cannot move a program to another ULB (${p.tenantId}).`,
    );
  await tx.run(
    `UPDATE exchange_programs SET location_code = COALESCE(?, location_code), name = COALESCE(?, name),
            description = COALESCE(?, description), start_date = COALESCE(?, start_date), end_date = COALESCE(?, end_date),
            updated_at = ? WHERE id = ?`,
    [
      m.location_code ?? null,
      m.name ?? null,
      m.description ?? null,
      m.start_date ?? null,
      m.end_date ?? null,
      at,
      p.id,
    ],
  );
  const updated = (await tx.get<ProgramRow>(`${SELECT} WHERE id = ?`, [p.id]))!;
  await enqueue(
    tx,
    { endpoint: 'on-program/_update', peerId, programId: p.id, message: programBody(updated) },
    at,
  );
  return p.id;
}
