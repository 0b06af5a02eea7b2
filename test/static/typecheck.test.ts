// `tsc --noEmit` for each process's tsconfig, as part of `npm test`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function typecheck(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '--noEmit', '--pretty', 'false', '-p', project],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('typecheck', () => {
  it.each([
    'tsconfig.main.json',
    'tsconfig.renderer.json',
    'tsconfig.preload.json',
    'tsconfig.test.json',
  ])('%s has no type errors', { timeout: 600_000 }, async (project) => {
    const { code, output } = await typecheck(project);
    if (code !== 0) console.error(`tsc -p ${project}:\n${output}`);
    expect(output.trim()).toBe('');
    expect(code).toBe(0);
  });
});
