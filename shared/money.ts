// Money is integer paise everywhere; rupees exist only at the edges (treasury wire, SMS, screen).

export type Paise = number;

const AMOUNT = /^(\d+)(?:\.(\d{1,2}))?$/;

/** Parse a treasury amount ("1000", "1000.50", 1000.5) into exact integer paise. */
export function toPaise(value: unknown): Paise {
  const text =
    typeof value === 'number' ? numberText(value) : typeof value === 'string' ? value.trim() : '';
  const m = AMOUNT.exec(text);
  if (!m) throw new RangeError(`not an amount with at most two decimals: ${JSON.stringify(value)}`);
  const paise = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(paise))
    throw new RangeError(`amount too large: ${JSON.stringify(value)}`);
  return paise;
}

// A JS number like 1000.5 prints as "1000.5"; 0.1+0.2 prints with many digits and is refused.
function numberText(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  return String(n);
}

/** Rupees with two decimals and no grouping, as the treasury and the SMS templates want: "1000.50". */
export function rupees(paise: Paise): string {
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Indian grouping for screens: ₹1,23,456.00. */
export function formatInr(paise: Paise): string {
  const sign = paise < 0 ? '-' : '';
  const [whole, frac] = rupees(Math.abs(paise)).split('.') as [string, string];
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${sign}₹${rest ? `${rest},${last3}` : last3}.${frac}`;
}
