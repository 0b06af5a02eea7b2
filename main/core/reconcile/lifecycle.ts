// The lifecycle table of jit-protocol.md §4, as data: which service polls which PIs.
import type { PiKind, PiStatus, PolledService, Service } from '../../../shared/status';
import { CONFIRM_SERVICE } from '../pi/held';

/** The PI statuses each nightly service selects, per kind of PI. */
export const POLLS: Record<Exclude<PolledService, 'VA'>, { kind: PiKind; statuses: PiStatus[] }> = {
  PIS: { kind: 'PI', statuses: ['Initiated'] },
  PAG: { kind: 'PI', statuses: ['Approved'] },
  PD: { kind: 'PI', statuses: ['In Process'] },
  FD: { kind: 'PI', statuses: ['Completed'] },
  FTPS: { kind: 'COR', statuses: ['Initiated', 'In Process'] },
  FTFPS: { kind: 'COR', statuses: ['Completed'] },
};

/** What the Refresh button on a PI calls, or null when the page offers no refresh. */
export function refreshService(kind: PiKind, status: PiStatus, held = false): Service | null {
  // A Pending bill is sent again under its number; a held one (awaiting treasury
  // confirmation, see pi/held.ts) is asked about instead, never re-sent.
  if (status === 'Pending') return held ? CONFIRM_SERVICE[kind] : kind;
  // Completed PIs are watched by FD/FTFPS nightly, but the seed offers no action on them.
  if (status === 'Completed') return null;
  for (const [service, poll] of Object.entries(POLLS)) {
    if (poll.kind === kind && poll.statuses.includes(status)) return service as Service;
  }
  return null;
}
