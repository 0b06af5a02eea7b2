// What every use case in core/ is given. Declared here, not in the composition root, so core
// depends on nothing above it: the window, the browser host, the CLI and the tests each build
// one (main/app.ts) and hand it in.
import type { EventBus } from './events';
import type { Engine } from './reconcile/engine';
import type { Ledger } from '../ledger/ledger';
import type { Treasury } from '../jit/types';
import type { TreasuryLink } from './settings/link';

export interface AppContext {
  readonly ledger: Ledger;
  readonly events: EventBus;
  readonly treasury: Treasury;
  /** The same treasury, with where it comes from; Settings switches it (core/settings). */
  readonly link: TreasuryLink;
  readonly engine: Engine;
  /** The clock; tests and the sandbox move it. */
  now(): number;
}
