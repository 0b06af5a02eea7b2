import { checkIfsc } from '../core/payments/ifsc';
import type { HandlerGroup } from './handlers';

export function ifscHandlers(): HandlerGroup {
  return {
    'ifsc.check': ({ codes }) => Promise.resolve(codes.map(checkIfsc)),
  };
}
