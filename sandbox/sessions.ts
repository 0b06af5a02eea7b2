// Logged-in clients: auth token → session key, expiring on the sandbox clock.
import crypto from 'node:crypto';
import { randomKey } from '../main/jit/crypto';

interface Entry {
  sek: Buffer;
  at: number;
}

export class Sessions {
  private readonly byToken = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  open(): { token: string; sek: Buffer } {
    const token = crypto.randomBytes(24).toString('base64url');
    const sek = randomKey();
    this.byToken.set(token, { sek, at: this.now() });
    return { token, sek };
  }

  sek(token: unknown): Buffer | undefined {
    if (typeof token !== 'string') return undefined;
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.ttlMs || this.now() < entry.at - this.ttlMs) {
      this.byToken.delete(token);
      return undefined;
    }
    return entry.sek;
  }

  drop(token: unknown): void {
    if (typeof token === 'string') this.byToken.delete(token);
  }

  clear(): void {
    this.byToken.clear();
  }
}
