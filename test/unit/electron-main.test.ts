// The Electron entry with only `electron` replaced by a recorder (no binary can run here):
// the real ledger in a temp folder, the embedded sandbox treasury, the real scheduler.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import schedule from 'node-schedule';
import { CHANNELS } from '../../shared/contract';
import { Ledger } from '../../main/ledger/ledger';
import { createSandbox } from '../../sandbox/server';
import { tempDir } from '../support/tmp';

const dir = tempDir();

const h = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const log: string[] = [];
  const handlers = new Map<string, Listener>();
  const windows: unknown[] = [];
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
      windows.push(this);
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
  // Stands in for the OS keychain: reversible, and never the secret in clear.
  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn((s: string) => Buffer.from(`sealed:${[...s].reverse().join('')}`)),
    decryptString: vi.fn((b: Buffer) => [...b.toString().slice(7)].reverse().join('')),
  };
  return {
    log,
    safeStorage,
    appListeners,
    electronApp,
    BrowserWindow,
    fireReady: () => ready(),
    handlers,
    windows,
    handle: vi.fn((channel: string, fn: Listener) => {
      log.push(`handle ${channel}`);
      handlers.set(channel, fn);
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
  safeStorage: h.safeStorage,
}));
/** Quit the way Electron does and wait for the console to close. */
async function quit() {
  h.appListeners.get('will-quit')!({ preventDefault: () => undefined });
  await vi.waitFor(() => expect(Object.keys(schedule.scheduledJobs)).toEqual([]), {
    timeout: 20_000,
  });
  await vi.waitFor(() => expect(h.log).toContain('quit'), { timeout: 20_000 });
}

async function boot() {
  vi.resetModules();
  await import('../../main/electron/index');
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  h.log.length = 0;
  h.appListeners.clear();
  h.electronApp.lock = true;
  h.handlers.clear();
  process.env.JIT_CONSOLE_DB = path.join(dir, `ledger-${Math.random().toString(36).slice(2)}.db`);
});

afterAll(() => {
  delete process.env.JIT_CONSOLE_DB;
});

describe('the Electron entry', () => {
  it('quits at once when another console already runs', async () => {
    h.electronApp.lock = false;
    await boot();
    expect(h.log).toEqual(['quit']);
    expect(fs.existsSync(process.env.JIT_CONSOLE_DB!)).toBe(false);
  });

  it('opens the ledger, wires every channel before loading the page, then starts the scheduler', async () => {
    await boot();
    expect(h.log).toEqual([]);
    h.fireReady();
    const load = 'load file:///opt/app/dist/renderer/index.html';
    await vi.waitFor(() => expect(Object.keys(schedule.scheduledJobs).length).toBe(7), {
      timeout: 20_000,
    });
    expect(h.log.slice(0, 2)).toEqual(['menu', 'window']);
    expect(h.log.filter((l) => l.startsWith('handle ')).sort()).toEqual(
      CHANNELS.map((c) => `handle ${c}`).sort(),
    );
    expect(h.log.indexOf(load)).toBeGreaterThan(h.log.lastIndexOf(`handle ${CHANNELS.at(-1)}`));
    // The wired handler answers from the real ledger and the embedded sandbox.
    const win = h.windows.at(-1) as { webContents: unknown };
    const event = {
      sender: win.webContents,
      senderFrame: { url: 'file:///opt/app/dist/renderer/index.html', parent: null },
    };
    const info = (await h.handlers.get('app.info')!(event, {})) as {
      ok: boolean;
      data: { dbPath: string; treasury: { kind: string } };
    };
    expect(info).toMatchObject({
      ok: true,
      data: { dbPath: process.env.JIT_CONSOLE_DB, treasury: { kind: 'sandbox' } },
    });
    await quit();
  });

  it('holds the quit until the scheduler is stopped and the ledger closed', async () => {
    await boot();
    h.fireReady();
    await vi.waitFor(() => expect(h.log.some((l) => l.startsWith('load '))).toBe(true), {
      timeout: 20_000,
    });
    await vi.waitFor(() => expect(Object.keys(schedule.scheduledJobs).length).toBe(7), {
      timeout: 20_000,
    });
    h.log.length = 0;

    const preventDefault = vi.fn();
    h.appListeners.get('will-quit')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(h.log).toContain('quit'), { timeout: 20_000 });
    expect(h.log).toEqual(['quit']);
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);

    // The second will-quit (from that quit) goes through.
    const second = vi.fn();
    h.appListeners.get('will-quit')!({ preventDefault: second });
    await settle();
    expect(second).not.toHaveBeenCalled();
  });

  it('keeps a treasury secret typed in Settings with safeStorage and never sends it back', async () => {
    const treasury = await createSandbox({ port: 0, clientSecret: 'the-secret-1234' });
    const keyFile = path.join(dir, 'treasury.pem');
    fs.writeFileSync(keyFile, treasury.credentials.publicKeyPem);
    try {
      await boot();
      h.fireReady();
      await vi.waitFor(() => expect(Object.keys(schedule.scheduledJobs).length).toBe(7), {
        timeout: 20_000,
      });
      const win = h.windows.at(-1) as { webContents: unknown };
      const event = {
        sender: win.webContents,
        senderFrame: { url: 'file:///opt/app/dist/renderer/index.html', parent: null },
      };
      const invoke = (channel: string, request: unknown) =>
        h.handlers.get(channel)!(event, request) as Promise<{ ok: boolean; data: unknown }>;
      const connection = {
        baseUrl: treasury.baseUrl,
        clientId: treasury.credentials.clientId,
        publicKeyFile: keyFile,
      };
      const saved = await invoke('settings.saveTreasury', {
        ...connection,
        secret: 'the-secret-1234',
      });
      expect(saved).toMatchObject({
        ok: true,
        data: { treasury: { source: 'settings', secretStored: true } },
      });
      expect(JSON.stringify(saved)).not.toContain('the-secret-1234');
      const view = await invoke('settings.get', {});
      expect(JSON.stringify(view)).not.toContain('the-secret-1234');
      // Logs in with the kept secret: unsealed by safeStorage in main.
      expect(await invoke('settings.testTreasury', connection)).toMatchObject({
        ok: true,
        data: { ok: true },
      });
      expect(h.safeStorage.decryptString).toHaveBeenCalled();
      expect(await invoke('app.info', {})).toMatchObject({
        data: { treasury: { kind: 'remote', baseUrl: treasury.baseUrl } },
      });
      await quit();
      const ledger = await Ledger.open(process.env.JIT_CONSOLE_DB!);
      const rows = await ledger.read.all<{ key: string; value: string }>('SELECT * FROM settings');
      await ledger.close();
      expect(rows.find((r) => r.key === 'setup.treasury.sealedSecret')).toBeDefined();
      expect(JSON.stringify(rows)).not.toContain('the-secret-1234');
    } finally {
      await treasury.close();
    }
  });
});
