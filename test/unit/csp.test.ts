import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { CSP } from '../../main/csp';

describe('content security policy', () => {
  it('the page carries the same policy as the window and the browser host send', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CSP);
    expect(CSP).not.toMatch(/unsafe-eval|\*/);
  });
});
