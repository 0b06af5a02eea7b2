// `prettier --check` over the source files git knows about, as part of `npm test`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const ignorePath = path.join(root, '.prettierignore');

/** Tracked files plus new ones not yet committed, minus what .gitignore excludes. */
function sourceFiles(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return [...new Set(out.split('\0').filter(Boolean))]
    .map((f) => path.join(root, f))
    .filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

describe('prettier', () => {
  it('finds every source file formatted', { timeout: 300_000 }, async () => {
    const unformatted: string[] = [];
    let checked = 0;
    for (const file of sourceFiles()) {
      const info = await prettier.getFileInfo(file, { ignorePath, resolveConfig: true });
      if (info.ignored || !info.inferredParser) continue;
      const options = (await prettier.resolveConfig(file)) ?? {};
      const source = fs.readFileSync(file, 'utf8');
      checked++;
      if (!(await prettier.check(source, { ...options, filepath: file }))) {
        unformatted.push(path.relative(root, file));
      }
    }
    if (unformatted.length > 0) {
      console.error(
        `Not formatted (run: npx prettier --write <file>):\n  ${unformatted.join('\n  ')}`,
      );
    }
    expect(unformatted).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});
