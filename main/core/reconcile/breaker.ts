// Stops hammering a treasury that is down: after `threshold` consecutive No Responses no
// call is sent until the cool-down ends; then one call probes. Any answer, even an error,
// proves the treasury is up and closes it. Each reopening doubles the cool-down.
export interface BreakerSettings {
  threshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  threshold: 5,
  cooldownMs: 60_000,
  maxCooldownMs: 30 * 60_000,
};

export class Breaker {
  private failures = 0;
  private openings = 0;
  private until: number | null = null;

  constructor(
    private readonly settings: BreakerSettings,
    private readonly now: () => number,
  ) {}

  canCall(): boolean {
    return this.until === null || this.now() >= this.until;
  }

  record(gotAnswer: boolean): void {
    if (gotAnswer) {
      this.failures = 0;
      this.openings = 0;
      this.until = null;
      return;
    }
    this.failures++;
    const probeFailed = this.until !== null && this.now() >= this.until;
    if (this.failures >= this.settings.threshold || probeFailed) {
      const cooldown = Math.min(
        this.settings.cooldownMs * 2 ** this.openings,
        this.settings.maxCooldownMs,
      );
      this.openings++;
      this.until = this.now() + cooldown;
    }
  }

  state(): { open: boolean; until: number | null; message: string | null } {
    const open = this.until !== null && this.now() < this.until;
    return {
      open,
      until: open ? this.until : null,
      message: open
        ? `The treasury is not responding (${this.failures} calls without response); calls are paused.`
        : null,
    };
  }
}
