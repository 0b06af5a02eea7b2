// npm run peer -- --console http://127.0.0.1:8480 [--console-id payments@http://127.0.0.1]
//   [--id works@http://127.0.0.1] [--port 8490] [--key peer-key.pem] [--console-key console.pem]
// Starts the peer simulator and prints how to register it with the console and drive it.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { flagValue } from '../../main/config';
import { generateKeyPair, type KeyPair } from '../../main/core/exchange/signing';
import { startPeer } from './peer';

function keys(file: string | undefined): KeyPair {
  if (!file) return generateKeyPair();
  if (!fs.existsSync(file))
    fs.writeFileSync(file, generateKeyPair().privateKeyPem, { mode: 0o600 });
  const privateKeyPem = fs.readFileSync(file, 'utf8');
  const publicKeyPem = crypto
    .createPublicKey(privateKeyPem)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { privateKeyPem, publicKeyPem };
}

async function main(): Promise<void> {
  const argv = process.argv;
  const consoleUrl = flagValue(argv, 'console') ?? 'http://127.0.0.1:8480';
  const consoleKeyFile = flagValue(argv, 'console-key');
  const pair = keys(flagValue(argv, 'key'));
  const keyOut = path.resolve(flagValue(argv, 'public-key-out') ?? 'peer-public-key.pem');
  const peer = await startPeer({
    port: Number(flagValue(argv, 'port') ?? 8490),
    id: flagValue(argv, 'id') ?? 'works@http://127.0.0.1',
    consoleUrl,
    consoleId: flagValue(argv, 'console-id') ?? 'payments@http://127.0.0.1',
    consolePublicKey: consoleKeyFile ? fs.readFileSync(consoleKeyFile, 'utf8') : undefined,
    keys: pair,
  });
  fs.writeFileSync(keyOut, pair.publicKeyPem);
  // One machine-readable line first: tests that start this process read it.
  console.log(`PEER_READY ${JSON.stringify({ url: peer.url, publicKeyFile: keyOut })}`);
  console.log(`Peer simulator listening on ${peer.url}, sending to ${consoleUrl}.
Register it with the console:
  npm run cli -- exchange peer-add ${flagValue(argv, 'id') ?? 'works@http://127.0.0.1'} ${peer.url} ${keyOut}
Drive it:
  curl -X POST ${peer.url}/peer/send -d '{"endpoint":"program/_create","message":{"location_code":"od.angul","name":"Wages","start_date":1700000000}}'
  curl -X POST ${peer.url}/peer/send -d '{"endpoint":"disburse/_create","message":{...},"tamper":"signature"}'   (or "repeat":"<message_id>")
  curl ${peer.url}/peer/received        curl -X POST ${peer.url}/peer/down -d '{"mode":"503"}'   curl -X POST ${peer.url}/peer/up`);
  const stop = () => void peer.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
