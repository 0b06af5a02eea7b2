// One holder per ledger for work that must not run twice (the nightly schedule, SMS sending)
// when two processes open the same file: a row with the holder and an expiry, renewed by the
// holder, taken over by another process only once it has expired.
import crypto from 'node:crypto';
import os from 'node:os';
import type { Ledger } from './ledger';

export type LeaseName = 'scheduler' | 'sms';

/** Long enough to outlive a busy minute, short enough for `serve` to take over a closed window. */
export const LEASE_TTL_MS = 2 * 60_000;

/** This process's name in the leases table. */
export function holderId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

/**
 * Take or renew the lease; true when `holder` has it afterwards. Wall-clock time: the lease is
 * between processes, whatever clock the treasury side runs on.
 */
export async function acquireLease(
  ledger: Ledger,
  name: LeaseName,
  holder: string,
  ttlMs = LEASE_TTL_MS,
  now = Date.now(),
): Promise<boolean> {
  return ledger.write(async (tx) => {
    await tx.run(
      `INSERT INTO leases (name, holder, expires_at, renewed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
              renewed_at = excluded.renewed_at
        WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.renewed_at`,
      [name, holder, now + ttlMs, now],
    );
    const row = await tx.get<{ holder: string }>('SELECT holder FROM leases WHERE name = ?', [
      name,
    ]);
    return row?.holder === holder;
  });
}

/** Who holds the lease now, if anyone (for messages). */
export async function leaseHolder(
  ledger: Ledger,
  name: LeaseName,
  now = Date.now(),
): Promise<string | null> {
  const row = await ledger.read.get<{ holder: string }>(
    'SELECT holder FROM leases WHERE name = ? AND expires_at > ?',
    [name, now],
  );
  return row?.holder ?? null;
}

export async function releaseLease(ledger: Ledger, name: LeaseName, holder: string): Promise<void> {
  await ledger.write((tx) =>
    tx.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]),
  );
}
