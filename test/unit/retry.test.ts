import { describe, expect, it } from 'vitest';
import { retryDelay, DEFAULT_RETRY } from '../../main/core/reconcile/backoff';
import { Breaker } from '../../main/core/reconcile/breaker';
import { ServiceLocks, eachLimited } from '../../main/core/reconcile/lock';

describe('retry delays', () => {
  it('start at 1 minute, double, and never exceed 30 minutes', () => {
    const noJitter = { ...DEFAULT_RETRY, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => retryDelay(r, noJitter))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000,
    ]);
  });

  it('spread by the jitter but stay within bounds', () => {
    expect(retryDelay(1, DEFAULT_RETRY, () => 0)).toBe(48_000);
    expect(retryDelay(1, DEFAULT_RETRY, () => 1)).toBe(72_000);
    expect(retryDelay(9, DEFAULT_RETRY, () => 1)).toBe(1_800_000);
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive no-responses, probes after the cool-down, closes on any answer', () => {
    let now = 0;
    const b = new Breaker({ threshold: 3, cooldownMs: 1000, maxCooldownMs: 4000 }, () => now);
    b.record(false);
    b.record(false);
    expect(b.canCall()).toBe(true);
    b.record(false);
    expect(b.canCall()).toBe(false);
    expect(b.state()).toMatchObject({ open: true, until: 1000 });
    expect(b.state().message).toMatch(/not responding/);
    now = 1000;
    expect(b.canCall()).toBe(true);
    b.record(false); // the probe failed: open again, twice as long
    expect(b.state()).toMatchObject({ open: true, until: 3000 });
    now = 3000;
    b.record(true);
    expect(b.state()).toEqual({ open: false, until: null, message: null });
  });

  it('an answer in between resets the count', () => {
    const b = new Breaker({ threshold: 2, cooldownMs: 1000, maxCooldownMs: 1000 }, () => 0);
    b.record(false);
    b.record(true);
    b.record(false);
    expect(b.canCall()).toBe(true);
  });
});

describe('service locks', () => {
  it('run one job per service at a time, in arrival order, and others freely', async () => {
    const locks = new ServiceLocks();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = locks.withLock('PD', async () => {
      log.push('a start');
      await gate;
      log.push('a end');
    });
    const b = locks.withLock('PD', async () => log.push('b'));
    const c = locks.withLock('PAG', async () => log.push('c'));
    await c;
    expect(locks.isHeld('PD')).toBe(true);
    release();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'c', 'a end', 'b']);
    expect(locks.isHeld('PD')).toBe(false);
  });

  it('a failing job releases the lock', async () => {
    const locks = new ServiceLocks();
    await expect(
      locks.withLock('PD', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await locks.withLock('PD', async () => 'next')).toBe('next');
  });

  it('eachLimited never runs more than the limit at once and visits every item', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      seen.push(n);
      active--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('eachLimited when an item throws', () => {
  it('lets the other items finish, then throws the first error', async () => {
    const done: number[] = [];
    await expect(
      eachLimited([1, 2, 3, 4], 2, async (n) => {
        await new Promise((r) => setImmediate(r));
        if (n === 1) throw new Error('item 1 broke');
        done.push(n);
      }),
    ).rejects.toThrow('item 1 broke');
    expect(done.sort()).toEqual([2]);
  });
});
