// All writes go through one queue so a nightly job and a click never interleave half-done
// work on the single writer connection: each job is a whole transaction, run one at a time.
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  push<T>(job: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(job, job);
    this.tail = run.then(
      () => this.pending--,
      () => this.pending--,
    );
    return run;
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves once every job queued so far has finished. */
  drain(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
