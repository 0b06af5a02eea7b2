// Peers: who may send us messages (their id and public key) and where their callbacks go.
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { checkPublicKey } from './signing';
import type { ExchangePeer } from '../../../shared/types';

const ID_RE = /^[^@\s]+@[^@\s]+$/;

export async function savePeer(
  app: AppContext,
  p: { peerId: string; uri: string; publicKey: string },
): Promise<ExchangePeer> {
  if (!ID_RE.test(p.peerId))
    throw new AppError('BAD_REQUEST', `The peer id must look like name@host, not ${p.peerId}.`);
  let url: URL;
  try {
    url = new URL(p.uri);
  } catch {
    throw new AppError('BAD_REQUEST', `The callback address ${p.uri} is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('BAD_REQUEST', 'The callback address must be http:// or https://.');
  const keyProblem = checkPublicKey(p.publicKey);
  if (keyProblem) throw new AppError('BAD_REQUEST', `Peer ${p.peerId}: ${keyProblem}.`);
  const at = app.now();
  await app.ledger.write((tx) =>
    tx.run(
      `INSERT INTO exchange_peers (peer_id, uri, public_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (peer_id) DO UPDATE SET uri = excluded.uri, public_key = excluded.public_key, updated_at = excluded.updated_at`,
      [p.peerId, p.uri, p.publicKey.trim() + '\n', at, at],
    ),
  );
  return (await listPeers(app)).find((x) => x.peerId === p.peerId)!;
}

export async function removePeer(app: AppContext, peerId: string): Promise<void> {
  const { changes } = await app.ledger.write((tx) =>
    tx.run('DELETE FROM exchange_peers WHERE peer_id = ?', [peerId]),
  );
  if (!changes) throw new AppError('NOT_FOUND', `No peer ${peerId}.`);
}

export function listPeers(app: AppContext): Promise<ExchangePeer[]> {
  return app.ledger.read.all<ExchangePeer>(
    `SELECT peer_id AS peerId, uri, public_key AS publicKey, updated_at AS updatedAt,
            (SELECT count(*) FROM exchange_programs p WHERE p.peer_id = e.peer_id) AS programs,
            (SELECT count(*) FROM exchange_messages m WHERE m.peer_id = e.peer_id AND m.direction = 'out' AND m.state = 'queued') AS queued
       FROM exchange_peers e ORDER BY peer_id`,
  );
}
