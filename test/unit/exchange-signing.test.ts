// Known answers for the exchange signature: a fixed key and message give a fixed signature
// (checked once against `openssl dgst -sha256 -sign`), so a change to the signed bytes fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedBytes, signMessage, verifyMessage } from '../../main/core/exchange/signing';
import { checkHeader, ExchangeError, parseEnvelope } from '../../main/core/exchange/envelope';

const fixtures = path.join(__dirname, '../fixtures/exchange');
const privateKey = fs.readFileSync(path.join(fixtures, 'test-key.pem'), 'utf8');
const publicKey = fs.readFileSync(path.join(fixtures, 'test-key.pub.pem'), 'utf8');

const header = {
  message_id: '123',
  message_ts: 1708428280,
  message_type: 'program',
  action: 'create',
  sender_id: 'program@https://spp.example.org',
  sender_uri: 'https://spp.example.org/program-service',
  receiver_id: 'program@https://pymts.example.org',
  is_msg_encrypted: false,
};
const message = {
  location_code: 'pb.jalandhar,dwss',
  name: 'Community Development Initiative',
  description: 'Empowering local communities through sustainable development projects.',
  start_date: 1672531200,
};
const SIGNATURE =
  'DqVQ1d5YF6GiToeN8YepbKkDsKvl+3e7jo3vCCxgLC5vmJS7eoHH76xOmtdZj/H1AKs7QMO302W/i2WEPCZCeQxqXJnAkqHQL4fy5z3wHd5K+1HdJE70AyG4kCvU9I2oaPw6wYcKRhfI6oWbELxjtuijxFPPbWNKYWoKTBFoX1OZm6ysiy7TPzHQJ3hXjZCdgl2hS7LFKHOPXg/x4YXkd81iZ7TDgZaAEDkR0U+y9USoV1l066iyu7jBOsFXKvtv6bTVOqJ/o+skL3eH0S1I/IKfu/WSkCQKcz18iCiyl/+eVvytWujbXMdfb8vmJKyosiui320GR4nCq/riORcE0g==';

describe('exchange signing (SHA256withRSA over JSON(header) + JSON(message))', () => {
  it('signs the documented bytes: header JSON directly followed by message JSON', () => {
    expect(signedBytes(header, message).toString('utf8')).toBe(
      `${JSON.stringify(header)}${JSON.stringify(message)}`,
    );
  });

  it('gives the known signature for the fixed key and message', () => {
    expect(signMessage(privateKey, header, message)).toBe(SIGNATURE);
    expect(verifyMessage(publicKey, header, message, SIGNATURE)).toBe(true);
  });

  it('refuses a changed header, a changed message, key order changed, a flipped byte, junk', () => {
    expect(verifyMessage(publicKey, { ...header, message_id: '124' }, message, SIGNATURE)).toBe(
      false,
    );
    expect(verifyMessage(publicKey, header, { ...message, name: 'X' }, SIGNATURE)).toBe(false);
    const reordered = Object.fromEntries(Object.entries(header).reverse());
    expect(verifyMessage(publicKey, reordered, message, SIGNATURE)).toBe(false);
    const flipped = Buffer.from(SIGNATURE, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyMessage(publicKey, header, message, flipped.toString('base64'))).toBe(false);
    expect(verifyMessage(publicKey, header, message, 'not base64!')).toBe(false);
    expect(verifyMessage('not a key', header, message, SIGNATURE)).toBe(false);
  });
});

describe('exchange header rules', () => {
  const ok = { ...header, receiver_id: 'payments@http://127.0.0.1' };
  const refusal = (h: Record<string, unknown>, endpoint = 'program/_create') => {
    try {
      checkHeader(
        parseEnvelope({ signature: 'x', header: h, message: {} }).header,
        endpoint as never,
        'payments@http://127.0.0.1',
      );
      return null;
    } catch (err) {
      return (err as ExchangeError).code;
    }
  };
  it('accepts a header that matches its URL', () => expect(refusal(ok)).toBeNull());
  it.each([
    [{ action: 'update' }, 'ACTION_ERROR'],
    [{ message_type: 'disburse' }, 'MESSAGE_TYPE_ERROR'],
    [{ sender_id: 'payments@http://127.0.0.1' }, 'RECEIVER_ID_SENDER_ID_ERROR'],
    [{ receiver_id: 'someone@else' }, 'RECEIVER_ID_ERROR'],
    [{ sender_id: 'no-at-sign' }, 'MALFORMED_MESSAGE'],
    [{ message_ts: '2024-01-01' }, 'MALFORMED_MESSAGE'],
  ])('%o → %s', (change, code) => expect(refusal({ ...ok, ...change })).toBe(code));
  it('lets a search be addressed to its own sender', () => {
    const self = { ...ok, message_type: 'program', action: 'search', sender_id: ok.receiver_id };
    expect(refusal(self, 'program/_search')).toBeNull();
  });
});
