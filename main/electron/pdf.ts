// Save as PDF in the desktop window: a save dialog, then Chromium's own PDF of the page as
// its print stylesheet lays it out (the whole PI, every beneficiary, no navigation).
import fs from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';
import type { PdfWriter } from '../app';

export function windowPdfWriter(win: BrowserWindow): PdfWriter {
  return {
    async save(fileName) {
      const choice = await dialog.showSaveDialog(win, {
        title: 'Save payment instruction as PDF',
        defaultPath: fileName,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) return { saved: false, path: null };
      const pdf = await win.webContents.printToPDF({
        printBackground: true,
        pageSize: 'A4',
        landscape: true,
      });
      await fs.writeFile(choice.filePath, pdf);
      return { saved: true, path: choice.filePath };
    },
  };
}
