// The start page's figures, in one answer. Amounts are paise; the screen formats them.
import type { PiStatus } from './status';
import type { JobRunRow } from './types';

export interface OverviewHead {
  tenantId: string;
  hoa: string;
  sanctions: number;
  allottedPaise: number;
  /** Allotted minus available: held by live PIs or paid out. */
  usedPaise: number;
  availablePaise: number;
}

export interface Overview {
  /** Every PI status, with zero where there are none; original PIs and revised PIs apart. */
  pis: { status: PiStatus; original: number; revised: number }[];
  heads: OverviewHead[];
  /** The latest run of each nightly service, in the night's order; null: never run. */
  runs: { service: string; lastRun: JobRunRow | null }[];
  sms: { sent: number; queued: number; failed: number };
  failures: {
    /** Failed beneficiaries not yet paid again. */
    beneficiaries: number;
    amountPaise: number;
    pis: number;
    /** The soonest revised-PI deadline among them (yyyy-MM-dd, India time), and its PI. */
    nearestReviseBy: string | null;
    nearestBillNo: string | null;
    nearestPiId: number | null;
  };
}
