import type { Treasury } from '../../../main/jit/types';
import { outcomeMessage } from '../../../shared/status';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A treasury that never answers: the browser tests read the ledger, they do not poll. */
export function noTreasury(): Treasury {
  return {
    async call(service, params) {
      return {
        service,
        outcome: 'NO_RESPONSE',
        message: outcomeMessage(service, 'NO_RESPONSE'),
        request: { serviceId: service, params },
        response: null,
        httpStatus: null,
        startedAt: Date.now(),
        durationMs: 0,
        errorDetail: 'no treasury in this test',
      };
    },
  };
}
