// Treasury numbers (UTRs, tokens, advice ids) derived from the seed and the bill, so the same
// scenario gives the same numbers however often or in whatever order it is asked.
import crypto from 'node:crypto';

export function digits(seed: number, count: number, ...parts: string[]): string {
  const hash = crypto
    .createHash('sha1')
    .update(`${seed}|${parts.join('|')}`)
    .digest();
  let out = '';
  for (let i = 0; out.length < count; i++) out += String(hash[i % hash.length]! % 10);
  return out;
}

/** Whether this key falls in the "one in `every`" share picked by the seed. */
export function oneIn(seed: number, every: number | undefined, ...parts: string[]): boolean {
  if (!every) return false;
  const hash = crypto
    .createHash('sha1')
    .update(`${seed}|${parts.join('|')}`)
    .digest();
  return hash.readUInt32BE(0) % every === 0;
}
