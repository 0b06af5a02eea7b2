// Exports: the page builds the CSV (the same module for every list); saving it is the host's
// job. The window saves through a native save dialog; the browser host downloads in the page.
import { refused } from '../core/errors';
import type { App } from '../app';
import type { HandlerGroup } from './handlers';

export interface SaveFileResult {
  saved: boolean;
  path: string | null;
}
/** Asks where to save `fileName` and writes `content` there (null path: the user cancelled). */
export type SaveFile = (fileName: string, content: string) => Promise<SaveFileResult>;

export function exportHandlers(app: App): HandlerGroup {
  return {
    'export.save': async ({ fileName, content }) => {
      if (!app.saveFile)
        throw refused(
          'This console has no save dialog here; the browser downloads the file instead.',
        );
      return app.saveFile(fileName, content);
    },
  };
}
