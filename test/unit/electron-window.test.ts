// The window's security settings, with `electron` replaced by a recorder (no binary here).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    windows: [] as { options: Record<string, unknown>; listeners: Map<string, Listener[]> }[],
    openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    headersListener: undefined as undefined | Listener,
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
    loaded: [] as string[],
  };
  const session = {
    webRequest: { onHeadersReceived: (fn: Listener) => (state.headersListener = fn) },
    setPermissionRequestHandler: (fn: Listener) => (state.permissionRequest = fn),
    setPermissionCheckHandler: (fn: Listener) => (state.permissionCheck = fn),
  };
  class BrowserWindow {
    readonly listeners = new Map<string, Listener[]>();
    readonly webContents = {
      session,
      on: (name: string, fn: Listener) => {
        this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      },
      setWindowOpenHandler: (fn: typeof state.openHandler) => (state.openHandler = fn),
    };
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
    once() {}
    loadURL(url: string) {
      state.loaded.push(url);
      return Promise.resolve();
    }
  }
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  return { state, BrowserWindow, shell };
});

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, shell: electron.shell }));

const { createMainWindow, windowPaths, isAppUrl, CSP, DEV_URL_ENV } =
  await import('../../main/electron/window');

const appRoot = '/opt/JIT Payments Console/resources/app';
const paths = windowPaths(appRoot, true, {});

function navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
  const win = electron.state.windows.at(-1)!;
  const preventDefault = vi.fn();
  for (const fn of win.listeners.get(event) ?? []) fn({ preventDefault }, url);
  return preventDefault.mock.calls.length === 0;
}

beforeEach(() => {
  electron.state.windows.length = 0;
  electron.shell.openExternal.mockClear();
  createMainWindow(paths);
});

describe('the console window', () => {
  it('is isolated, sandboxed, without Node, with web security and the built preload', () => {
    expect(electron.state.windows).toHaveLength(1);
    expect(electron.state.windows[0]!.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: `${appRoot}/dist/preload/index.js`,
    });
  });

  it('loads the built renderer by file URL, or a dev server when one is given', () => {
    expect(paths.url).toBe(
      'file:///opt/JIT%20Payments%20Console/resources/app/dist/renderer/index.html',
    );
    expect(windowPaths(appRoot, false, { [DEV_URL_ENV]: 'http://localhost:5173' }).url).toBe(
      'http://localhost:5173/',
    );
  });

  it('ignores the dev-server variable in a packaged build', () => {
    expect(windowPaths(appRoot, true, { [DEV_URL_ENV]: 'http://localhost:5173' }).url).toBe(
      paths.url,
    );
  });

  it('stays on its own page: other origins and other files are refused', () => {
    expect(navigate('will-navigate', `${paths.url}#/pis/3`)).toBe(true);
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(false);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(navigate('will-navigate', 'javascript:alert(1)')).toBe(false);
    expect(navigate('will-redirect', 'http://127.0.0.1:9999/')).toBe(false);
  });

  it('treats a dev server origin as its own page, and nothing else', () => {
    expect(isAppUrl('http://localhost:5173/pis', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', 'http://localhost:5173/')).toBe(false);
  });

  it('never opens a window; http(s) links go to the system browser, file: and javascript: nowhere', () => {
    const open = electron.state.openHandler!;
    expect(open({ url: 'https://jit.odisha.gov.in/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([
      ['https://jit.odisha.gov.in/help'],
      ['http://example.org/'],
    ]);
  });

  it('sets the strict CSP on every response, keeping the other headers', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    );
    const callback = vi.fn();
    electron.state.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CSP] },
    });
  });

  it('refuses every permission request and check', () => {
    const callback = vi.fn();
    electron.state.permissionRequest!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(electron.state.permissionCheck!({}, 'notifications')).toBe(false);
  });

  it('refuses webviews', () => {
    const win = electron.state.windows.at(-1)!;
    const preventDefault = vi.fn();
    for (const fn of win.listeners.get('will-attach-webview') ?? []) fn({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});
