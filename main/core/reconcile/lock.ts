// One lock per service: a job never overlaps itself, and a manual Refresh waits its turn
// behind a running job instead of racing it.
export class ServiceLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly held = new Set<string>();

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = before.then(() => mine);
    this.tails.set(name, tail);
    await before;
    this.held.add(name);
    try {
      return await fn();
    } finally {
      this.held.delete(name);
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    }
  }
}

/**
 * Run `fn` over items with at most `limit` at once. If one throws, the others still finish
 * (no call is left half-applied behind a released lock) and then the first error is thrown.
 */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      try {
        await fn(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
