// The four _search endpoints: a peer sees its own programs and what hangs off them.
import type { Conn } from '../../ledger/conn';
import type { Endpoint } from './envelope';
import { rupeeNumber } from './outbox';

interface Query {
  location_code?: string | null;
  program_code?: string | null;
  sanction_id?: string | null;
  target_id?: string | null;
}

export async function search(
  tx: Conn,
  endpoint: Endpoint,
  peerId: string,
  raw: unknown,
): Promise<unknown[]> {
  const q = raw as Query;
  const params = [
    peerId,
    q.location_code ?? null,
    q.location_code ?? null,
    q.program_code ?? null,
    q.program_code ?? null,
  ];
  const programFilter = `p.peer_id = ? AND (? IS NULL OR p.location_code = ?) AND (? IS NULL OR p.program_code = ?)`;
  if (endpoint === 'program/_search') {
    const rows = await tx.all<Record<string, unknown>>(
      `SELECT p.id, p.program_code, p.location_code, p.name, p.description, p.start_date, p.end_date
         FROM exchange_programs p WHERE ${programFilter} ORDER BY p.id LIMIT 500`,
      params,
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }
  if (endpoint === 'sanction/_search') {
    const rows = await tx.all<{
      code: string;
      programCode: string;
      location: string;
      amount: number;
      allotted: number;
      available: number;
    }>(
      `SELECT e.sanction_code AS code, p.program_code AS programCode, p.location_code AS location, e.amount_paise AS amount,
              f.allotted_paise AS allotted, f.available_paise AS available
         FROM exchange_sanctions e JOIN exchange_programs p ON p.id = e.program_id JOIN funds_summary f ON f.sanction_id = e.sanction_id
        WHERE ${programFilter} AND (? IS NULL OR e.sanction_code = ?) ORDER BY e.id LIMIT 500`,
      [...params, q.sanction_id ?? null, q.sanction_id ?? null],
    );
    return rows.map((r) => ({
      id: r.code,
      program_code: r.programCode,
      location_code: r.location,
      net_amount: rupeeNumber(r.amount),
      gross_amount: rupeeNumber(r.amount),
      allocated_amount: rupeeNumber(r.allotted),
      available_amount: rupeeNumber(r.available),
    }));
  }
  if (endpoint === 'allocation/_search') {
    const rows = await tx.all<{
      code: string;
      sanctionCode: string;
      programCode: string;
      location: string;
      type: string;
      amount: number;
    }>(
      `SELECT x.allocation_code AS code, e.sanction_code AS sanctionCode, p.program_code AS programCode,
              p.location_code AS location, x.type, x.amount_paise AS amount
         FROM exchange_allocations x JOIN exchange_sanctions e ON e.id = x.exchange_sanction_id
         JOIN exchange_programs p ON p.id = e.program_id
        WHERE ${programFilter} AND (? IS NULL OR e.sanction_code = ?) ORDER BY x.id LIMIT 500`,
      [...params, q.sanction_id ?? null, q.sanction_id ?? null],
    );
    return rows.map((r) => ({
      id: r.code,
      sanction_id: r.sanctionCode,
      program_code: r.programCode,
      location_code: r.location,
      type: r.type,
      net_amount: rupeeNumber(r.amount),
      gross_amount: rupeeNumber(r.amount),
    }));
  }
  const rows = await tx.all<{
    id: number;
    request: string;
    status: string;
    message: string | null;
  }>(
    `SELECT d.id, d.request_json AS request, d.status, d.status_message AS message
       FROM exchange_disbursements d JOIN exchange_programs p ON p.id = d.program_id
      WHERE ${programFilter} AND (? IS NULL OR d.target_id = ?) ORDER BY d.id LIMIT 500`,
    [...params, q.target_id ?? null, q.target_id ?? null],
  );
  return rows.map((r) => ({
    ...(JSON.parse(r.request) as object),
    id: String(r.id),
    status: { status_code: r.status, status_message: r.message },
  }));
}
