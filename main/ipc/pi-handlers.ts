import type { App } from '../app';
import { getCall, getPi, listCalls, listPis, listSms } from '../core/pi/pi-queries';
import { releaseHeld } from '../core/pi/held-release';
import type { HandlerGroup } from './handlers';

export function piHandlers(app: App): HandlerGroup {
  return {
    'app.info': async () => app.info(),
    'pi.list': (q) => listPis(app.ledger, q),
    'pi.get': (q) => getPi(app.ledger, q.id, app.now()),
    'pi.release': (q) => releaseHeld(app, q.id, q.reason),
    'calls.list': (q) => listCalls(app.ledger, q),
    'calls.get': (q) => getCall(app.ledger, q.id),
    'sms.list': (q) => listSms(app.ledger, q),
  };
}
