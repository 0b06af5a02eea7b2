// The engine's ledger work in batches, so network and ledger overlap and each transaction
// carries many answers: call rows written ahead K targets at a time, answers applied K at a
// time (or after a short wait), each answer under its own savepoint.
import type { Conn } from '../../ledger/conn';
import type { Ledger } from '../../ledger/ledger';
import type { CallResult } from '../../jit/types';
import type { Target } from './poller';
import { saveTrouble } from './save';

export interface Opened {
  target: Target;
  callId: number;
  attempt: number;
}

/**
 * Call rows written ahead of the requests, K per transaction, the next K while the current
 * ones are on the wire. A row is committed before its request leaves (a crash after sending
 * still finds the call in the log); rows never sent are withdrawn at the end of the pass.
 */
export class WriteAhead {
  private next = 0;
  private readonly ready: Opened[] = [];
  private filling: Promise<void> | undefined;
  private readonly unsent = new Set<number>();

  constructor(
    private readonly ledger: Ledger,
    private readonly targets: Target[],
    private readonly size: number,
    /** Refill once this few opened rows are left. */
    private readonly low: number,
    /** Writes the call rows of these targets (one statement), in their order. */
    private readonly open: (tx: Conn, targets: Target[]) => Promise<Opened[]>,
  ) {}

  /** The next target with its call row committed, or undefined when none is left. */
  async take(): Promise<Opened | undefined> {
    while (this.ready.length === 0 && (this.next < this.targets.length || this.filling))
      await this.fill();
    const opened = this.ready.shift();
    if (this.ready.length < this.low && this.next < this.targets.length) void this.fill();
    return opened;
  }

  sent(opened: Opened): void {
    this.unsent.delete(opened.callId);
  }

  /** Targets not asked about; their rows are withdrawn by `withdraw`. */
  remaining(): Target[] {
    return [...this.ready.map((o) => o.target), ...this.targets.slice(this.next)];
  }

  /** Delete rows written ahead whose request never left (the breaker opened, the run stopped). */
  async withdraw(): Promise<void> {
    await this.filling?.catch(() => undefined);
    const ids = [...this.unsent];
    this.unsent.clear();
    this.ready.length = 0;
    if (ids.length === 0) return;
    await this.ledger.write((tx) =>
      tx.run(
        'DELETE FROM treasury_calls WHERE in_flight = 1 AND id IN (SELECT value FROM json_each(?))',
        [JSON.stringify(ids)],
      ),
    );
  }

  private fill(): Promise<void> {
    this.filling ??= (async () => {
      const chunk = this.targets.slice(this.next, this.next + this.size);
      this.next += chunk.length;
      try {
        const opened = await this.ledger.write((tx) => this.open(tx, chunk));
        for (const o of opened) this.unsent.add(o.callId);
        this.ready.push(...opened);
      } finally {
        this.filling = undefined;
      }
    })();
    return this.filling;
  }
}

export interface Answer extends Opened {
  result: CallResult;
}

type Settled = { ok: CallResult } | { error: unknown };

interface Queued {
  answer: Answer;
  resolve(result: CallResult): void;
  reject(error: unknown): void;
}

export interface BatchSettings {
  /** Answers per transaction once the ledger keeps up. */
  size: number;
  /**
   * The most answers one transaction takes when the ledger has fallen behind; also the call
   * rows written ahead per transaction (default: size).
   */
  most?: number;
  /** The longest an answer waits for its batch-mates. */
  waitMs: number;
}

export const DEFAULT_BATCH: BatchSettings = { size: 64, most: 256, waitMs: 100 };

/**
 * Answers applied K at a time in one transaction. Each answer runs under its own savepoint: one
 * that throws is undone alone and its promise rejects, its batch-mates commit. A ledger that
 * refuses the whole transaction (BUSY, FULL) fails the batch, which `save` retries whole.
 */
