// The sandbox treasury's own RSA-2048 key pair: generated at start, or loaded from PEM.
import crypto, { type KeyObject } from 'node:crypto';

export interface TreasuryKeys {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function treasuryKeys(privateKeyPem?: string): TreasuryKeys {
  const privateKey = privateKeyPem
    ? crypto.createPrivateKey(privateKeyPem)
    : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const publicKeyPem = crypto
    .createPublicKey(privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { privateKey, publicKeyPem };
}
