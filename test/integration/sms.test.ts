import { afterAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Ledger } from '../../main/ledger/ledger';
import { insertPi } from '../../main/core/pi/pi-store';
import { queueSms } from '../../main/notify/outbox';
import { smsBody } from '../../main/notify/templates';
import { deliverQueued, MAX_SMS_ATTEMPTS } from '../../main/notify/deliver';
import { fileGateway, httpGateway } from '../../main/notify/gateway';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';

const dir = tempDir();

describe('SMS templates', () => {
  it('use the seed wording with rupees to two decimals and the UTR', () => {
    expect(smsBody('PD', 100_050, 'UTR123')).toBe(
      'Payment of Rs. 1000.50 for MUKTA, transaction UTR123 is made to your registered bank account. Contact your bank if not credited within 72 hours. MUKTA - Govt. of Odisha.',
    );
    expect(smsBody('FD', 5, 'UTR9')).toBe(
      'Payment of Rs. 0.05 for MUKTA, transaction UTR9 is failed. Contact MUKTA Cell at ULB for more detail. MUKTA - Govt. of Odisha.',
    );
  });
});

async function ledgerWithPi(name: string) {
  const ledger = await Ledger.open(path.join(dir, name));
  const piId = await ledger.write((tx) => insertPi(tx, samplePi('PI-1/2023-24/000001', 2), 1));
  const ids = (
    await ledger.read.all<{ id: number; mobile: string }>(
      'SELECT id, mobile FROM beneficiaries ORDER BY id',
    )
  ).map((b) => b);
  return { ledger, piId, ids };
}

describe('SMS outbox', () => {
  it('queues one message per beneficiary, event and UTR, ever', async () => {
    const { ledger, ids } = await ledgerWithPi('outbox.db');
    const rows = ids.map((b) => ({
      beneficiaryId: b.id,
      mobile: b.mobile,
      amountPaise: 100_000,
      utrNo: `UTR${b.id}`,
    }));
    expect(await ledger.write((tx) => queueSms(tx, 'PD', rows, null, 1))).toBe(2);
    expect(await ledger.write((tx) => queueSms(tx, 'PD', rows, null, 2))).toBe(0);
    expect(await ledger.write((tx) => queueSms(tx, 'FD', rows, null, 3))).toBe(2);
    // A new UTR (the payment went out again) is a new message.
    expect(
      await ledger.write((tx) => queueSms(tx, 'PD', [{ ...rows[0]!, utrNo: 'UTR-NEW' }], null, 4)),
    ).toBe(1);
    expect((await ledger.read.get<{ n: number }>('SELECT count(*) AS n FROM sms_outbox'))!.n).toBe(
      5,
    );
    await ledger.close();
  });
});

describe('SMS delivery', () => {
  const received: Array<Record<string, string>> = [];
  let failNext = 0;
  // The SMS provider's far side: a real HTTP server on loopback.
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end('busy');
        return;
      }
      received.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  const listening = new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends queued messages over HTTP, records every attempt, and retries failures later', async () => {
    await listening;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    const { ledger, ids } = await ledgerWithPi('deliver.db');
    await ledger.write((tx) =>
      queueSms(
        tx,
        'PD',
        ids.map((b) => ({
          beneficiaryId: b.id,
          mobile: b.mobile,
          amountPaise: 100_000,
          utrNo: `U${b.id}`,
        })),
        null,
        1,
      ),
    );
    failNext = 1;
    const gateway = httpGateway({ url, fields: { sender: 'MUKTA' } });
    expect(await deliverQueued(ledger, gateway, () => 10, 'test')).toEqual({
      sent: 1,
      failed: 1,
      skipped: 0,
    });
    expect(await deliverQueued(ledger, gateway, () => 20, 'test')).toEqual({
      sent: 1,
      failed: 0,
      skipped: 0,
    });
    expect(await deliverQueued(ledger, gateway, () => 30, 'test')).toEqual({
      sent: 0,
      failed: 0,
      skipped: 0,
    });
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({ sender: 'MUKTA', to: ids[1]!.mobile });
    expect(received[0]!.message).toMatch(
      /^Payment of Rs\. 1000\.00 for MUKTA, transaction U\d+ is made/,
    );
    const attempts = await ledger.read.all<{ ok: number }>(
      'SELECT ok FROM sms_attempts ORDER BY id',
    );
    expect(attempts.map((a) => a.ok)).toEqual([0, 1, 1]);
    await ledger.close();
  });

  it('gives up after the attempt limit and marks messages without a mobile as failed', async () => {
    const { ledger, ids } = await ledgerWithPi('giveup.db');
    await ledger.write((tx) =>
      queueSms(
        tx,
        'FD',
        [
          { beneficiaryId: ids[0]!.id, mobile: ids[0]!.mobile, amountPaise: 1, utrNo: 'A' },
          { beneficiaryId: ids[1]!.id, mobile: null, amountPaise: 1, utrNo: 'B' },
        ],
        null,
        1,
      ),
    );
    // A port that was just free: nothing listens there (no fixed port that might be taken).
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = httpGateway({ url: `http://127.0.0.1:${port}/sms`, timeoutMs: 2000 });
    for (let i = 0; i < MAX_SMS_ATTEMPTS; i++) await deliverQueued(ledger, down, () => i, 'test');
    const rows = await ledger.read.all<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM sms_outbox ORDER BY id',
    );
    expect(rows).toEqual([
      { status: 'failed', attempts: MAX_SMS_ATTEMPTS },
      { status: 'failed', attempts: 1 },
    ]);
    await ledger.close();
  });

  it('the default gateway writes messages to a file', async () => {
    const file = path.join(dir, 'sms.log');
    const r = await fileGateway(file).send('9876500000', 'hello');
    expect(r.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8').trim())).toMatchObject({
      to: '9876500000',
      body: 'hello',
    });
  });
});