export class AnswerBatches {
  private queue: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** A batch is due: it takes what is queued when the ledger gets to it. */
  private due = false;
  private applying = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly settings: BatchSettings,
    private readonly save: (step: (tx: Conn) => Promise<Settled[]>) => Promise<Settled[]>,
    private readonly applyOne: (tx: Conn, answer: Answer) => Promise<CallResult>,
    /** Set-based for the whole batch where it can: per answer its result, or undefined. */
    private readonly applyMany?: (
      tx: Conn,
      answers: Answer[],
    ) => Promise<Array<CallResult | undefined>>,
  ) {}

  add(answer: Answer): Promise<CallResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ answer, resolve, reject });
      if (this.queue.length >= this.settings.size) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.settings.waitMs);
    });
  }

  /** Answers queued or being applied: the callers hold back new requests when it is high. */
  get backlog(): number {
    return this.queue.length + this.applying;
  }

  /**
   * Apply what is queued (nothing else is on its way, or the batch is full). While the ledger
   * is still busy with the previous batch, answers keep joining this one (up to
   * `settings.most`): when the ledger is the slower side, its transactions grow instead of
   * queueing up.
   */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 || this.due) return;
    this.due = true;
    this.flushing = this.flushing.then(() => {
      this.due = false;
      const batch = this.queue.splice(0, this.settings.most ?? this.settings.size);
      if (this.queue.length > 0) this.flush();
      this.applying += batch.length;
      return this.apply(batch).finally(() => {
        this.applying -= batch.length;
        for (const wake of this.waiting.splice(0)) wake();
      });
    });
  }

  /** Resolves once every batch flushed so far is applied. */
  idle(): Promise<void> {
    return this.flushing;
  }

  /** Resolves once fewer than `limit` answers are queued or being applied. */
  async room(limit: number): Promise<void> {
    while (this.backlog >= limit) await new Promise<void>((wake) => this.waiting.push(wake));
  }

  private async apply(batch: Queued[]): Promise<void> {
    let settled: Settled[];
    try {
      settled = await this.save(async (tx) => {
        const answers = batch.map((q) => q.answer);
        const together = this.applyMany ? await atOnce(tx, () => this.applyMany!(tx, answers)) : [];
        const out: Settled[] = [];
        for (const [i, answer] of answers.entries()) {
          const done = together[i];
          out.push(done ? { ok: done } : await isolated(tx, () => this.applyOne(tx, answer)));
        }
        return out;
      });
    } catch (error) {
      for (const q of batch) q.reject(error);
      return;
    }
    batch.forEach((q, i) => {
      const s = settled[i]!;
      if ('ok' in s) q.resolve(s.ok);
      else q.reject(s.error);
    });
  }
}

/**
 * One answer under its own savepoint. An error the ledger raises for the whole transaction
 * (BUSY, FULL) is thrown on, so the batch is saved again; any other undoes this answer only.
 */
async function isolated(tx: Conn, step: () => Promise<CallResult>): Promise<Settled> {
  await tx.exec('SAVEPOINT answer');
  try {
    const ok = await step();
    await tx.exec('RELEASE answer');
    return { ok };
  } catch (error) {
    if (saveTrouble(error)) throw error;
    await tx.exec('ROLLBACK TO answer; RELEASE answer');
    return { error };
  }
}

/**
 * The set-based path under its own savepoint: if any of it fails (other than the ledger
 * refusing the whole transaction), all of it is undone and every answer is applied singly,
 * so one bad answer costs its batch-mates only speed.
 */
async function atOnce(
  tx: Conn,
  step: () => Promise<Array<CallResult | undefined>>,
): Promise<Array<CallResult | undefined>> {
  await tx.exec('SAVEPOINT batch');
  try {
    const out = await step();
    await tx.exec('RELEASE batch');
    return out;
  } catch (error) {
    if (saveTrouble(error)) throw error;
    await tx.exec('ROLLBACK TO batch; RELEASE batch');
    return [];
  }
}
