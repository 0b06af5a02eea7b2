import type { App } from '../app';
import { writeSettings } from '../core/exchange/settings';
import { listPeers, removePeer, savePeer } from '../core/exchange/peers';
import {
  getMessage,
  listDisbursements,
  listMessages,
  listPrograms,
  listSanctions,
  redeliver,
} from '../core/exchange/queries';
import { AppError } from '../core/errors';
import type { HandlerGroup } from './handlers';

export function exchangeHandlers(app: App): HandlerGroup {
  return {
    'exchange.status': () => app.exchange.status(),
    'exchange.configure': async (q) => {
      const wasRunning = app.exchange.running;
      await app.ledger.write((tx) => writeSettings(tx, q));
      // A new address takes effect by restarting; switching off stops it now.
      if (wasRunning && (q.enabled === false || q.host !== undefined || q.port !== undefined))
        await app.exchange.stop();
      const s = await app.exchange.status();
      if (s.enabled && !app.exchange.running) {
        try {
          await app.exchange.start();
        } catch (err) {
          throw new AppError('CONFLICT', (err as Error).message);
        }
      }
      return app.exchange.status();
    },
    'exchange.peers': () => listPeers(app),
    'exchange.peerSave': (q) => savePeer(app, q),
    'exchange.peerRemove': async (q) => {
      await removePeer(app, q.peerId);
      return { removed: true as const };
    },
    'exchange.programs': () => listPrograms(app.ledger),
    'exchange.sanctions': (q) => listSanctions(app.ledger, q.programId),
    'exchange.disbursements': (q) => listDisbursements(app.ledger, q),
    'exchange.messages': (q) => listMessages(app.ledger, q),
    'exchange.message': (q) => getMessage(app.ledger, q.id),
    'exchange.redeliver': async (q) => {
      const m = await redeliver(app, q.id);
      app.exchange.kick();
      return m;
    },
  };
}
