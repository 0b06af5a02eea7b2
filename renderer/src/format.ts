// Everything the screen shows of money and time goes through here. Money arrives as integer
// paise and is formatted only now; times are shown in India time, as the treasury keeps them.
import { formatInr } from '../../shared/money';
import type { Outcome, PiStatus, BeneficiaryStatus } from '../../shared/status';

export { formatInr };

const ZONE = 'Asia/Kolkata';
const dateTime = new Intl.DateTimeFormat('en-IN', {
  timeZone: ZONE,
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'UTC',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
});

/** Epoch ms → "22 Nov 2026, 21:30" (India time). */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return dateTime.format(new Date(ms));
}

/** A treasury date ("2023-10-01" or "2023-10-01 21:30:00") → "01 Oct 2023" (+ time when given). */
export function formatTreasuryDate(text: string | null | undefined): string {
  if (!text) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(text);
  if (!m) return text;
  const d = dateOnly.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  return m[4] ? `${d}, ${m[4]}:${m[5]}` : d;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `atLeast`: counting stopped at n (a capped count), so it reads "10,000+", never a wrong total. */
export function formatCount(n: number, atLeast = false): string {
  return `${n.toLocaleString('en-IN')}${atLeast ? '+' : ''}`;
}

export type Tone = 'neutral' | 'info' | 'progress' | 'ok' | 'warn' | 'error' | 'muted';

/** One colour per status, everywhere: chips, tabs and history all agree. */
export const STATUS_TONE: Record<PiStatus | BeneficiaryStatus, Tone> = {
  Pending: 'neutral',
  Initiated: 'info',
  Approved: 'info',
  'In Process': 'progress',
  Completed: 'ok',
  Failed: 'error',
  Declined: 'warn',
  'Payment Pending': 'neutral',
  'Payment Initiated': 'info',
  'Payment In Process': 'progress',
  'Payment Successful': 'ok',
  'Payment Failed': 'error',
};

export const OUTCOME_TONE: Record<Outcome, Tone> = {
  OK: 'ok',
  ERROR: 'error',
  NO_RESPONSE: 'warn',
};
export const OUTCOME_LABEL: Record<Outcome, string> = {
  OK: 'Response without error',
  ERROR: 'Response with error',
  NO_RESPONSE: 'No response',
};

export function toneOf(status: string | null | undefined): Tone {
  return (status && STATUS_TONE[status as PiStatus]) || 'muted';
}

/** "15 22 * * *" → "Daily 22:15 IST"; anything else is shown as written. */
export function describeCron(cron: string): string {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  if (!m) return cron;
  return `Daily ${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')} IST`;
}
