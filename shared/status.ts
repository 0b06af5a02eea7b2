// Status words are the product pages' own, shown as they are.

export const PI_STATUSES = [
  'Pending',
  'Initiated',
  'Approved',
  'In Process',
  'Completed',
  'Failed',
  'Declined',
] as const;
export type PiStatus = (typeof PI_STATUSES)[number];

export const BENEFICIARY_STATUSES = [
  'Payment Pending',
  'Payment Initiated',
  'Payment In Process',
  'Payment Successful',
  'Payment Failed',
] as const;
export type BeneficiaryStatus = (typeof BENEFICIARY_STATUSES)[number];

/** Treasury services; the nightly ones are polled by the scheduler. */
export const SERVICES = ['VA', 'PI', 'PIS', 'PAG', 'PD', 'FD', 'COR', 'FTPS', 'FTFPS'] as const;
export type Service = (typeof SERVICES)[number];

export const POLLED_SERVICES = ['VA', 'PIS', 'PAG', 'PD', 'FD', 'FTPS', 'FTFPS'] as const;
export type PolledService = (typeof POLLED_SERVICES)[number];

export const OUTCOMES = ['NO_RESPONSE', 'ERROR', 'OK'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PI_KINDS = ['PI', 'COR'] as const;
export type PiKind = (typeof PI_KINDS)[number];

/** The seed wording shown on the PI page for each outcome. */
export function outcomeMessage(service: Service, outcome: Outcome, jitError?: string): string {
  if (outcome === 'NO_RESPONSE') return `On call of ${service} API: No response is received.`;
  if (outcome === 'ERROR') return `On call of ${service} API: ${jitError ?? 'Unknown error'}`;
  return `On call of ${service} API: Response is received and updated successfully`;
}
