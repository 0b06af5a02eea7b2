// Everything one running sandbox holds, shared by its routes.
import type { Service } from '../shared/status';
import type { SandboxClock } from './clock';
import type { Faults } from './faults';
import type { TreasuryKeys } from './keys';
import type { Scenario } from './scenario';
import type { Sessions } from './sessions';
import type { SandboxTreasury } from './treasury';

export interface SandboxStats {
  /** Successful logins. */
  logins: number;
  /** Service calls received with a valid session, per service (faulted ones included). */
  calls: Record<Service, number>;
  /** Calls refused with "No valid session encryption key". */
  sessionErrors: number;
}

export interface SandboxContext {
  scenario: Scenario;
  keys: TreasuryKeys;
  clock: SandboxClock;
  sessions: Sessions;
  faults: Faults;
  treasury: SandboxTreasury;
  stats: SandboxStats;
  clientId: string;
  clientSecret: string;
  /** Last plain answer per "service|bill", for the `duplicate` fault. */
  lastAnswers: Map<string, string>;
  timeoutHoldMs: number;
  /** Requests held by the `timeout` fault, released on close. */
  held: Set<NodeJS.Timeout>;
  /** "service|bill" whose first answer the scenario's `lostAnswers` already lost. */
  lost: Set<string>;
}
