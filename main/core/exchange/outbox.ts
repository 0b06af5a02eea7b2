// Outgoing messages: a row of the message log written inside the transaction of the change
// that causes it, so a change and its message commit together. Delivery (main/exchange/
// deliver.ts) signs and posts it later (next_attempt_at 0: due now, on the delivery clock); the UNIQUE message_id makes it sent at most once.
import crypto from 'node:crypto';
import type { Conn } from '../../ledger/conn';
import { routeOf, type Endpoint } from './envelope';
import { readSettings } from './settings';

export interface Outgoing {
  endpoint: Endpoint;
  peerId: string;
  message: unknown;
  disbursementId?: number | null;
  programId?: number | null;
}

export async function enqueue(tx: Conn, out: Outgoing, at: number): Promise<number> {
  const settings = await readSettings(tx);
  const { messageType, action } = routeOf(out.endpoint);
  const header = {
    message_id: crypto.randomUUID(),
    message_ts: Math.floor(at / 1000),
    message_type: messageType,
    action,
    sender_id: settings.selfId,
    sender_uri: `${settings.url ?? `http://${settings.host}:${settings.port}`}/program-service`,
    receiver_id: out.peerId,
    is_msg_encrypted: false,
  };
  const { lastID } = await tx.run(
    `INSERT INTO exchange_messages (direction, endpoint, message_id, sender_id, receiver_id, peer_id, header_json,
                                    message_json, signature_check, state, next_attempt_at, disbursement_id, program_id, created_at)
     VALUES ('out', ?, ?, ?, ?, ?, ?, ?, 'unsigned', 'queued', 0, ?, ?, ?)`,
    [
      out.endpoint,
      header.message_id,
      header.sender_id,
      out.peerId,
      out.peerId,
      JSON.stringify(header),
      JSON.stringify(out.message),
      out.disbursementId ?? null,
      out.programId ?? null,
      at,
    ],
  );
  return lastID;
}

/** Amounts leave as decimal rupees (a JSON number): 123456 paise → 1234.56. */
export const rupeeNumber = (paise: number): number => Math.round(paise) / 100;
