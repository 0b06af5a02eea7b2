// Which treasury words prove a held bill never arrived (held.ts): only a refusal that names the
// bill and says it is not known. A pure function, so the texts here are written by hand.
import { describe, expect, it } from 'vitest';
import { saysUnknown } from '../../main/core/pi/held';

const BILL = 'PI-1013/2023-24/000007';

describe('saysUnknown', () => {
  it('counts a refusal naming the bill in any of the "not known" wordings', () => {
    for (const words of [
      'No data found',
      'not found',
      'does not exist',
      'No such bill',
      'no record',
    ])
      expect([words, saysUnknown(`${words} for bill ${BILL}`, BILL)]).toEqual([words, true]);
  });

  it('does not count "not known" about no bill or another bill, other words, or no words', () => {
    expect(saysUnknown('No data found', BILL)).toBe(false);
    expect(saysUnknown('No data found for PI-1013/2023-24/000008', BILL)).toBe(false);
    expect(saysUnknown(`Bill ${BILL} is under process`, BILL)).toBe(false);
    expect(saysUnknown(null, BILL)).toBe(false);
    expect(saysUnknown('', BILL)).toBe(false);
  });
});
