// One line of technical detail for a failed request (for the call log, never for the user).
import { isAxiosError } from 'axios';

export interface Limits {
  timeoutMs?: number;
  deadlineMs?: number;
  maxBytes?: number;
}

export function describeNetworkError(err: unknown, limits: Limits = {}): string {
  if (isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') {
      return limits.timeoutMs ? `timeout after ${limits.timeoutMs} ms` : `timeout (${err.message})`;
    }
    if (err.code === 'ERR_CANCELED') {
      return limits.deadlineMs
        ? `no complete answer within the ${limits.deadlineMs} ms deadline`
        : `deadline passed (${err.message})`;
    }
    if (/maxContentLength/.test(err.message)) {
      return `answer longer than ${limits.maxBytes ?? 'the limit of'} bytes: not read further`;
    }
    return [err.code, err.message].filter(Boolean).join(' ');
  }
  return err instanceof Error ? err.message : String(err);
}
