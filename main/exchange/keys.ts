// Our signing key pair, made on first use and kept beside the ledger like the treasury secret:
// the private key in a file only its owner may read (0600).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { generateKeyPair, type KeyPair } from '../core/exchange/signing';

export const KEY_FILE = 'exchange-private-key.pem';

export function keyFileFor(ledgerFile: string): string {
  return path.join(path.dirname(path.resolve(ledgerFile)), KEY_FILE);
}

export function loadOrCreateKeys(file: string): KeyPair {
  if (!fs.existsSync(file)) {
    const pair = generateKeyPair();
    // 'wx': never overwrite a key another process wrote meanwhile.
    try {
      fs.writeFileSync(file, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const privateKeyPem = fs.readFileSync(file, 'utf8');
  const publicKeyPem = crypto
    .createPublicKey(privateKeyPem)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { privateKeyPem, publicKeyPem };
}
