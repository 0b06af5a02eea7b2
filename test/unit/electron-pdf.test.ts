// Save as PDF: the desktop window's writer with only `electron` replaced (no binary runs
// here), the real file system, and the pi.savePdf handler over a real ledger.
import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import { openTestApp } from '../integration/funds-support';
import { insertPi } from '../../main/core/pi/pi-store';
import { dispatch } from '../../main/ipc/dispatch';
import { pdfFileName } from '../../main/ipc/print-handlers';

const h = vi.hoisted(() => ({
  showSaveDialog: vi.fn(),
}));
vi.mock('electron', () => ({ dialog: { showSaveDialog: h.showSaveDialog } }));

const { windowPdfWriter } = await import('../../main/electron/pdf');

const dir = tempDir('jit-pdf-');
const PDF = Buffer.from('%PDF-1.7\n% the print layout of the page\n%%EOF\n');

function fakeWindow() {
  const printToPDF = vi.fn(async () => PDF);
  const win = { webContents: { printToPDF } };
  return { win: win as unknown as Parameters<typeof windowPdfWriter>[0], printToPDF };
}

afterEach(() => h.showSaveDialog.mockReset());

describe('Save as PDF in the desktop window', () => {
  it('asks where to save, suggesting the bill number, and writes the page printed as A4 landscape', async () => {
    const target = path.join(dir, 'saved.pdf');
    h.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const { win, printToPDF } = fakeWindow();
    const saved = await windowPdfWriter(win).save('PI-1013_2023-24_000007.pdf');
    expect(saved).toEqual({ saved: true, path: target });
    expect(fs.readFileSync(target)).toEqual(PDF);
    expect(h.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({
        defaultPath: 'PI-1013_2023-24_000007.pdf',
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      }),
    );
    expect(printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', landscape: true, printBackground: true }),
    );
  });

  it('writes nothing when the dialog is cancelled', async () => {
    h.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    const { win, printToPDF } = fakeWindow();
    expect(await windowPdfWriter(win).save('x.pdf')).toEqual({ saved: false, path: null });
    expect(printToPDF).not.toHaveBeenCalled();
  });
});

describe('pi.savePdf', () => {
  it('names the file after the bill, refuses where there is no window, and 404s an unknown PI', async () => {
    const app = await openTestApp(dir, 'pdf');
    try {
      const id = await app.ledger.write((tx) =>
        insertPi(tx, samplePi('PI-1013/2023-24/000007', 2), app.now()),
      );
      const refused = await dispatch(app.handlers, 'pi.savePdf', { id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
      expect(refused.ok || refused.error.message).toMatch(/Ctrl\+P.*Save as PDF/);

      const target = path.join(dir, 'from-handler.pdf');
      h.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
      app.pdfWriter = windowPdfWriter(fakeWindow().win);
      expect(await dispatch(app.handlers, 'pi.savePdf', { id })).toEqual({
        ok: true,
        data: { saved: true, path: target },
      });
      expect(h.showSaveDialog.mock.calls[0]![1]).toMatchObject({
        defaultPath: 'PI-1013_2023-24_000007.pdf',
      });
      expect(fs.readFileSync(target)).toEqual(PDF);

      expect(await dispatch(app.handlers, 'pi.savePdf', { id: 999 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await dispatch(app.handlers, 'pi.savePdf', { id: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    } finally {
      await app.close();
    }
  });

  it('makes a bill number a file name', () => {
    expect(pdfFileName('COR-1013/2023-24/000190')).toBe('COR-1013_2023-24_000190.pdf');
    expect(pdfFileName('PI 1/../x')).toBe('PI_1_.._x.pdf');
  });
});
