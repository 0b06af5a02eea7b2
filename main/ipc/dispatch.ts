// One entry point for every IPC request, whatever carried it (ipcMain or the browser host):
// unknown channels and malformed requests are refused here, before any handler runs.
import { z } from 'zod';
import { contract, type Channel, type Result } from '../../shared/contract';
import { AppError } from '../core/errors';
import type { Handlers } from './handlers';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  request: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail('UNKNOWN_CHANNEL', `Unknown channel ${JSON.stringify(channel)}.`);
  }
  const parsed = contract[channel].request.safeParse(request ?? {});
  if (!parsed.success) {
    return fail(
      'BAD_REQUEST',
      `Invalid request for ${channel}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`,
    );
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message);
    // Unexpected: the detail (SQL, paths) stays in the main-process log under a reference
    // the user can quote; the user gets a plain sentence.
    const ref = `E${Date.now().toString(36).toUpperCase()}`;
    console.error(`[ipc] ${channel} failed (${ref}):`, err);
    return fail('INTERNAL', `Something went wrong while handling ${channel}. Reference ${ref}.`);
  }
}

function fail(code: AppError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
