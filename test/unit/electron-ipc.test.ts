// The IPC wiring with `electron` replaced by a recorder: one handler per contract channel,
// each refusing foreign pages and malformed requests before any app handler runs.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_NAMES, type Channel } from '../../shared/contract';
import { EventBus } from '../../main/core/events';
import type { Handlers } from '../../main/ipc/handlers';

const electron = vi.hoisted(() => {
  type Handle = (event: unknown, request: unknown) => unknown;
  return {
    handle: vi.fn<(channel: string, fn: Handle) => void>(),
    removeHandler: vi.fn<(channel: string) => void>(),
    Menu: {
      buildFromTemplate: vi.fn((t: unknown) => t),
      setApplicationMenu: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({
  ipcMain: { handle: electron.handle, removeHandler: electron.removeHandler },
  Menu: electron.Menu,
  BrowserWindow: class {},
  shell: {},
}));

const { wireIpc } = await import('../../main/electron/ipc');
const { menuTemplate } = await import('../../main/electron/menu');

const appUrl = 'file:///opt/app/dist/renderer/index.html';

function fakeWindow() {
  const mainFrame = { url: `${appUrl}#/pis`, parent: null };
  const webContents = { send: vi.fn(), mainFrame };
  return {
    webContents,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
  };
}

function fakeHandlers() {
  return Object.fromEntries(
    CHANNELS.map((c) => [c, vi.fn(async (req: unknown) => ({ channel: c, req }))]),
  ) as unknown as Handlers & Record<Channel, ReturnType<typeof vi.fn>>;
}

type Win = ReturnType<typeof fakeWindow>;
let win: Win;
let handlers: ReturnType<typeof fakeHandlers>;
let events: EventBus;
let unwire: () => void;

function registered(channel: string) {
  const call = electron.handle.mock.calls.find(([name]) => name === channel);
  if (!call) throw new Error(`${channel} is not registered`);
  return call[1];
}

/** An invoke as Electron delivers it, from the window's own page unless told otherwise. */
function invoke(
  channel: Channel,
  request: unknown,
  from: Partial<{ sender: unknown; senderFrame: unknown }> = {},
) {
  return registered(channel)(
    { sender: win.webContents, senderFrame: win.webContents.mainFrame, ...from },
    request,
  );
}

beforeEach(() => {
  electron.handle.mockClear();
  electron.removeHandler.mockClear();
  win = fakeWindow();
  handlers = fakeHandlers();
  events = new EventBus();
  unwire = wireIpc({ handlers, events }, win as never, appUrl);
});

describe('IPC wiring', () => {
  it('registers every contract channel exactly once, and nothing else', () => {
    const names = electron.handle.mock.calls.map(([name]) => name);
    expect([...names].sort()).toEqual([...CHANNELS].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('shell.exec');
  });

  it('passes a valid request, with its defaults applied, to the handler', async () => {
    await expect(invoke('pi.list', { status: 'Failed' })).resolves.toEqual({
      ok: true,
      data: { channel: 'pi.list', req: { status: 'Failed', limit: 200, offset: 0 } },
    });
    expect(handlers['pi.list']).toHaveBeenCalledTimes(1);
  });

  it('answers BAD_REQUEST to a malformed request before any handler runs', async () => {
    const answer = (await invoke('pi.get', { id: 'DROP TABLE pis' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('BAD_REQUEST');
    const extra = (await invoke('app.info', { sneaky: 1 })) as { error: { code: string } };
    expect(extra.error.code).toBe('BAD_REQUEST');
    for (const c of CHANNELS) expect(handlers[c]).not.toHaveBeenCalled();
  });

  it('refuses calls from another page, a sub-frame or another window', async () => {
    const refusedFrom = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: appUrl, parent: win.webContents.mainFrame } },
      { senderFrame: null },
      { sender: { other: true } },
    ];
    for (const from of refusedFrom) {
      const answer = (await invoke('app.info', {}, from)) as {
        ok: boolean;
        error: { code: string };
      };
      expect(answer).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    }
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('relays every contract event to the window, and stops once unwired', () => {
    events.emit('pi.changed', { ids: [1, 2] });
    events.emit('loans.changed', { requestIds: [1] });
    events.emit('check.progress', { done: 1, total: 9, table: 'pis' });
    events.emit('job.progress', {
      runId: 1,
      service: 'PAG',
      state: 'running',
      done: 1,
      total: 2,
    } as never);
    expect(win.webContents.send.mock.calls.map(([name]) => name).sort()).toEqual(
      [...EVENT_NAMES].sort(),
    );
    expect(win.webContents.send).toHaveBeenCalledWith('pi.changed', { ids: [1, 2] });

    unwire();
    events.emit('pi.changed', { ids: [3] });
    expect(win.webContents.send).toHaveBeenCalledTimes(EVENT_NAMES.length);
    expect(electron.removeHandler.mock.calls.map(([name]) => name).sort()).toEqual(
      [...CHANNELS].sort(),
    );
  });

  it('sends nothing to a destroyed window', () => {
    win.destroyed = true;
    events.emit('pi.changed', { ids: [1] });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});

describe('menu', () => {
  const roles = (dev: boolean) => JSON.stringify(menuTemplate(dev, 'linux'));
  it('has the standard edit and window roles, and devtools only in development', () => {
    expect(roles(false)).toContain('"editMenu"');
    expect(roles(false)).toContain('"windowMenu"');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('"reload"');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
