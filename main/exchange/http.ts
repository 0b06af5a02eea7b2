// A small JSON-over-HTTP server that modules mount routes on: the program-service exchange
// mounts its endpoints, and another module (the loans service request) can add its own with
// addRoute. Bodies are read whole up to a limit; a handler's answer is sent as JSON.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonAnswer {
  httpStatus: number;
  body: unknown;
}

/** `body` is the parsed JSON, or the raw text when it is not JSON. */
export type RouteHandler = (body: unknown, req: http.IncomingMessage) => Promise<JsonAnswer>;

export interface JsonServer {
  readonly url: string;
  readonly port: number;
  /** Mount a POST handler on an exact path; a path mounted twice is an error. */
  addRoute(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function startJsonServer(opts: { host: string; port: number }): Promise<JsonServer> {
  const routes = new Map<string, RouteHandler>();
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => {
      console.error('[exchange] request failed:', err);
      send(res, 500, {
        errors: [{ code: 'INTERNAL_ERROR', message: 'The server failed to answer.' }],
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = routes.get(path);
    if (!handler) {
      send(res, 404, { errors: [{ code: 'NOT_FOUND', message: `No endpoint ${path}.` }] });
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { errors: [{ code: 'METHOD_NOT_ALLOWED', message: `${path} takes POST.` }] });
      return;
    }
    const text = await readBody(req);
    if (text === null) {
      send(res, 413, {
        errors: [{ code: 'MALFORMED_MESSAGE', message: 'The body is too large.' }],
      });
      return;
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Left as text: the handler refuses it with its own words.
    }
    const answer = await handler(body, req);
    send(res, answer.httpStatus, answer.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    port,
    addRoute(path, handler) {
      if (routes.has(path)) throw new Error(`${path} is already mounted`);
      routes.set(path, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
