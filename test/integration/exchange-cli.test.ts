// The exchange from the command line: switching it on, our key (owner-readable only), peers,
// the message log, and re-delivery: an undelivered message goes again, a delivered one never.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../main/cli';
import { Ledger } from '../../main/ledger/ledger';
import { enqueue } from '../../main/core/exchange/outbox';
import { KEY_FILE } from '../../main/exchange/keys';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const db = path.join(dir, 'cli.db');
const peerKey = path.resolve(__dirname, '../fixtures/exchange/test-key.pub.pem');

function capture() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return () => lines.join('\n');
}
afterEach(() => vi.restoreAllMocks());

const cli = async (...args: string[]) => {
  const out = capture();
  const code = await main([...args, '--db', db]);
  vi.restoreAllMocks();
  return { code, out: out() };
};

describe('npm run cli -- exchange', () => {
  it('is off by default; on keeps the address; our private key is readable by its owner only', async () => {
    expect(JSON.parse((await cli('exchange', 'status', '--json')).out)).toMatchObject({
      enabled: false,
      host: '127.0.0.1',
      port: 8480,
      running: false,
    });
    expect((await cli('exchange', 'on', '--port', '18480')).code).toBe(0);
    const status = JSON.parse((await cli('exchange', 'status', '--json')).out);
    expect(status).toMatchObject({ enabled: true, port: 18480 });
    expect(status.publicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    // The same key on the next start, not a new one.
    expect(JSON.parse((await cli('exchange', 'status', '--json')).out).publicKey).toBe(
      status.publicKey,
    );
  });

  it('registers a peer with its public key, and refuses one without a usable key', async () => {
    expect(
      (await cli('exchange', 'peer-add', 'works@http://127.0.0.1', 'http://127.0.0.1:9', peerKey))
        .code,
    ).toBe(0);
    expect((await cli('exchange', 'peers')).out).toMatch(
      /works@http:\/\/127\.0\.0\.1\s+http:\/\/127\.0\.0\.1:9/,
    );
    const junk = path.join(dir, 'junk.pem');
    fs.writeFileSync(junk, 'not a key');
    await expect(
      main(['exchange', 'peer-add', 'x@y', 'http://127.0.0.1:9', junk, '--db', db]),
    ).rejects.toThrow(/not a PEM public key/);
  });

  it('delivers again a message the peer never got, and refuses to send a delivered one twice', async () => {
    const ledger = await Ledger.open(db);
    const id = await ledger.write((tx) =>
      enqueue(
        tx,
        {
          endpoint: 'on-program/_create',
          peerId: 'works@http://127.0.0.1',
          message: { program_code: 'P1' },
        },
        1,
      ),
    );
    await ledger.close();
    expect((await cli('exchange', 'deliver')).out).toMatch(/0 message\(s\) delivered/);
    const after = JSON.parse((await cli('exchange', 'message', String(id))).out);
    expect(after).toMatchObject({
      state: 'queued',
      attempts: 1,
      error: expect.stringMatching(/no answer/),
    });
    expect(after.signature).toEqual(expect.any(String));
    const again = await cli('exchange', 'redeliver', String(id));
    expect(again.out).toMatch(new RegExp(`Message ${id}: queued .*no answer`));
    expect((await cli('exchange', 'messages', '--direction', 'out')).out).toMatch(
      /on-program\/_create\s+works@/,
    );

    const l2 = await Ledger.open(db);
    await l2.write((tx) =>
      tx.run(`UPDATE exchange_messages SET state = 'delivered' WHERE id = ?`, [id]),
    );
    await l2.close();
    await expect(main(['exchange', 'redeliver', String(id), '--db', db])).rejects.toThrow(
      /at most once/,
    );
  });
});
