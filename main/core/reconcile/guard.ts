// Applying a treasury answer inside its transaction, the same way for the nightly engine,
// a PI push and a revised PI.
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { Service } from '../../../shared/status';
import { Mismatch } from './poller';

/**
 * Run `apply` under a savepoint. A Mismatch (a well-formed answer that does not match the
 * ledger) rolls back everything apply wrote and turns the result into "Response With Error"
 * with that text; any other error rolls back the whole step.
 */
export async function applyGuarded(
  tx: Conn,
  result: CallResult,
  apply: (r: CallResult) => Promise<void>,
): Promise<CallResult> {
  await tx.exec('SAVEPOINT apply');
  try {
    await apply(result);
    await tx.exec('RELEASE apply');
    return result;
  } catch (err) {
    // SQLITE_FULL or SQLITE_BUSY may already have rolled back the whole transaction, this
    // savepoint with it: then the caller must see that error (to retry), not "no such savepoint".
    const undone = await tx
      .exec('ROLLBACK TO apply')
      .then(() => tx.exec('RELEASE apply'))
      .then(
        () => true,
        () => false,
      );
    if (!undone || !(err instanceof Mismatch)) throw err;
    return refusedBy(result, err);
  }
}

/** An answer refused for not matching the ledger: recorded as "Response With Error". */
export function refusedBy(result: CallResult, err: Mismatch): CallResult {
  return {
    ...result,
    outcome: 'ERROR',
    jitError: err.message,
    message: `On call of ${result.service} API: ${err.message}`,
  };
}

/** A treasury call that threw instead of answering: for the log, it got no response. */
export function noAnswer(
  service: Service,
  request: unknown,
  at: number,
  detail: string,
): CallResult {
  return {
    service,
    outcome: 'NO_RESPONSE',
    message: `On call of ${service} API: No response is received.`,
    request,
    response: null,
    httpStatus: null,
    startedAt: at,
    durationMs: 0,
    errorDetail: detail,
  };
}
