import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../shared/waiting';

describe('"not yet" treasury answers', () => {
  it.each([
    'On call of PAG API: Payment advice is not yet generated for Bill Number PI-1013/2023-24/000007',
    'On call of FD API: Payment is not yet processed for Bill Number PI-1013/2023-24/000007',
    'On call of PIS API: Bill is pending approval',
  ])('waiting: %s', (m) => expect(isWaiting(m)).toBe(true));

  it.each([
    'On call of PIS API: This Bill Number PI-1013/2023-24/000106 is rejected by SSU angul_op',
    'On call of PI API: Invalid IFSC',
    'On call of PAG API: No response is received.',
    null,
  ])('not waiting: %s', (m) => expect(isWaiting(m)).toBe(false));
});
