// The bridge between the page and main: `window.jitConsole`, an `Api` that can reach the
// contract's channels and events and nothing else. The page never sees ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api, Channel, Events, Result } from '../shared/contract';

// The names are repeated here, type-checked against the contract both ways, because
// importing CHANNELS from shared/contract would bundle zod into this sandboxed script.
const CHANNEL_NAMES = [
  'app.info',
  'pi.list',
  'pi.get',
  'calls.list',
  'calls.get',
  'sms.list',
  'export.save',
  'pi.refresh',
  'jobs.list',
  'jobs.runs',
  'jobs.run',
  'funds.summary',
  'allotments.list',
  'payments.import',
  'payments.list',
  'pi.push',
  'cor.check',
  'cor.create',
  'pi.reissue',
  'check.run',
  'loans.list',
  'loans.import',
  'loans.requests',
  'loans.request.create',
  'loans.request.approve',
  'loans.request.reject',
  'loans.tokens',
  'loans.token.issue',
  'loans.token.revoke',
  'loans.users',
  'loans.user.add',
  'exchange.status',
  'exchange.configure',
  'exchange.peers',
  'exchange.peerSave',
  'exchange.peerRemove',
  'exchange.programs',
  'exchange.sanctions',
  'exchange.disbursements',
  'exchange.messages',
  'exchange.message',
  'exchange.redeliver',
  'pi.release',
  'settings.get',
  'settings.saveUlb',
  'settings.saveTreasury',
  'settings.testTreasury',
  'settings.saveEngine',
  'worklist.failed',
  'worklist.pis',
  'overview.get',
  'funds.preview',
  'pi.savePdf',
  'ifsc.check',
] as const satisfies readonly Channel[];
const EVENT_NAMES = [
  'job.progress',
  'pi.changed',
  'loans.changed',
  'check.progress',
] as const satisfies readonly (keyof Events)[];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyChannel: Same<(typeof CHANNEL_NAMES)[number], Channel> = true;
const everyEvent: Same<(typeof EVENT_NAMES)[number], keyof Events> = true;
void [everyChannel, everyEvent];

const channels: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);

const api: Api = Object.freeze({
  invoke(channel, request) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      const refused: Result<never> = {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${JSON.stringify(channel)}.` },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(event, listener) {
    if (typeof event !== 'string' || !events.has(event)) {
      throw new TypeError(`Unknown event ${JSON.stringify(event)}.`);
    }
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    // Only the payload crosses over: the IPC event object would leak `sender`.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(event, relay);
    };
  },
} satisfies Api);

contextBridge.exposeInMainWorld('jitConsole', api);
