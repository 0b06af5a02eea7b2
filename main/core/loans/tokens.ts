// Bearer tokens for the service-request API. A token is shown once when issued; the ledger
// keeps only its SHA-256, so a copy of the ledger file does not let anyone post requests.
import crypto from 'node:crypto';
import type { Ledger } from '../../ledger/ledger';
import type { ApiTokenRow, IssuedToken } from '../../../shared/loans';
import { AppError, notFound } from '../errors';

const DAY_MS = 86_400_000;

const hash = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export async function issueToken(
  ledger: Ledger,
  name: string,
  days: number,
  now: number,
): Promise<IssuedToken> {
  const clean = name.trim();
  if (!clean || clean.length > 80)
    throw new AppError('BAD_REQUEST', 'Name the token after who will use it (1 to 80 characters).');
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new AppError('BAD_REQUEST', 'A token lasts 1 to 366 days.');
  const token = `lpr_${crypto.randomBytes(24).toString('base64url')}`;
  const expiresAt = now + days * DAY_MS;
  const { lastID } = await ledger.write((tx) =>
    tx.run(
      'INSERT INTO api_tokens (name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)',
      [clean, hash(token), now, expiresAt],
    ),
  );
  return { id: lastID, name: clean, createdAt: now, expiresAt, revokedAt: null, token };
}

/** The token's name when it is known, live and not revoked; null otherwise. */
export async function tokenOwner(
  ledger: Ledger,
  presented: string | null,
  now: number,
): Promise<string | null> {
  if (!presented) return null;
  const row = await ledger.read.get<{ name: string }>(
    'SELECT name FROM api_tokens WHERE token_hash = ? AND expires_at > ? AND revoked_at IS NULL',
    [hash(presented), now],
  );
  return row?.name ?? null;
}

export async function listTokens(ledger: Ledger): Promise<ApiTokenRow[]> {
  return ledger.read.all<ApiTokenRow>(
    `SELECT id, name, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt
       FROM api_tokens ORDER BY id DESC`,
  );
}

export async function revokeToken(ledger: Ledger, id: number, now: number): Promise<ApiTokenRow[]> {
  const { changes } = await ledger.write((tx) =>
    tx.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]),
  );
  if (!changes) throw notFound(`Live token #${id}`);
  return listTokens(ledger);
}
