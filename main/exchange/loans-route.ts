// POST /loan-modification/v1/service-request/save as a plain function (body and headers in,
// status and JSON out), mounted on the exchange server (off by default, 127.0.0.1 unless
// configured). Answers are the product page's shapes, word for word.
import type { AppContext } from '../core/context';
import { saveServiceRequest } from '../core/loans/save';
import { tokenOwner } from '../core/loans/tokens';
import type { SaveAnswer } from '../../shared/loans';
import type { RouteHandler } from './http';

export const SAVE_REQUEST_PATH = '/loan-modification/v1/service-request/save';

export const AUTH_FAIL = { code: 401, message: 'auth fail, you can retry!' } as const;

export interface RouteAnswer {
  status: number;
  body: SaveAnswer | typeof AUTH_FAIL;
}

export type Headers = Record<string, string | string[] | undefined>;

export async function saveRequestRoute(
  ctx: AppContext,
  body: string,
  headers: Headers,
): Promise<RouteAnswer> {
  const owner = await tokenOwner(ctx.ledger, bearer(headers), ctx.now());
  if (!owner) return { status: 401, body: AUTH_FAIL };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return answer({
      response: false,
      data: null,
      error: { text: 'Invalid Request: the body is not JSON.' },
    });
  }
  return answer(await saveServiceRequest(ctx, json, { source: 'api', maker: `api:${owner}` }));
}

// Refusals are "200 OK (Internal Error)" on the page: the status is 200 either way.
const answer = (body: SaveAnswer): RouteAnswer => ({ status: 200, body });

function bearer(headers: Headers): string | null {
  const raw = headers.authorization ?? headers.Authorization;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return m ? m[1]! : null;
}

/** Mount the route on the exchange; it is served whenever the exchange runs. */
export function mountLoanRoutes(
  ctx: AppContext,
  server: { addRoute(path: string, handler: RouteHandler): void },
): void {
  server.addRoute(SAVE_REQUEST_PATH, async (body, req) => {
    // The exchange hands over parsed JSON, or the text when it is not JSON.
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const answer = await saveRequestRoute(ctx, text, req.headers);
    return { httpStatus: answer.status, body: answer.body };
  });
}
