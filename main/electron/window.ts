// The one window and everything that keeps the page a page: isolation, sandbox, a strict
// CSP, no navigation away from the app, no new windows, no permissions.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type Session } from 'electron';

import { CSP } from '../csp';

export { CSP };

/** A dev server to load instead of the built renderer (development only). */
export const DEV_URL_ENV = 'JIT_RENDERER_URL';

export interface WindowPaths {
  /** The built preload bundle. */
  preload: string;
  /** The URL the window loads: the app's own page. */
  url: string;
}

/**
 * Where the built files are, relative to the app's root (the folder with package.json). A
 * packaged build ignores the dev-server variable: whoever can set the environment of an
 * installed console must not be able to load another page with the preload's bridge.
 */
export function windowPaths(
  appRoot: string,
  packaged: boolean,
  env: NodeJS.ProcessEnv = process.env,
): WindowPaths {
  const devUrl = packaged ? undefined : env[DEV_URL_ENV];
  return {
    preload: path.join(appRoot, 'dist', 'preload', 'index.js'),
    url: devUrl
      ? new URL(devUrl).href
      : pathToFileURL(path.join(appRoot, 'dist', 'renderer', 'index.html')).href,
  };
}

/**
 * Is `url` the app's own page? For the built renderer that is exactly its index.html (any
 * hash or query, for in-page routing); for a dev server, anything on its origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let own: URL;
  try {
    target = new URL(url);
    own = new URL(appUrl);
  } catch {
    return false;
  }
  if (own.protocol === 'file:')
    return target.protocol === 'file:' && target.pathname === own.pathname;
  return target.origin === own.origin;
}

/** Links the user may follow in the system browser: http(s) only, never file: or javascript:. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1280,
    minHeight: 600,
    title: 'JIT Payments Console',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: paths.preload,
    },
  });
  installSessionGuards(win.webContents.session);
  installNavigationGuards(win, paths.url);
  win.once('ready-to-show', () => win.show());
  // The caller loads paths.url once the IPC handlers are in place.
  return win;
}

/** CSP on every response, and every permission (camera, notifications, ...) refused. */
export function installSessionGuards(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] },
    });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function installNavigationGuards(win: BrowserWindow, appUrl: string): void {
  const contents = win.webContents;
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
