// One nightly service = one Poller: what to ask about, how to ask, how to apply the answer.
// The engine (run.ts) does the rest the same way for every service: bounded concurrency,
// retries, the circuit breaker, the call log, and answers applied in batches (batch.ts).
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { Service } from '../../../shared/status';
import type { StagedWrite } from '../../ledger/staged';

export interface Target {
  /** The PI asked about, or null (VA asks about a head of account). */
  piId: number | null;
  /** Human key for logs and progress: the bill number or the head of account. */
  key: string;
  /** What the call log files the call under besides the PI (default: `key` when no PI). */
  callKey?: string;
}

export interface ApplyContext {
  callId: number;
  at: number;
  runId: number | null;
}

export interface Poller<T extends Target = Target> {
  service: Service;
  /** The targets to poll now, read from the ledger (outside any transaction). */
  select(app: AppContext): Promise<T[]>;
  params(target: T): Record<string, unknown>;
  /**
   * Apply one answer, whatever its outcome, inside the transaction that also logs the call.
   * Throw `Mismatch` when a well-formed answer does not match the ledger (unknown benfId,
   * amounts that do not add up): the engine rolls back everything `apply` wrote, records
   * the call as "Response With Error" with that text, and the PI stays as it was.
   */
  apply(tx: Conn, target: T, result: CallResult, ctx: ApplyContext): Promise<void>;
  /**
   * Optional: `apply` for the OK answers of many PIs at once (still due, no disbursement to
   * tell), set-based, with exactly its rules. Per answer: null when it applies, the Mismatch
   * that refuses it (nothing of it written), or undefined to leave it to `apply`; and the
   * writes, which the engine makes in one exec with the batch's call rows. The engine applies
   * singly every answer of a batch this (or its writes) throws for.
   */
  applyMany?(tx: Conn, answers: Array<Applied<T>>): Promise<ManyApplied>;
}

export interface ManyApplied {
  refused: Array<Mismatch | null | undefined>;
  write: StagedWrite;
}

export interface Applied<T extends Target = Target> {
  target: T;
  result: CallResult;
  ctx: ApplyContext;
}

/** An answer that parses but does not match what the ledger knows. */
export class Mismatch extends Error {
  override name = 'Mismatch';
}
