// What every CLI command shares: one call through the same handler map as the window (so the
// contract's validation applies), and printing as a table or, with --json, as JSON.
import type { App } from '../app';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import { dispatch } from '../ipc/dispatch';
import type { Args } from './args';

export interface Command {
  help: string;
  run(app: App, args: Args): Promise<number>;
}

export async function call<C extends Channel>(
  app: App,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await dispatch(app.handlers, channel, request);
  if (!result.ok) throw new Error(`${result.error.message} (${result.error.code})`);
  return result.data as ResponseOf<C>;
}

export function out(args: Args, data: unknown, text: () => string): number {
  console.log(args.flags.has('json') ? JSON.stringify(data, null, 2) : text());
  return 0;
}
