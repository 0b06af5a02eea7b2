// Fault injection: make the next calls of a service (optionally for one bill) misbehave.
import type { Service } from '../shared/status';
import type { WireError } from './treasury/envelope';

export const FAULTS = [
  'timeout',
  'reset',
  'http500',
  'garbage',
  'wrongKey',
  'error',
  'errorMsgs',
  'missingFields',
  'unknownBenfId',
  'duplicate',
  'emptyData',
  'sessionExpired',
  'hold',
  'drip',
  'huge',
  'answer',
  'reverse',
  'setField',
  'status',
] as const;
export type FaultKind = (typeof FAULTS)[number];

/** `LOGIN` targets /authenticate (timeout, reset, http500, error only). */
export type FaultTarget = Service | 'LOGIN';

export interface FaultOptions {
  /** How many calls it hits; default: every call until cleared. */
  times?: number;
  /** Only calls about this bill (jitBillNo / billNo / billno / jitCorBillNo; PD by its bill ref). */
  billNo?: string;
  /** `error`: the errorMsg text. */
  message?: string;
  /** `errorMsgs`: the list. */
  messages?: WireError[];
  /** `missingFields`: the field of data[0] to drop (default: one the schema needs). */
  field?: string;
  /** `setField`: these fields of every data item set to these values. */
  fields?: Record<string, unknown>;
  /** `timeout`: how long the request is held before the socket is dropped. */
  holdMs?: number;
  /** `hold`: the answer is sent once this settles; `reset`: the socket is dropped then (in-process sandboxes only). */
  until?: Promise<unknown>;
  /** `drip`: headers, then one byte of a never-ending body every this many ms (default 2 s). */
  dripMs?: number;
  /** `huge`: the size of the 200 OK body sent instead of the answer (default 200 MB). */
  bytes?: number;
  /** `answer`: the plain JSON text sent instead of the treasury's own (e.g. a real sample); `status`: the plain body. */
  body?: string;
  /** `status`: the HTTP status a gateway before the treasury answers with (default 404). */
  status?: number;
}

export interface Fault extends FaultOptions {
  kind: FaultKind;
}

interface Entry {
  target: FaultTarget;
  fault: Fault;
  left: number;
}

export class Faults {
  private entries: Entry[] = [];

  inject(target: FaultTarget, kind: FaultKind, opts: FaultOptions = {}): void {
    if (!FAULTS.includes(kind)) throw new Error(`unknown fault ${String(kind)}`);
    this.entries.push({ target, fault: { ...opts, kind }, left: opts.times ?? Infinity });
  }

  clear(target?: FaultTarget): void {
    this.entries = target ? this.entries.filter((e) => e.target !== target) : [];
  }

  /** The fault for this call, if any, counted as used. */
  take(target: FaultTarget, billNo: string | undefined): Fault | undefined {
    const i = this.entries.findIndex(
      (e) => e.target === target && (!e.fault.billNo || e.fault.billNo === billNo),
    );
    if (i < 0) return undefined;
    const entry = this.entries[i]!;
    entry.left -= 1;
    if (entry.left <= 0) this.entries.splice(i, 1);
    return entry.fault;
  }
}
