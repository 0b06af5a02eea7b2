// The browser host: the built renderer and the IPC contract over HTTP on 127.0.0.1, for a
// real browser in tests and for machines without Electron. One random token per start;
// every API request must carry it, so another local page or user cannot drive the ledger.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES } from '../../shared/contract';
import type { App } from '../app';
import { dispatch } from '../ipc/dispatch';

import { CSP } from '../csp';

export { CSP };

/** payments.import carries a whole file (up to 20 MB of text) inside JSON. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer, normally dist/renderer. */
  staticDir: string;
}

export async function startWebHost(app: App, opts: WebHostOptions): Promise<WebHost> {
  const token = crypto.randomBytes(32).toString('hex');
  const root = path.resolve(opts.staticDir);
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[web] request failed:', err);
      if (!res.headersSent)
        sendJson(res, 500, fail('INTERNAL', 'The browser host failed to answer.'));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    baseHeaders(res);
    if (url.pathname === '/api/invoke') return invoke(req, res);
    if (url.pathname === '/api/events') return events(req, res, url);
    if (url.pathname.startsWith('/api/'))
      return sendJson(res, 404, fail('NOT_FOUND', 'No such endpoint.'));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendJson(res, 405, fail('BAD_REQUEST', 'Method not allowed.'));
    }
    return serveStatic(req, res, url.pathname);
  }

  async function invoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, fail('BAD_REQUEST', 'Use POST for /api/invoke.'));
    }
    if (!validToken(bearer(req.headers.authorization), token)) {
      req.resume();
      return sendJson(
        res,
        401,
        fail('REFUSED', 'Missing or wrong access token. Open the URL the console printed.'),
      );
    }
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof TooLarge) {
        res.setHeader('Connection', 'close');
        return sendJson(
          res,
          413,
          fail('BAD_REQUEST', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`),
        );
      }
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendJson(res, 400, fail('BAD_REQUEST', 'The request body is not JSON.'));
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return sendJson(
        res,
        400,
        fail('BAD_REQUEST', 'The request body must be {"channel", "request"}.'),
      );
    }
    const { channel, request } = parsed as { channel?: unknown; request?: unknown };
    // Contract errors (UNKNOWN_CHANNEL, BAD_REQUEST, NOT_FOUND...) travel as 200 + {ok:false}
    // like over IPC: the page treats both transports the same way.
    sendJson(res, 200, await dispatch(app.handlers, channel, request));
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    // EventSource cannot send headers, so the token comes in the query string here.
    if (req.method !== 'GET' || !validToken(url.searchParams.get('token'), token)) {
      return sendJson(res, 401, fail('REFUSED', 'Missing or wrong access token.'));
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const offs = EVENT_NAMES.map((name) =>
      app.events.on(name, (payload) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    streams.add(res);
    const stop = () => {
      clearInterval(ping);
      offs.forEach((off) => off());
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function serveStatic(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad path.');
    }
    if (rel.includes('\0')) return sendText(res, 400, 'Bad path.');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, `.${path.posix.normalize(rel)}`);
    // No way out of the renderer folder, whatever ../ or encoded form the path uses.
    if (file !== root && !file.startsWith(root + path.sep)) return sendText(res, 403, 'Forbidden.');
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return sendText(res, 404, 'Not found.');
    }
    if (!stat.isFile()) return sendText(res, 404, 'Not found.');
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of streams) res.end();
        streams.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function baseHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

function validToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

class TooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new TooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function fail(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
