// A console with the page's loan imported and the service-request API on the exchange server.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../../main/app';
import { importLoans } from '../../main/core/loans/import';
import { issueToken } from '../../main/core/loans/tokens';
import { SAVE_REQUEST_PATH } from '../../main/exchange/loans-route';

export const EXAMPLE = JSON.parse(
  fs.readFileSync(path.resolve('test/fixtures/loan-payment-request.json'), 'utf8'),
) as Record<string, unknown> & { request_data: Record<string, unknown> };

/** The page's example body, changed by `edit` (a deep copy each time). */
export function example(edit: (b: typeof EXAMPLE) => void = () => undefined): typeof EXAMPLE {
  const b = structuredClone(EXAMPLE);
  edit(b);
  return b;
}

export async function importFixture(app: App, file = 'test/fixtures/loans.json') {
  const r = await importLoans(
    app,
    path.basename(file),
    fs.readFileSync(path.resolve(file), 'utf8'),
  );
  if (!r.accepted) throw new Error(JSON.stringify(r.errors));
  return r;
}

/** The page's answers, loosely: a save answer or the 401 body. */
export interface Answer {
  response?: boolean;
  data?: { service_request_id: number; unique_transaction_number: string | null } | null;
  error?: { text: string } | null;
  code?: number;
  message?: string;
}

export interface LoansApi {
  url: string;
  close(): Promise<void>;
  token: string;
  post(body: unknown, token?: string | null): Promise<{ status: number; json: Answer }>;
}

/** The exchange server on a free loopback port, with the loans route mounted on it. */
export async function startLoansApi(app: App): Promise<LoansApi> {
  const { url } = await app.exchange.start({ port: 0, host: '127.0.0.1' });
  const { token } = await issueToken(app.ledger, 'lender-core', 30, app.now());
  return {
    url: url!,
    close: () => app.exchange.stop(),
    token,
    async post(body, t = token) {
      const res = await fetch(`${url}${SAVE_REQUEST_PATH}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(t === null ? {} : { Authorization: `Bearer ${t}` }),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Answer };
    },
  };
}

export async function charge(app: App, chargeId: number) {
  return app.ledger.read.get<{
    outstanding_paise: number;
    in_process_paise: number;
    paid_paise: number;
  }>(
    'SELECT outstanding_paise, in_process_paise, paid_paise FROM loan_charges WHERE charge_id = ?',
    [chargeId],
  );
}
