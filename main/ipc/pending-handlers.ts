// SCAFFOLD while the engine and funds are being built: every channel here answers with a
// clear error. Each owner deletes its channels from this list as it wires them; this file
// must be gone before any issue is resolved.
import { AppError } from '../core/errors';
import type { HandlerGroup } from './handlers';

const NOT_YET = [
  'funds.summary',
  'allotments.list',
  'payments.import',
  'payments.list',
  'pi.push',
  'cor.check',
  'cor.create',
  'check.run',
] as const;

export function pendingHandlers(): HandlerGroup {
  return Object.fromEntries(
    NOT_YET.map((name) => [
      name,
      async () => {
        throw new AppError('INTERNAL', `${name} is not available yet.`);
      },
    ]),
  ) as HandlerGroup;
}
