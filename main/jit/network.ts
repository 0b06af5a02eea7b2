// One line of technical detail for a failed request (for the call log, never for the user).
import { isAxiosError } from 'axios';

export function describeNetworkError(err: unknown, timeoutMs?: number): string {
  if (isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') {
      return timeoutMs ? `timeout after ${timeoutMs} ms` : `timeout (${err.message})`;
    }
    return [err.code, err.message].filter(Boolean).join(' ');
  }
  return err instanceof Error ? err.message : String(err);
}
