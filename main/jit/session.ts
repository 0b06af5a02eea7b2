// Logging in to the treasury (§1): an RSA-wrapped app key buys an auth token and a session key.
import type { AxiosInstance } from 'axios';
import type { KeyObject } from 'node:crypto';
import type { Outcome } from '../../shared/status';
import { aesDecrypt, KEY_BYTES, randomKey, rsaEncrypt } from './crypto';
import { envelope, errorText } from './envelope';
import { describeNetworkError } from './network';

export interface Session {
  token: string;
  sek: Buffer;
  /** Client clock when the login started. */
  at: number;
}

export type LoginResult =
  | { ok: true; session: Session }
  | {
      ok: false;
      outcome: Exclude<Outcome, 'OK'>;
      jitError?: string;
      detail: string;
      httpStatus: number | null;
      response: unknown;
    };

export interface LoginSettings {
  http: AxiosInstance;
  url: string;
  clientId: string;
  clientSecret: string;
  publicKey: KeyObject;
  at: number;
  /** One line for a failed request (the client knows its limits). */
  describe?: (err: unknown) => string;
}

export async function login(s: LoginSettings): Promise<LoginResult> {
  const appKey = randomKey();
  const body = JSON.stringify({ appKey: rsaEncrypt(s.publicKey, appKey).toString('base64') });
  let status: number;
  let text: string;
  try {
    const res = await s.http.post<string>(s.url, body, {
      headers: { clientId: s.clientId, clientSecret: s.clientSecret },
    });
    status = res.status;
    text = typeof res.data === 'string' ? res.data : '';
  } catch (err) {
    const detail = s.describe ? s.describe(err) : describeNetworkError(err);
    return fail('NO_RESPONSE', `login: ${detail}`, null, null);
  }
  const json = parseObject(text);
  const env = envelope.safeParse(json);
  const treasuryError = env.success ? errorText(env.data) : undefined;
  if (status >= 500) return fail('NO_RESPONSE', `login: HTTP ${status}`, status, json ?? null);
  if (treasuryError) {
    return fail('ERROR', `login: HTTP ${status}`, status, json, `Login failed: ${treasuryError}`);
  }
  if (status >= 300) {
    const message = `Login failed: HTTP ${status} ${text.slice(0, 300)}`.trim();
    return fail('ERROR', `login: HTTP ${status}`, status, json ?? null, message);
  }
  const token = json?.authToken;
  const sekText = json?.sek;
  if (typeof token !== 'string' || !token || typeof sekText !== 'string' || !sekText) {
    return fail('NO_RESPONSE', 'login: answer without authToken and sek', status, null);
  }
  let sek: Buffer;
  try {
    sek = aesDecrypt(appKey, Buffer.from(sekText, 'base64'));
  } catch (err) {
    return fail(
      'NO_RESPONSE',
      `login: sek not decryptable (${(err as Error).message})`,
      status,
      null,
    );
  }
  if (sek.length !== KEY_BYTES) {
    return fail('NO_RESPONSE', `login: sek is ${sek.length} bytes, not ${KEY_BYTES}`, status, null);
  }
  return { ok: true, session: { token, sek, at: s.at } };
}

// The login answer is never returned whole: it holds the token and the wrapped key.
function fail(
  outcome: Exclude<Outcome, 'OK'>,
  detail: string,
  httpStatus: number | null,
  response: unknown,
  jitError?: string,
): LoginResult {
  return { ok: false, outcome, detail, httpStatus, response: redact(response), jitError };
}

function redact(response: unknown): unknown {
  if (!response || typeof response !== 'object') return response ?? null;
  const { authToken: _t, sek: _s, ...rest } = response as Record<string, unknown>;
  return rest;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
