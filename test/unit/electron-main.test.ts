// The Electron entry with `electron` replaced by a recorder, and the app, treasury and
// scheduler replaced by fakes (their own tests cover them): start-up order and clean quit.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/contract';

const h = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const log: string[] = [];
  const appListeners = new Map<string, Listener>();
  let ready: () => void = () => undefined;
  const electronApp = {
    lock: true,
    requestSingleInstanceLock: vi.fn(() => electronApp.lock),
    quit: vi.fn(() => log.push('quit')),
    exit: vi.fn(),
    on: vi.fn((name: string, fn: Listener) => appListeners.set(name, fn)),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (ready = resolve))),
    getAppPath: () => '/opt/app',
    isPackaged: true,
  };
  class BrowserWindow {
    readonly webContents = {
      session: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      send: vi.fn(),
    };
    constructor() {
      log.push('window');
    }
    on() {}
    once() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      log.push(`load ${url}`);
      return Promise.resolve();
    }
  }
  const fakeApp = {
    handlers: {},
    events: { on: () => () => undefined },
    close: vi.fn(async () => void log.push('app.close')),
  };
  return {
    log,
    appListeners,
    electronApp,
    BrowserWindow,
    fakeApp,
    fireReady: () => ready(),
    handle: vi.fn((channel: string) => log.push(`handle ${channel}`)),
    openApp: vi.fn(async (options: { dbPath: string }) => {
      log.push(`openApp ${options.dbPath}`);
      return fakeApp;
    }),
  };
});

vi.mock('electron', () => ({
  app: h.electronApp,
  BrowserWindow: h.BrowserWindow,
  dialog: { showErrorBox: vi.fn() },
  ipcMain: { handle: h.handle, removeHandler: vi.fn() },
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn(() => h.log.push('menu')) },
  shell: {},
}));
vi.mock('../../main/app', () => ({ openApp: h.openApp }));
vi.mock('../../main/treasury-setup', () => ({
  connectTreasury: vi.fn(async () => {
    h.log.push('connectTreasury');
    return {
      treasury: { call: vi.fn() },
      info: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1' },
    };
  }),
}));
vi.mock('../../main/scheduler/scheduler', () => ({
  Scheduler: class {
    async start() {
      h.log.push('scheduler.start');
      return [];
    }
    stop() {
      h.log.push('scheduler.stop');
    }
  },
}));

async function boot() {
  vi.resetModules();
  await import('../../main/electron/index');
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  h.log.length = 0;
  h.appListeners.clear();
  h.electronApp.lock = true;
  h.openApp.mockClear();
  process.env.JIT_CONSOLE_DB = '/var/tmp/probe/ledger.db';
});

afterAll(() => {
  delete process.env.JIT_CONSOLE_DB;
});

describe('the Electron entry', () => {
  it('quits at once when another console already runs', async () => {
    h.electronApp.lock = false;
    await boot();
    expect(h.log).toEqual(['quit']);
    expect(h.openApp).not.toHaveBeenCalled();
  });

  it('opens the ledger, wires every channel before loading the page, then starts the scheduler', async () => {
    await boot();
    expect(h.log).toEqual([]);
    h.fireReady();
    await vi.waitFor(() => expect(h.log).toContain('scheduler.start'));
    const load = 'load file:///opt/app/dist/renderer/index.html';
    expect(h.log.slice(0, 4)).toEqual([
      'connectTreasury',
      'openApp /var/tmp/probe/ledger.db',
      'menu',
      'window',
    ]);
    expect(h.log.filter((l) => l.startsWith('handle ')).sort()).toEqual(
      CHANNELS.map((c) => `handle ${c}`).sort(),
    );
    expect(h.log.indexOf(load)).toBeGreaterThan(h.log.lastIndexOf(`handle ${CHANNELS.at(-1)}`));
    expect(h.log.at(-1)).toBe('scheduler.start');
  });

  it('holds the quit until the scheduler is stopped and the ledger closed', async () => {
    await boot();
    h.fireReady();
    await vi.waitFor(() => expect(h.log).toContain('scheduler.start'));
    h.log.length = 0;

    const preventDefault = vi.fn();
    h.appListeners.get('will-quit')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(h.log).toContain('quit'));
    expect(h.log).toEqual(['scheduler.stop', 'app.close', 'quit']);

    // The second will-quit (from that quit) goes through.
    const second = vi.fn();
    h.appListeners.get('will-quit')!({ preventDefault: second });
    await settle();
    expect(second).not.toHaveBeenCalled();
  });
});
