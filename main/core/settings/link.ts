// The treasury the console talks to, switchable while it runs: saving a connection in
// Settings moves every later call (push, nightly runs, Refresh) to the new treasury.
import type { CallResult, Treasury } from '../../jit/types';
import type { Service } from '../../../shared/status';
import type { AppInfo } from '../../../shared/types';
import type { SecretSealer } from './secret';

export type TreasurySource = 'settings' | 'environment' | 'sandbox';

export class TreasuryLink implements Treasury {
  constructor(
    private current: Treasury,
    private described: AppInfo['treasury'],
    private from: TreasurySource,
    /** Why calls cannot succeed yet (no secret on this host), in the words setup shows. */
    private unready: string | null = null,
    /** Seals a secret typed in Settings (the window); null elsewhere. */
    readonly sealer: SecretSealer | null = null,
    readonly env: NodeJS.ProcessEnv = {},
  ) {}

  call<T = unknown>(service: Service, params: Record<string, unknown>): Promise<CallResult<T>> {
    return this.current.call<T>(service, params);
  }

  get info(): AppInfo['treasury'] {
    return this.described;
  }

  get source(): TreasurySource {
    return this.from;
  }

  get problem(): string | null {
    return this.unready;
  }

  /** Talk to `next` from now on; the previous treasury is closed. */
  async use(
    next: Treasury,
    info: AppInfo['treasury'],
    source: TreasurySource,
    problem: string | null = null,
  ): Promise<void> {
    const previous = this.current;
    this.current = next;
    this.described = info;
    this.from = source;
    this.unready = problem;
    if (previous !== next) await previous.close?.();
  }

  async close(): Promise<void> {
    await this.current.close?.();
  }
}

/** A remote treasury that cannot be called yet: no secret on this host. */
export function treasuryWithoutSecret(reason: string): Treasury {
  return {
    async call(service, params) {
      return {
        service,
        outcome: 'ERROR',
        message: `On call of ${service} API: ${reason}`,
        jitError: reason,
        request: { serviceId: service, params },
        response: null,
        httpStatus: null,
        startedAt: Date.now(),
        durationMs: 0,
        errorDetail: reason,
      };
    },
  };
}
