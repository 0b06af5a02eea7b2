// The Electron entry: one instance, the ledger and treasury opened once, one window wired
// to the contract, and everything closed before the process exits.
import { app as electron, dialog, type BrowserWindow } from 'electron';
import type { App } from '../app';
import { consoleScheduler, openConsole, startExchange } from '../console';
import type { Scheduler } from '../scheduler/scheduler';
import { wireIpc } from './ipc';
import { installMenu } from './menu';
import { windowPdfWriter } from './pdf';
import { dialogSaver } from './save-file';
import { safeStorageSealer } from './secret-sealer';
import { createMainWindow, windowPaths } from './window';

let console_: App | undefined;
let win: BrowserWindow | undefined;
let unwire: (() => void) | undefined;
let scheduler: Scheduler | undefined;

async function start(): Promise<void> {
  console_ = await openConsole(process.argv, process.env, { sealer: safeStorageSealer() });

  const paths = windowPaths(electron.getAppPath(), electron.isPackaged);
  installMenu(!electron.isPackaged);
  win = createMainWindow(paths);
  console_.saveFile = dialogSaver(() => win);
  unwire = wireIpc(console_, win, paths.url);
  console_.pdfWriter = windowPdfWriter(win);
  win.on('closed', () => {
    win = undefined;
    if (console_) console_.pdfWriter = null;
  });
  await win.loadURL(paths.url);

  // The one place the nightly jobs start (main/scheduler); stopped in shutdown().
  const nightly = consoleScheduler(console_);
  scheduler = nightly;
  await nightly.start();
  await startExchange(console_, process.argv);
}

async function shutdown(): Promise<void> {
  try {
    await scheduler?.stop();
  } finally {
    unwire?.();
    await console_?.close();
  }
}

if (!electron.requestSingleInstanceLock()) {
  // Two consoles on one ledger would fight over the write queue: hand over to the first one.
  electron.quit();
} else {
  electron.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  electron.on('window-all-closed', () => electron.quit());

  let closed = false;
  let closing = false;
  electron.on('will-quit', (event) => {
    if (closed || !console_) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    shutdown()
      .catch((err: unknown) => console.error('[electron] closing failed:', err))
      .finally(() => {
        closed = true;
        electron.quit();
      });
  });

  electron
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[electron] start-up failed:', err);
      dialog.showErrorBox(
        'JIT Payments Console could not start',
        (err as Error).message ?? String(err),
      );
      void shutdown()
        .catch(() => undefined)
        .finally(() => electron.exit(1));
    });
}
