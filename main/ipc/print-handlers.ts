// Save as PDF of one PI: the file is named after its bill number; only a host with a window
// (Electron) can write it, the others say where to print instead.
import type { App } from '../app';
import { notFound, refused } from '../core/errors';
import type { HandlerGroup } from './handlers';

/** "PI-1013/2023-24/000007" → "PI-1013_2023-24_000007.pdf": a bill number has slashes. */
export function pdfFileName(billNo: string): string {
  return `${billNo.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
}

export function printHandlers(app: App): HandlerGroup {
  return {
    'pi.savePdf': async (q) => {
      const pi = await app.ledger.read.get<{ billNo: string }>(
        'SELECT bill_no AS billNo FROM pis WHERE id = ?',
        [q.id],
      );
      if (!pi) throw notFound(`Payment instruction ${q.id}`);
      if (!app.pdfWriter)
        throw refused(
          'Save as PDF is made by the desktop window. Here, print the page (Ctrl+P) and choose “Save as PDF” as the printer.',
        );
      return app.pdfWriter.save(pdfFileName(pi.billNo));
    },
  };
}
