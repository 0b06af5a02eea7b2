// Faults of a treasury that answers, but badly: late (`hold`), a byte at a time (`drip`), or
// far too much (`huge`). The call was processed first, as with `timeout` and `reset`.
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import type { Fault } from './faults';

/** Handles `hold`, `drip` and `huge`; false for any other fault. */
export function answerBadly(
  ctx: SandboxContext,
  fault: Fault,
  res: ServerResponse,
  send: () => void,
): boolean {
  switch (fault.kind) {
    case 'hold':
      // The answer leaves once the test lets it (in-process sandboxes only).
      void Promise.resolve(fault.until).then(() => {
        if (!res.destroyed) send();
      });
      return true;
    case 'drip':
      drip(ctx, res, fault.dripMs ?? 2_000);
      return true;
    case 'huge':
      void huge(res, fault.bytes ?? 200 * 1024 * 1024);
      return true;
    default:
      return false;
  }
}

// Headers at once, then one byte every few seconds of a body that never ends: an idle
// timeout never fires.
function drip(ctx: SandboxContext, res: ServerResponse, everyMs: number): void {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 1024 * 1024 * 1024 });
  res.flushHeaders();
  const timer = setInterval(() => res.write('A'), everyMs);
  ctx.held.add(timer);
  res.on('close', () => {
    clearInterval(timer);
    ctx.held.delete(timer);
  });
}

// A body of `bytes` base64 letters, written as fast as the client reads it.
async function huge(res: ServerResponse, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': bytes });
  let left = bytes;
  while (left > 0 && !res.destroyed) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= part.length;
    if (!res.write(part))
      await new Promise<void>((resolve) => {
        // Whichever comes first removes both: a close listener left behind at every drain
        // piled up on the response (Node warned of a leak after ten).
        const go = () => {
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.once('drain', go);
        res.once('close', go);
      });
  }
  if (!res.destroyed) res.end();
}
