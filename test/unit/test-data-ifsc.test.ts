// The IFSCs in the sandbox, the demo seed and the import fixtures must be real branches: the
// import and the revised PI refuse any other (main/core/payments/ifsc.ts), so a made-up code
// here would fail a demo or a test far from its cause. (Treasury answers in reference-samples
// are left as the treasury sent them.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIfsc } from '../../main/core/payments/ifsc';

const ROOT = path.resolve(__dirname, '../..');
const PLACES = ['sandbox', 'test/support', 'test/e2e/support', 'test/fixtures', 'bench'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'reference-samples' ? [] : files(p);
    return /\.(ts|json|csv|txt)$/.test(e.name) ? [p] : [];
  });
}

describe('IFSCs in test and demo data', () => {
  it('are all real bank branches', () => {
    const bad: string[] = [];
    for (const file of PLACES.flatMap((p) => files(path.join(ROOT, p)))) {
      for (const [code] of fs.readFileSync(file, 'utf8').matchAll(/\b[A-Z]{4}0[A-Z0-9]{6}\b/g)) {
        if (!checkIfsc(code).valid) bad.push(`${path.relative(ROOT, file)}: ${code}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
