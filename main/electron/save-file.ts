// The window's save dialog for exports (export.save): the user picks the place, we write it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { app as electron, dialog, type BrowserWindow } from 'electron';
import type { SaveFile } from '../ipc/export-handlers';

export function dialogSaver(window: () => BrowserWindow | undefined): SaveFile {
  return async (fileName, content) => {
    const win = window();
    const options = {
      title: 'Export as CSV',
      defaultPath: path.join(electron.getPath('downloads'), fileName),
      filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
    };
    const picked = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options);
    if (picked.canceled || !picked.filePath) return { saved: false, path: null };
    await fs.writeFile(picked.filePath, content, { mode: 0o600 });
    return { saved: true, path: picked.filePath };
  };
}
