import type { Service } from '../../../../shared/status';
import type { Poller } from '../poller';
import { vaPoller } from '../../funds/va-poller';
import { piPushPoller } from '../../pi/push';
import { corPushPoller } from '../../pi/cor-resend';
import { pisPoller } from './pis';
import { pagPoller } from './pag';
import { pdPoller } from './pd';
import { fdPoller } from './fd';
import { ftpsPoller } from './ftps';
import { ftfpsPoller } from './ftfps';

export function allPollers(): Map<Service, Poller> {
  const list = [
    vaPoller,
    piPushPoller,
    corPushPoller,
    pisPoller,
    pagPoller,
    pdPoller,
    fdPoller,
    ftpsPoller,
    ftfpsPoller,
  ] as Poller[];
  return new Map(list.map((p) => [p.service, p]));
}
