// Delivering the outbox: per peer, oldest first, one at a time, so a peer hears of a
// disbursement's changes in the order they happened. A message is claimed before it is
// posted (a lease in the ledger), so two processes on one ledger never post it at once; once
// the peer has answered 2xx it is never posted again. No answer or a 5xx: retried with
// backoff, and the messages behind it wait. A 4xx: the peer refuses it; kept as rejected
// (re-deliver from the CLI or the Exchange page) and the next one goes.
import type { AppContext } from '../core/context';
import type { KeyPair } from '../core/exchange/signing';
import { signMessage } from '../core/exchange/signing';
import { BASE_PATH } from '../core/exchange/envelope';

export interface DeliveryOptions {
  /** First retry after this, doubling. */
  baseMs: number;
  maxMs: number;
  timeoutMs: number;
  /** Backoff runs on the wall clock, whatever clock the ledger's business dates follow. */
  clock?: () => number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  baseMs: 2_000,
  maxMs: 5 * 60_000,
  timeoutMs: 10_000,
};

interface Due {
  id: number;
  endpoint: string;
  peerId: string;
  header: string;
  message: string;
  attempts: number;
  nextAt: number;
}

export async function deliverDue(
  app: AppContext,
  keys: KeyPair,
  opts: DeliveryOptions,
): Promise<number> {
  const peers = await app.ledger.read.all<{ peerId: string }>(
    `SELECT DISTINCT peer_id AS peerId FROM exchange_messages WHERE direction = 'out' AND state = 'queued'`,
  );
  const sent = await Promise.all(peers.map((p) => deliverToPeer(app, keys, opts, p.peerId)));
  return sent.reduce((a, b) => a + b, 0);
}

async function deliverToPeer(
  app: AppContext,
  keys: KeyPair,
  opts: DeliveryOptions,
  peerId: string,
): Promise<number> {
  let delivered = 0;
  for (;;) {
    const next = await app.ledger.read.get<Due>(
      `SELECT id, endpoint, peer_id AS peerId, header_json AS header, message_json AS message, attempts,
              next_attempt_at AS nextAt
         FROM exchange_messages WHERE direction = 'out' AND state = 'queued' AND peer_id = ? ORDER BY id LIMIT 1`,
      [peerId],
    );
    const clock = opts.clock ?? Date.now;
    if (!next || next.nextAt > clock()) return delivered;
    const peer = await app.ledger.read.get<{ uri: string }>(
      'SELECT uri FROM exchange_peers WHERE peer_id = ?',
      [peerId],
    );
    const now = clock();
    const claimed = await app.ledger.write(async (tx) => {
      const { changes } = await tx.run(
        `UPDATE exchange_messages SET attempts = attempts + 1, next_attempt_at = ?
          WHERE id = ? AND state = 'queued' AND next_attempt_at <= ?`,
        [now + opts.timeoutMs + backoff(next.attempts + 1, opts), next.id, now],
      );
      return changes === 1;
    });
    if (!claimed) return delivered;
    if (!peer) {
      await finish(
        app,
        next.id,
        'rejected',
        null,
        null,
        `${peerId} is no longer a registered peer`,
        null,
      );
      continue;
    }
    const signature = signMessage(
      keys.privateKeyPem,
      JSON.parse(next.header),
      JSON.parse(next.message),
    );
    const body = `{"signature":${JSON.stringify(signature)},"header":${next.header},"message":${next.message}}`;
    const url = `${peer.uri.replace(/\/+$/, '')}${BASE_PATH}${next.endpoint}`;
    let status: number | null = null;
    let text: string | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      status = res.status;
      text = (await res.text()).slice(0, 100_000);
    } catch (err) {
      error = `no answer from ${url}: ${(err as Error).message}`;
    }
    if (status !== null && status >= 200 && status < 300) {
      await finish(app, next.id, 'delivered', status, text, null, signature);
      delivered++;
      continue;
    }
    if (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      await finish(
        app,
        next.id,
        'rejected',
        status,
        text,
        `refused by the peer (HTTP ${status})`,
        signature,
      );
      continue;
    }
    // Not delivered: retry after the backoff; what follows it for this peer waits.
    await app.ledger.write((tx) =>
      tx.run(
        `UPDATE exchange_messages SET next_attempt_at = ?, http_status = ?, response_json = ?, error = ?, signature = ?,
                signature_check = 'signed' WHERE id = ?`,
        [
          clock() + backoff(next.attempts + 1, opts),
          status,
          text,
          error ?? `HTTP ${status} from the peer`,
          signature,
          next.id,
        ],
      ),
    );
    return delivered;
  }
}

function backoff(attempt: number, opts: DeliveryOptions): number {
  return Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
}

function finish(
  app: AppContext,
  id: number,
  state: 'delivered' | 'rejected',
  status: number | null,
  text: string | null,
  error: string | null,
  signature: string | null,
): Promise<unknown> {
  return app.ledger.write((tx) =>
    tx.run(
      `UPDATE exchange_messages SET state = ?, http_status = ?, response_json = ?, error = ?, signature = ?,
              signature_check = CASE WHEN ? IS NULL THEN signature_check ELSE 'signed' END,
              delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END, next_attempt_at = NULL
        WHERE id = ?`,
      [state, status, text, error, signature, signature, state, app.now(), id],
    ),
  );
}
