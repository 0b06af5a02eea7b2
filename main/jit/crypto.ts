// The treasury's cipher suite. AES-256-ECB is the treasury's choice, not ours: it leaks
// equal blocks, so it stays inside the transport and never protects anything we store.
import crypto, { type KeyObject } from 'node:crypto';

export const KEY_BYTES = 32;

/** A fresh random 32-byte AES key (app key, session key or request key). */
export function randomKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

export function aesEncrypt(key: Buffer, plain: Buffer | string): Buffer {
  const cipher = crypto.createCipheriv('aes-256-ecb', key, null);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

/** Throws on a wrong key or bad padding (most of the time: ECB has no integrity check). */
export function aesDecrypt(key: Buffer, data: Buffer): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-ecb', key, null);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** Accepts PEM text or a DER SubjectPublicKeyInfo buffer. */
export function publicKeyOf(key: string | Buffer | KeyObject): KeyObject {
  if (typeof key === 'string') return crypto.createPublicKey(key);
  if (Buffer.isBuffer(key)) {
    const text = key.toString('latin1');
    if (text.includes('-----BEGIN')) return crypto.createPublicKey(text);
    return crypto.createPublicKey({ key, format: 'der', type: 'spki' });
  }
  return key;
}

const OAEP_SHA1 = { padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' };

/** RSA-OAEP with SHA-1 and MGF1-SHA-1, as the treasury's login expects. */
export function rsaEncrypt(publicKey: string | Buffer | KeyObject, data: Buffer): Buffer {
  return crypto.publicEncrypt({ key: publicKeyOf(publicKey), ...OAEP_SHA1 }, data);
}

export function rsaDecrypt(privateKey: string | KeyObject, data: Buffer): Buffer {
  return crypto.privateDecrypt({ key: privateKey, ...OAEP_SHA1 }, data);
}
