// The treasury transport: login, per-call encryption and the three outcomes. It never throws
// for treasury trouble, and never puts the app key, SEK, REK or token into a result.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import axios, { type AxiosInstance } from 'axios';
import type { KeyObject } from 'node:crypto';
import { outcomeMessage, type Service } from '../../shared/status';
import type { CallResult, Treasury, TreasuryConfig } from './types';
import { aesDecrypt, aesEncrypt, publicKeyOf, randomKey } from './crypto';
import { classify, SESSION_ERROR, type Reply, type Verdict } from './classify';
import { login, type LoginResult, type Session } from './session';
import { describeNetworkError } from './network';

export interface JitClientOptions extends TreasuryConfig {
  /** The clock used for session age and `startedAt`; tests move it. */
  now?: () => number;
  /** Sockets kept open per host (default 32). */
  maxSockets?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 90_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_SESSION_MAX_AGE_MS = 30 * 60_000;

export class JitClient implements Treasury {
  private readonly http: AxiosInstance;
  private readonly agents: [http.Agent, https.Agent];
  private readonly now: () => number;
  private readonly publicKey: KeyObject;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxAgeMs: number;
  private readonly base: string;
  private session: Session | null = null;
  private pendingLogin: Promise<LoginResult> | null = null;
  private logins = 0;

  constructor(private readonly config: JitClientOptions) {
    this.now = config.now ?? Date.now;
    this.publicKey = publicKeyOf(config.publicKey);
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.deadlineMs = config.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxAgeMs = config.sessionMaxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS;
    this.base = config.baseUrl.replace(/\/+$/, '');
    const maxSockets = config.maxSockets ?? 32;
    this.agents = [
      new http.Agent({ keepAlive: true, maxSockets }),
      // TLS verification stays on: the treasury's certificate is checked like any other.
      new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: true }),
    ];
    this.http = axios.create({
      timeout: this.timeoutMs,
      maxContentLength: this.maxResponseBytes,
      httpAgent: this.agents[0],
      httpsAgent: this.agents[1],
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { 'Content-Type': 'application/json' },
      // A loopback sandbox must not be sent through a corporate proxy from the environment.
      proxy: isLoopback(this.base) ? false : undefined,
    });
    // axios's timeout is an idle timeout: a treasury sending a byte every few seconds would
    // hold the call (and its service lock) for ever. Every request also gets a total deadline.
    this.http.interceptors.request.use((req) => {
      req.signal ??= AbortSignal.timeout(this.deadlineMs);
      return req;
    });
  }

  /** How many logins this client has made (for tests and diagnostics). */
  get loginCount(): number {
    return this.logins;
  }

  async call<T = unknown>(
    service: Service,
    params: Record<string, unknown>,
  ): Promise<CallResult<T>> {
    const startedAt = this.now();
    const t0 = performance.now();
    const request = { serviceId: service, params };
    const verdict = await this.exchange(service, request);
    return callResult<T>(service, request, verdict, startedAt, Math.round(performance.now() - t0));
  }

  async close(): Promise<void> {
    for (const agent of this.agents) agent.destroy();
  }

  /** Log in afresh, nothing else: Settings' "Test connection". */
  async testLogin(): Promise<{ ok: boolean; message: string }> {
    this.session = null;
    const result = await this.currentSession();
    if (result.ok)
      return {
        ok: true,
        message: 'Logged in: the treasury accepted the client id, secret and key.',
      };
    return {
      ok: false,
      message:
        result.jitError ??
        (result.outcome === 'NO_RESPONSE'
          ? `No answer from the treasury (${result.detail}).`
          : `The treasury refused the login (${result.detail}).`),
    };
  }

  private async exchange(service: Service, request: object): Promise<Verdict> {
    let login = await this.currentSession();
    if (!login.ok) return loginVerdict(login);
    let reply = await this.send(login.session, request);
    if (isSessionError(reply)) {
      // The treasury forgot our session: log in again once and repeat this call once.
      this.forget(login.session);
      login = await this.currentSession();
      if (!login.ok) return loginVerdict(login);
      reply = await this.send(login.session, request);
    }
    return classify(service, reply);
  }

  /** One login at a time: concurrent calls wait for the same one. */
  private currentSession(): Promise<LoginResult> {
    const s = this.session;
    if (s && this.now() - s.at < this.maxAgeMs) return Promise.resolve({ ok: true, session: s });
    if (!this.pendingLogin) {
      this.logins += 1;
      this.pendingLogin = login({
        http: this.http,
        url: `${this.base}/authenticate`,
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        publicKey: this.publicKey,
        at: this.now(),
        describe: (err) => this.describe(err),
      })
        .then((result) => {
          this.session = result.ok ? result.session : null;
          return result;
        })
        .finally(() => {
          this.pendingLogin = null;
        });
    }
    return this.pendingLogin;
  }

  private describe(err: unknown): string {
    return describeNetworkError(err, {
      timeoutMs: this.timeoutMs,
      deadlineMs: this.deadlineMs,
      maxBytes: this.maxResponseBytes,
    });
  }

  private forget(session: Session): void {
    if (this.session === session) this.session = null;
  }

  private async send(session: Session, payload: object): Promise<Reply> {
    const rek = randomKey();
    const body = JSON.stringify({
      params: aesEncrypt(session.sek, JSON.stringify(payload)).toString('base64'),
      rek: aesEncrypt(session.sek, rek).toString('base64'),
    });
    let status: number;
    let text: string;
    try {
      const res = await this.http.post<string>(`${this.base}/get-jit-service-data`, body, {
        headers: { authToken: session.token },
      });
      status = res.status;
      text = typeof res.data === 'string' ? res.data : '';
    } catch (err) {
      return { networkError: this.describe(err), status: null, text: '' };
    }
    const reply: Reply = { status, text };
    if (status >= 200 && status < 300 && text.trim()) {
      try {
        reply.plain = aesDecrypt(rek, Buffer.from(text.trim(), 'base64')).toString('utf8');
      } catch (err) {
        reply.decryptError = (err as Error).message;
      }
    }
    return reply;
  }
}

/** A verdict on one call as the core sees it (also what a recorded answer replays as). */
export function callResult<T>(
  service: Service,
  request: { serviceId: Service; params: Record<string, unknown> },
  verdict: Verdict,
  startedAt: number,
  durationMs: number,
): CallResult<T> {
  return {
    service,
    outcome: verdict.outcome,
    message: outcomeMessage(service, verdict.outcome, verdict.jitError),
    ...(verdict.jitError !== undefined && { jitError: verdict.jitError }),
    ...(verdict.refused && { refused: true }),
    ...(verdict.outcome === 'OK' && { data: verdict.data as T }),
    request,
    response: verdict.response,
    httpStatus: verdict.httpStatus,
    startedAt,
    durationMs,
    ...(verdict.errorDetail !== undefined && { errorDetail: verdict.errorDetail }),
  };
}

function isSessionError(reply: Reply): boolean {
  return reply.text.includes(SESSION_ERROR) || (reply.plain?.includes(SESSION_ERROR) ?? false);
}

function loginVerdict(login: Exclude<LoginResult, { ok: true }>): Verdict {
  return {
    outcome: login.outcome,
    ...(login.jitError !== undefined && { jitError: login.jitError }),
    response: login.response,
    httpStatus: login.httpStatus,
    errorDetail: login.detail,
  };
}

function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}
