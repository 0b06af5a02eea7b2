// The peer simulator as a separate process (npm run peer), driven over its admin HTTP routes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Received, SendRequest, SendResult } from '../../sandbox/peer/peer';

export const PEER_ID = 'works@http://127.0.0.1';

export interface PeerProcess {
  url: string;
  publicKey: string;
  send(r: SendRequest): Promise<SendResult>;
  received(): Promise<Received[]>;
  down(mode?: '503' | 'drop'): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

export async function startPeerProcess(opts: {
  dir: string;
  consoleUrl: string;
  consolePublicKey: string;
  consoleId?: string;
}): Promise<PeerProcess> {
  const consoleKey = path.join(opts.dir, 'console-public.pem');
  fs.writeFileSync(consoleKey, opts.consolePublicKey);
  const keyOut = path.join(opts.dir, 'peer-public.pem');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ROOT, 'sandbox/peer/cli.ts'),
      '--port=0',
      `--console=${opts.consoleUrl}`,
      `--console-id=${opts.consoleId ?? 'payments@http://127.0.0.1'}`,
      `--id=${PEER_ID}`,
      `--console-key=${consoleKey}`,
      `--public-key-out=${keyOut}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('PEER_READY '))
        resolve((JSON.parse(line.slice(11)) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the peer simulator exited (${code})`)));
  });
  const post = async (route: string, body: unknown = {}) => {
    const res = await fetch(`${url}${route}`, { method: 'POST', body: JSON.stringify(body) });
    return res.json() as Promise<unknown>;
  };
  return {
    url,
    publicKey: fs.readFileSync(keyOut, 'utf8'),
    send: (r) => post('/peer/send', r) as Promise<SendResult>,
    received: async () => (await (await fetch(`${url}/peer/received`)).json()) as Received[],
    down: async (mode = '503') => void (await post('/peer/down', { mode })),
    up: async () => void (await post('/peer/up')),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Poll a condition of the ledger or the peer until it holds. */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
