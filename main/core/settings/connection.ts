// The treasury connection kept in the ledger (base URL, client id, public key file; the
// secret apart, see secret.ts), the client built from it, and "Test connection".
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JitClient } from '../../jit/client';
import { publicKeyOf } from '../../jit/crypto';
import type { Conn } from '../../ledger/conn';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import {
  baseUrlProblem,
  treasuryConnectionSchema,
  type ConnectionTest,
  type TreasuryConnectionInput,
} from '../../../shared/settings';
import { KEYS, readJson, writeValue } from './store';
import { loadSecret, saveSecret } from './secret';
import { treasuryWithoutSecret } from './link';

export const storedConnection = treasuryConnectionSchema.omit({ secret: true });
export type StoredConnection = Omit<TreasuryConnectionInput, 'secret'>;

export function readConnection(db: Conn): Promise<StoredConnection | null> {
  return readJson(db, KEYS.connection, storedConnection);
}

/** The key file as the client takes it (PEM text or DER), checked to be an RSA public key. */
export function readPublicKey(file: string): string | Buffer {
  const full = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(full);
  } catch (err) {
    throw new AppError(
      'REFUSED',
      `Cannot read the treasury public key file ${full}: ${(err as Error).message}`,
    );
  }
  const text = bytes.toString('utf8');
  const key = text.includes('-----BEGIN') ? text : bytes;
  try {
    publicKeyOf(key);
  } catch (err) {
    throw new AppError(
      'REFUSED',
      `${full} is not the treasury's RSA public key (PEM or DER): ${(err as Error).message}`,
    );
  }
  return key;
}

export function remoteClient(c: StoredConnection, secret: string): JitClient {
  const problem = baseUrlProblem(c.baseUrl);
  if (problem) throw new AppError('REFUSED', `Treasury base URL refused: ${problem}.`);
  return new JitClient({
    baseUrl: c.baseUrl,
    clientId: c.clientId,
    clientSecret: secret,
    publicKey: readPublicKey(c.publicKeyFile),
  });
}

/**
 * Keep the connection (and a typed secret, sealed) and switch to it at once when a secret is
 * at hand. Everything is checked before anything is written.
 */
export async function saveConnection(
  app: AppContext,
  input: TreasuryConnectionInput,
): Promise<void> {
  readPublicKey(input.publicKeyFile);
  await app.ledger.write((tx) => writeConnection(tx, app, input));
  await useSavedConnection(app, input);
}

/** Inside the caller's transaction: the connection, and a typed secret sealed. */
export async function writeConnection(
  tx: Conn,
  app: AppContext,
  input: TreasuryConnectionInput,
): Promise<void> {
  const { secret, ...conn } = input;
  if (secret) await saveSecret(tx, app.link.sealer, secret);
  await writeValue(tx, KEYS.connection, conn);
  await tx.run('INSERT INTO settings_log (at, section, detail) VALUES (?, ?, ?)', [
    app.now(),
    'treasury',
    JSON.stringify({ ...conn, secret: secret ? 'changed' : 'unchanged' }),
  ]);
}

/**
 * After the commit: talk to the saved treasury from now on. A connection from the
 * environment stays (it was named at start); without a secret the link says what is missing.
 */
export async function useSavedConnection(app: AppContext, input: TreasuryConnectionInput) {
  if (app.link.source === 'environment') return;
  const { secret: typed, ...conn } = input;
  const { sealer, env } = app.link;
  const secret = typed ?? (await loadSecret(app.ledger.read, sealer, env));
  const info = { kind: 'remote' as const, baseUrl: conn.baseUrl };
  if (secret) await app.link.use(remoteClient(conn, secret), info, 'settings');
  else {
    const problem = 'the treasury client secret (JIT_CLIENT_SECRET_FILE or JIT_CLIENT_SECRET)';
    await app.link.use(treasuryWithoutSecret(`missing ${problem}`), info, 'settings', problem);
  }
}

/** Log in with these details (the stored secret when none is typed) and say what happened. */
export async function testConnection(
  app: AppContext,
  input: TreasuryConnectionInput,
): Promise<ConnectionTest> {
  const t0 = performance.now();
  const secret = input.secret ?? (await loadSecret(app.ledger.read, app.link.sealer, app.link.env));
  if (!secret) {
    throw new AppError(
      'REFUSED',
      'Type the client secret to test the connection: none is kept on this host.',
    );
  }
  const client = remoteClient(input, secret);
  try {
    const r = await client.testLogin();
    return { ...r, durationMs: Math.round(performance.now() - t0) };
  } finally {
    await client.close();
  }
}
