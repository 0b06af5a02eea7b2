// Signing the program-service exchange (jit-protocol.md §7). The one definition of the signed
// bytes: the UTF-8 of JSON.stringify(header) followed directly by JSON.stringify(message),
// exactly as they are sent (key order included), with no separator. The signature is
// SHA256withRSA, i.e. RSASSA-PKCS1-v1_5 over SHA-256, base64-encoded. A receiver re-serialises
// the header and message it parsed: JSON.parse then JSON.stringify keeps key order, so a
// message that went through any JSON library that keeps order verifies.
import crypto from 'node:crypto';

export function signedBytes(header: unknown, message: unknown): Buffer {
  return Buffer.from(JSON.stringify(header) + JSON.stringify(message), 'utf8');
}

export function signMessage(privateKeyPem: string, header: unknown, message: unknown): string {
  return crypto.sign('sha256', signedBytes(header, message), privateKeyPem).toString('base64');
}

/** False for a wrong signature, a signature that is not base64, or a key that is not RSA. */
export function verifyMessage(
  publicKeyPem: string,
  header: unknown,
  message: unknown,
  signature: unknown,
): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return crypto.verify(
      'sha256',
      signedBytes(header, message),
      publicKeyPem,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

export interface KeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** A public key as PEM, or an error sentence for the one who pasted it. */
export function checkPublicKey(pem: string): string | null {
  try {
    const key = crypto.createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' ? null : 'the public key must be an RSA key';
  } catch {
    return 'the public key is not a PEM public key (-----BEGIN PUBLIC KEY-----)';
  }
}
