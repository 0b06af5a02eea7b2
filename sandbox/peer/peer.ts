// The peer simulator: plays the works system on the far side of the program-service exchange.
// It signs and sends programs and disbursements to the console, receives the console's
// callbacks (checking their signatures and noting repeats), and can misbehave on request:
// a tampered signature or body, a wrong header field, a repeated message_id, or being down.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signMessage, verifyMessage, type KeyPair } from '../../main/core/exchange/signing';
import { BASE_PATH, routeOf, type Endpoint } from '../../main/core/exchange/envelope';
import { readBody, sendJson } from '../http';

export interface PeerOptions {
  port?: number;
  /** Our participant id (header.sender_id). */
  id: string;
  /** The console's exchange base URL, e.g. http://127.0.0.1:8480. */
  consoleUrl: string;
  consoleId: string;
  /** Checks the console's callbacks when given. */
  consolePublicKey?: string;
  keys: KeyPair;
}

export interface Received {
  seq: number;
  endpoint: string;
  header: Record<string, unknown>;
  message: Record<string, unknown>;
  signatureValid: boolean | null;
  /** The same message_id came before: answered as then, not counted again. */
  repeat: boolean;
}

export interface SendRequest {
  endpoint: Endpoint;
  message: unknown;
  /** Header fields to override (a wrong action, another sender...). */
  header?: Record<string, unknown>;
  /** 'signature': flip a byte of the signature; 'message': change the body after signing. */
  tamper?: 'signature' | 'message';
  /** Send the exact envelope sent before under this message_id again. */
  repeat?: string;
  /** Send this text as the body, unsigned (a malformed message). */
  raw?: string;
}

export interface SendResult {
  status: number;
  body: unknown;
  header: Record<string, unknown> | null;
}

export interface Peer {
  url: string;
  received: Received[];
  send(r: SendRequest): Promise<SendResult>;
  setDown(mode: 'up' | '503' | 'drop'): void;
  close(): Promise<void>;
}

export async function startPeer(opts: PeerOptions): Promise<Peer> {
  const received: Received[] = [];
  const sent = new Map<string, string>();
  let down: 'up' | '503' | 'drop' = 'up';
  let seq = 0;
  let url = '';

  async function send(r: SendRequest): Promise<SendResult> {
    let body: string;
    let header: Record<string, unknown> | null = null;
    if (r.raw !== undefined) body = r.raw;
    else if (r.repeat) {
      const before = sent.get(r.repeat);
      if (!before) throw new Error(`nothing was sent with message_id ${r.repeat}`);
      body = before;
      header = (JSON.parse(before) as { header: Record<string, unknown> }).header;
    } else {
      const { messageType, action } = routeOf(r.endpoint);
      header = {
        message_id: crypto.randomUUID(),
        message_ts: Math.floor(Date.now() / 1000),
        message_type: messageType,
        action,
        sender_id: opts.id,
        sender_uri: url,
        receiver_id: opts.consoleId,
        is_msg_encrypted: false,
        ...r.header,
      };
      let signature = signMessage(opts.keys.privateKeyPem, header, r.message);
      let message = r.message;
      if (r.tamper === 'signature') {
        const bytes = Buffer.from(signature, 'base64');
        bytes[10] = bytes[10]! ^ 0xff;
        signature = bytes.toString('base64');
      }
      if (r.tamper === 'message')
        message = { ...(r.message as object), tampered: true, net_amount: 999999 };
      body = JSON.stringify({ signature, header, message });
      sent.set(String(header.message_id), body);
    }
    const res = await fetch(`${opts.consoleUrl.replace(/\/+$/, '')}${BASE_PATH}${r.endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // kept as text
    }
    return { status: res.status, body: parsed, header };
  }

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => sendJson(res, 500, { error: String(err) }));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/peer/')) return admin(path, req, res);
    if (!path.startsWith(BASE_PATH)) return sendJson(res, 404, { errors: [{ code: 'NOT_FOUND' }] });
    if (down === 'drop') return void req.socket.destroy();
    if (down === '503') return sendJson(res, 503, { errors: [{ code: 'UNAVAILABLE' }] });
    const text = await readBody(req);
    const env = JSON.parse(text) as {
      signature: string;
      header: Record<string, unknown>;
      message: Record<string, unknown>;
    };
    const repeat = received.some((x) => x.header.message_id === env.header.message_id);
    received.push({
      seq: ++seq,
      endpoint: path.slice(BASE_PATH.length),
      header: env.header,
      message: env.message,
      signatureValid: opts.consolePublicKey
        ? verifyMessage(opts.consolePublicKey, env.header, env.message, env.signature)
        : null,
      repeat,
    });
    sendJson(res, 200, { message_id: env.header.message_id, status: 'ACCEPTED' });
  }

  async function admin(path: string, req: http.IncomingMessage, res: http.ServerResponse) {
    if (path === '/peer/received') return sendJson(res, 200, received);
    if (path === '/peer/public-key')
      return sendJson(res, 200, { publicKey: opts.keys.publicKeyPem });
    const body = req.method === 'POST' ? await readBody(req) : '';
    if (path === '/peer/down') {
      const mode = (JSON.parse(body || '{}') as { mode?: '503' | 'drop' }).mode ?? '503';
      down = mode;
      return sendJson(res, 200, { down: mode });
    }
    if (path === '/peer/up') {
      down = 'up';
      return sendJson(res, 200, { down: 'up' });
    }
    if (path === '/peer/send')
      return sendJson(res, 200, await send(JSON.parse(body) as SendRequest));
    return sendJson(res, 404, { error: `no admin route ${path}` });
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    send,
    setDown: (mode) => (down = mode),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
