// The sandbox's own clock: every delay of the scenario is measured on it. It ticks with real
// time unless frozen (tests freeze it and move it by hand).
export interface SandboxClock {
  now(): number;
  advance(ms: number): number;
  set(ms: number): number;
}

export function createClock(start: number, ticking: boolean): SandboxClock {
  const realStart = Date.now();
  let offset = 0;
  const now = () => start + offset + (ticking ? Date.now() - realStart : 0);
  return {
    now,
    advance(ms) {
      offset += ms;
      return now();
    },
    set(ms) {
      offset += ms - now();
      return now();
    },
  };
}
