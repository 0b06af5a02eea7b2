// Wires the contract to ipcMain: one handler per channel, each going through dispatch()
// (unknown channel, request validation) after checking the call comes from our own page.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, EVENT_NAMES, type Result } from '../../shared/contract';
import type { App } from '../app';
import { dispatch } from '../ipc/dispatch';
import { isAppUrl } from './window';

export type IpcApp = Pick<App, 'handlers' | 'events'>;

/** Registers the handlers and the event relay; the returned function undoes both. */
export function wireIpc(app: IpcApp, win: BrowserWindow, appUrl: string): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown) => {
      if (!fromOwnPage(event, win, appUrl)) return refused(channel);
      return dispatch(app.handlers, channel, request);
    });
  }
  const unsubscribe = EVENT_NAMES.map((name) =>
    app.events.on(name, (payload) => {
      if (!win.isDestroyed()) win.webContents.send(name, payload);
    }),
  );
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
    for (const off of unsubscribe) off();
  };
}

// A page that got into the window some other way (or an iframe) must not reach the ledger.
function fromOwnPage(event: IpcMainInvokeEvent, win: BrowserWindow, appUrl: string): boolean {
  const frame = event.senderFrame;
  return (
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    frame != null &&
    frame.parent === null &&
    isAppUrl(frame.url, appUrl)
  );
}

function refused(channel: string): Result<never> {
  return {
    ok: false,
    error: {
      code: 'REFUSED',
      message: `${channel} may only be called from the console's own page.`,
    },
  };
}
