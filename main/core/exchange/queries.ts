// Read side of the Exchange pages and the CLI: programs, sanctions with their allocations and
// the funds behind them, disbursements with their PI, and the message log.
import type { Ledger } from '../../ledger/ledger';
import type { AppContext } from '../context';
import { AppError, notFound } from '../errors';
import type {
  ExchangeDisbursementRow,
  ExchangeMessageDetail,
  ExchangeMessageRow,
  ExchangeProgramRow,
  ExchangeSanctionRow,
  Page,
} from '../../../shared/types';

export function listPrograms(ledger: Ledger): Promise<ExchangeProgramRow[]> {
  return ledger.read.all<ExchangeProgramRow>(
    `SELECT p.id, p.program_code AS programCode, p.name, p.description, p.location_code AS locationCode, p.peer_id AS peerId,
            p.start_date AS startDate, p.created_at AS createdAt,
            (SELECT count(*) FROM exchange_sanctions e WHERE e.program_id = p.id) AS sanctions,
            COALESCE((SELECT sum(f.allotted_paise) FROM exchange_sanctions e JOIN funds_summary f ON f.sanction_id = e.sanction_id
                       WHERE e.program_id = p.id), 0) AS allottedPaise,
            COALESCE((SELECT sum(f.available_paise) FROM exchange_sanctions e JOIN funds_summary f ON f.sanction_id = e.sanction_id
                       WHERE e.program_id = p.id), 0) AS availablePaise,
            (SELECT count(*) FROM exchange_disbursements d WHERE d.program_id = p.id) AS disbursements
       FROM exchange_programs p ORDER BY p.id DESC`,
  );
}

export async function listSanctions(
  ledger: Ledger,
  programId?: number,
): Promise<ExchangeSanctionRow[]> {
  const rows = await ledger.read.all<
    Omit<ExchangeSanctionRow, 'allocations'> & { allocations: string }
  >(
    `SELECT e.id, e.sanction_code AS sanctionCode, p.program_code AS programCode, s.mst_allotment_dist_id AS mstAllotmentDistId,
            s.hoa, e.amount_paise AS amountPaise, f.allotted_paise AS allottedPaise, f.available_paise AS availablePaise,
            e.peer_status AS peerStatus,
            (SELECT json_group_array(json_object('allocationCode', x.allocation_code, 'type', x.type, 'amountPaise', x.amount_paise,
                                                 'txnType', a.txn_type, 'allotmentDate', a.allotment_date))
               FROM exchange_allocations x JOIN allotments a ON a.id = x.allotment_id WHERE x.exchange_sanction_id = e.id) AS allocations
       FROM exchange_sanctions e JOIN exchange_programs p ON p.id = e.program_id
       JOIN sanctions s ON s.id = e.sanction_id JOIN funds_summary f ON f.sanction_id = s.id
      WHERE (? IS NULL OR p.id = ?) ORDER BY p.id, e.id`,
    [programId ?? null, programId ?? null],
  );
  return rows.map((r) => ({ ...r, allocations: JSON.parse(r.allocations) }));
}

export async function listDisbursements(
  ledger: Ledger,
  q: { status?: string; limit: number; offset: number },
): Promise<Page<ExchangeDisbursementRow>> {
  const where = `WHERE (? IS NULL OR d.status = ?)`;
  const params = [q.status ?? null, q.status ?? null];
  const rows = await ledger.read.all<ExchangeDisbursementRow>(
    `SELECT d.id, d.target_id AS targetId, p.program_code AS programCode, d.peer_id AS peerId,
            COALESCE(pay.gross_paise, 0) AS netPaise,
            (SELECT count(*) FROM payment_beneficiaries b WHERE b.payment_id = d.payment_id) AS beneficiaries,
            d.status, d.status_message AS statusMessage, d.payment_id AS paymentId, pi.id AS piId, pi.bill_no AS billNo,
            pi.status AS piStatus, d.created_at AS createdAt, d.updated_at AS updatedAt
       FROM exchange_disbursements d JOIN exchange_programs p ON p.id = d.program_id
       LEFT JOIN payments pay ON pay.id = d.payment_id
       LEFT JOIN pis pi ON pi.id = (SELECT max(id) FROM pis WHERE payment_id = d.payment_id AND kind = 'PI')
      ${where} ORDER BY d.id DESC LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  const total = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM exchange_disbursements d ${where}`,
    params,
  );
  return { rows, total: total?.n ?? 0 };
}

const MESSAGE_COLUMNS = `id, direction, endpoint, message_id AS messageId, peer_id AS peerId, signature_check AS signatureCheck,
       state, error_code AS errorCode, error, http_status AS httpStatus, attempts, disbursement_id AS disbursementId,
       created_at AS createdAt, delivered_at AS deliveredAt`;

export async function listMessages(
  ledger: Ledger,
  q: {
    direction?: 'in' | 'out';
    state?: string;
    disbursementId?: number;
    limit: number;
    offset: number;
  },
): Promise<Page<ExchangeMessageRow>> {
  const where = `WHERE (? IS NULL OR direction = ?) AND (? IS NULL OR state = ?) AND (? IS NULL OR disbursement_id = ?)`;
  const params = [
    q.direction ?? null,
    q.direction ?? null,
    q.state ?? null,
    q.state ?? null,
    q.disbursementId ?? null,
    q.disbursementId ?? null,
  ];
  const rows = await ledger.read.all<ExchangeMessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM exchange_messages ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  const total = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM exchange_messages ${where}`,
    params,
  );
  return { rows, total: total?.n ?? 0 };
}

const parse = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

export async function getMessage(ledger: Ledger, id: number): Promise<ExchangeMessageDetail> {
  const row = await ledger.read.get<
    ExchangeMessageRow & {
      header: string | null;
      message: string | null;
      body: string | null;
      signature: string | null;
      response: string | null;
      nextAttemptAt: number | null;
    }
  >(
    `SELECT ${MESSAGE_COLUMNS}, header_json AS header, message_json AS message, body_json AS body, signature,
            response_json AS response, next_attempt_at AS nextAttemptAt
       FROM exchange_messages WHERE id = ?`,
    [id],
  );
  if (!row) throw notFound(`Message ${id}`);
  return {
    ...row,
    header: parse(row.header),
    message: parse(row.message),
    body: parse(row.body),
    response: parse(row.response),
  };
}

/**
 * Deliver a queued or rejected message again, now. A delivered one is never sent again: the
 * peer has it, and sending it twice would break "at most once per message_id".
 */
export async function redeliver(app: AppContext, id: number): Promise<ExchangeMessageDetail> {
  await app.ledger.write(async (tx) => {
    const row = await tx.get<{ direction: string; state: string }>(
      'SELECT direction, state FROM exchange_messages WHERE id = ?',
      [id],
    );
    if (!row) throw notFound(`Message ${id}`);
    if (row.direction !== 'out')
      throw new AppError('REFUSED', `Message ${id} came in; only outgoing messages are delivered.`);
    if (row.state === 'delivered')
      throw new AppError(
        'REFUSED',
        `Message ${id} was delivered already; it is sent at most once.`,
      );
    await tx.run(
      `UPDATE exchange_messages SET state = 'queued', next_attempt_at = 0 WHERE id = ?`,
      [id],
    );
  });
  return getMessage(app.ledger, id);
}
