// The service-request API on its own port, until the exchange server mounts the route. Off
// unless a port is given (--loans-port N, JIT_LOANS_PORT, or the loans_api_port setting);
// bound to 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../core/context';
import { flagValue } from '../config';
import { SAVE_REQUEST_PATH, saveRequestRoute } from './loans-route';

const MAX_BODY_BYTES = 1024 * 1024;

export interface LoansServer {
  url: string;
  close(): Promise<void>;
}

export async function startLoansServer(
  ctx: AppContext,
  port: number,
  host = '127.0.0.1',
): Promise<LoansServer> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[loans-api] request failed:', err);
      if (!res.headersSent) send(res, 500, { code: 500, message: 'internal error' });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== SAVE_REQUEST_PATH) {
      req.resume();
      return send(res, 404, { code: 404, message: 'not found' });
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'POST');
      return send(res, 405, { code: 405, message: 'use POST' });
    }
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return send(res, 413, { code: 413, message: 'request larger than 1 MB' });
    }
    const answer = await saveRequestRoute(ctx, body, req.headers);
    send(res, answer.status, answer.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The port asked for by flag, environment or setting; null when the API stays off. */
export async function loansPort(
  ctx: AppContext,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number | null> {
  const setting = await ctx.ledger.read.get<{ value: string }>(
    "SELECT value FROM settings WHERE key = 'loans_api_port'",
  );
  const text = flagValue(argv, 'loans-port') ?? env.JIT_LOANS_PORT ?? setting?.value;
  if (text === undefined || text === '') return null;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`The loans API port must be a whole number from 0 to 65535, not ${text}.`);
  return port;
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
