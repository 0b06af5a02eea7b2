// Where the treasury secret comes from. The window keeps one typed in Settings with Electron
// safeStorage (main/electron/secret-store.ts); the CLI, `serve` and the browser host take it
// from JIT_CLIENT_SECRET or from the file JIT_CLIENT_SECRET_FILE names, readable by its
// owner only. The secret is never written to the ledger in clear, nor sent to the renderer.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import type { Conn } from '../../ledger/conn';
import { KEYS, writeValue } from './store';

/** Electron safeStorage's face (main/electron/secret-sealer.ts): OS-keyed encryption. */
export interface SecretSealer {
  /** Shown in Settings: where a typed secret is kept. */
  readonly name: string;
  seal(secret: string): string;
  unseal(sealed: string): string;
}

/** The environment's secret: JIT_CLIENT_SECRET, else the file JIT_CLIENT_SECRET_FILE. */
export function envSecret(env: NodeJS.ProcessEnv): string | null {
  if (env.JIT_CLIENT_SECRET) return env.JIT_CLIENT_SECRET;
  const file = env.JIT_CLIENT_SECRET_FILE;
  return file ? readSecretFile(file) : null;
}

/** A secret file others can read is refused: the secret would already be out. */
export function readSecretFile(file: string): string {
  const full = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch (err) {
    throw new AppError(
      'REFUSED',
      `Cannot read the treasury secret file ${full}: ${(err as Error).message}`,
    );
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new AppError(
      'REFUSED',
      `The treasury secret file ${full} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); make it readable by its owner only: chmod 600 ${full}`,
    );
  }
  const secret = fs.readFileSync(full, 'utf8').trim();
  if (!secret) throw new AppError('REFUSED', `The treasury secret file ${full} is empty.`);
  return secret;
}

/**
 * The secret this host can use: one sealed in the ledger by the window (only a sealer can
 * open it), else the environment's.
 */
export async function loadSecret(
  db: Conn,
  sealer: SecretSealer | null,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  if (sealer) {
    const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
      KEYS.sealedSecret,
    ]);
    if (row) return sealer.unseal(row.value);
  }
  return envSecret(env);
}

/** Keep a secret typed in Settings, sealed; a host without a sealer refuses to keep it. */
export async function saveSecret(
  tx: Conn,
  sealer: SecretSealer | null,
  secret: string,
): Promise<void> {
  if (!sealer) {
    throw new AppError(
      'REFUSED',
      'This host cannot keep the treasury secret: set JIT_CLIENT_SECRET_FILE to a file readable by its owner only (or JIT_CLIENT_SECRET) and start it again.',
    );
  }
  await writeValue(tx, KEYS.sealedSecret, sealer.seal(secret));
}
