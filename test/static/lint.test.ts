// ESLint over the whole tree as part of `npm test`, and the layer rules proven to bite.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('eslint', () => {
  it('finds no errors in the tree', { timeout: 300_000 }, async () => {
    const results = await eslint.lintFiles(['.']);
    const failing = results.filter((r) => r.errorCount > 0);
    if (failing.length > 0) {
      const formatter = await eslint.loadFormatter('stylish');
      console.error(await formatter.format(failing));
    }
    expect(
      failing.map((r) => `${path.relative(root, r.filePath)}: ${r.errorCount} error(s)`),
    ).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
  });

  describe('layer rules', () => {
    it('keep Node and Electron out of the renderer', async () => {
      expect(
        await messagesFor("import fs from 'fs';\nvoid fs;\n", 'renderer/src/pages/Probe.tsx'),
      ).toEqual([expect.stringContaining('The renderer cannot use Node or Electron')]);
      expect(
        await messagesFor(
          "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n",
          'renderer/src/probe.ts',
        ),
      ).toEqual([expect.stringContaining('The renderer cannot use Node or Electron')]);
      expect(
        await messagesFor(
          "import { openApp } from '../../main/app';\nvoid openApp;\n",
          'renderer/src/probe.ts',
        ),
      ).toEqual([expect.stringContaining('over the IPC contract')]);
    });

    it('keep Electron out of the core, but not out of main/electron', async () => {
      const code = "import { app } from 'electron';\nvoid app;\n";
      expect(await messagesFor(code, 'main/core/probe.ts')).toEqual([
        expect.stringContaining('Only main/electron/ may import Electron'),
      ]);
      expect(await messagesFor(code, 'main/ledger/probe.ts')).toEqual([
        expect.stringContaining('Only main/electron/ may import Electron'),
      ]);
      expect(await messagesFor(code, 'main/electron/probe.ts')).toEqual([]);
    });

    it('keep Node out of shared/ and the preload', async () => {
      const code = "import path from 'node:path';\nvoid path;\n";
      expect(await messagesFor(code, 'shared/probe.ts')).toEqual([
        expect.stringContaining('no Node modules'),
      ]);
      expect(await messagesFor(code, 'preload/index.ts')).toEqual([
        expect.stringContaining('no Node modules'),
      ]);
    });
  });
});
