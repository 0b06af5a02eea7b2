// Treasury numbers (UTRs, tokens, advice ids) derived from the seed and the bill, so the same
// scenario gives the same numbers however often or in whatever order it is asked.
import crypto from 'node:crypto';

/**
 * One-shot SHA-1: each status answer asks again for every beneficiary's numbers (UTR, end-to-end
 * id, held back, failed), and a Hash object per number cost twice as much. The sandbox shares the
 * reconcile benchmark's two cores with the engine it answers.
 */
function sha1(seed: number, parts: string[]): Buffer {
  return crypto.hash('sha1', `${seed}|${parts.join('|')}`, 'buffer');
}

export function digits(seed: number, count: number, ...parts: string[]): string {
  const hash = sha1(seed, parts);
  let out = '';
  for (let i = 0; out.length < count; i++) out += String(hash[i % hash.length]! % 10);
  return out;
}

/** Whether this key falls in the "one in `every`" share picked by the seed. */
export function oneIn(seed: number, every: number | undefined, ...parts: string[]): boolean {
  if (!every) return false;
  return sha1(seed, parts).readUInt32BE(0) % every === 0;
}
