// Treasury answers that mean "not yet" (advice not yet generated, payment not yet processed,
// pending approval): an error on the wire, but nothing is wrong; the next run asks again.
const WAITING = /\bnot yet\b|\bpending (for )?approval\b/i;

export function isWaiting(message: string | null | undefined): boolean {
  return !!message && WAITING.test(message);
}
