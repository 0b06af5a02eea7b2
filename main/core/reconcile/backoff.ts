// "The system keeps trying until a response is received": by default from 1 minute,
// doubling, at most 30 minutes apart, with jitter so many consoles do not retry in step.
export interface RetrySettings {
  baseMs: number;
  maxMs: number;
  /** 0.2 = each delay is moved by up to ±20%. */
  jitter: number;
}

export const DEFAULT_RETRY: RetrySettings = { baseMs: 60_000, maxMs: 30 * 60_000, jitter: 0.2 };

/** Delay before retry number `round` (1 = first retry). */
export function retryDelay(
  round: number,
  s: RetrySettings,
  random: () => number = Math.random,
): number {
  const plain = Math.min(s.baseMs * 2 ** Math.max(0, round - 1), s.maxMs);
  const spread = plain * s.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(plain + spread, s.maxMs)));
}
