// What every treasury call returns, whatever happened on the wire. The transport never
// throws for treasury trouble: it classifies it into one of the three outcomes of §2.
import type { Outcome, Service } from '../../shared/status';

export interface CallResult<T = unknown> {
  service: Service;
  outcome: Outcome;
  /** The seed wording shown on the PI page: "On call of PAG API: ...". */
  message: string;
  /** The treasury's own error text (outcome ERROR), or the schema problem found. */
  jitError?: string;
  /**
   * True only when the service's own envelope carried errorMsg/errorMsgs: the treasury
   * answered "no". A login failure, an HTTP 4xx or a body that breaks the schema is an
   * ERROR too, but says nothing about whether the treasury holds a PI.
   */
  refused?: boolean;
  /** The validated `data` (outcome OK only): data[0] for PI services, the whole list for VA. */
  data?: T;
  /** The plain payload sent: {serviceId, params}. Never keys or tokens. */
  request: unknown;
  /** The decrypted response JSON, or its text when it was not JSON; null when nothing came. */
  response: unknown;
  httpStatus: number | null;
  startedAt: number;
  durationMs: number;
  /** Technical detail for the log (ECONNRESET, timeout after 30000 ms, bad padding, zod path). */
  errorDetail?: string;
}

export interface TreasuryConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The treasury's RSA-2048 public key: PEM text or DER SubjectPublicKeyInfo. */
  publicKey: string | Buffer;
  /** Idle timeout: no byte for this long ends the call (default 30 s). */
  timeoutMs?: number;
  /** Total deadline of one request, however its bytes trickle in (default 90 s). */
  deadlineMs?: number;
  /** An answer longer than this is not read further (default 32 MB). */
  maxResponseBytes?: number;
  /** Log in again when the session is older than this (default 30 minutes). */
  sessionMaxAgeMs?: number;
}

/** The one treasury face the core uses. */
export interface Treasury {
  call<T = unknown>(service: Service, params: Record<string, unknown>): Promise<CallResult<T>>;
  close?(): Promise<void>;
}
