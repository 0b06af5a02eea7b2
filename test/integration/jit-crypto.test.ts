// The cipher suite checked against the openssl command line, not against itself: the sandbox
// shares main/jit/crypto.ts, so a round trip through it alone would hide a wrong mode or hash.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesDecrypt, aesEncrypt, randomKey, rsaEncrypt } from '../../main/jit/crypto';
import { tempDir } from '../support/tmp';

function openssl(args: string[], input: Buffer): Buffer {
  const r = spawnSync('openssl', args, { input });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout;
}

describe('treasury crypto', () => {
  const dir = tempDir('jit-crypto-');

  it('AES-256-ECB with PKCS7 padding, as openssl does it', () => {
    const key = randomKey();
    expect(key).toHaveLength(32);
    const plain = Buffer.from(
      JSON.stringify({ serviceId: 'PAG', params: { billNo: 'PI-1013/2023-24/000182' } }),
    );
    const ours = aesEncrypt(key, plain);
    const theirs = openssl(['enc', '-aes-256-ecb', '-K', key.toString('hex')], plain);
    expect(ours.equals(theirs)).toBe(true);
    expect(aesDecrypt(key, theirs).equals(plain)).toBe(true);
    expect(() => aesDecrypt(randomKey(), Buffer.alloc(45))).toThrow();
  });

  it('RSA-OAEP with SHA-1 and MGF1-SHA-1, decryptable by openssl, from PEM or DER', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = path.join(dir, 'treasury.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const appKey = randomKey();
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const der = publicKey.export({ type: 'spki', format: 'der' });
    for (const key of [pem, der]) {
      const wrapped = rsaEncrypt(key, appKey);
      const args = ['pkeyutl', '-decrypt', '-inkey', keyFile, '-pkeyopt', 'rsa_padding_mode:oaep'];
      const opts = ['-pkeyopt', 'rsa_oaep_md:sha1', '-pkeyopt', 'rsa_mgf1_md:sha1'];
      expect(openssl([...args, ...opts], wrapped).equals(appKey)).toBe(true);
      // and not with SHA-256 OAEP: the hash really is SHA-1
      expect(() => openssl([...args, '-pkeyopt', 'rsa_oaep_md:sha256'], wrapped)).toThrow();
    }
  });
});
