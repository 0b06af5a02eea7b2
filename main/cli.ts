// The headless console: `npm run cli -- <command>`. Same core as the window; nightly runs
// can live on a server with `serve`.
import path from 'node:path';
import { openApp } from './app';
import { ledgerPath } from './config';
import { connectTreasury } from './treasury-setup';
import type { Treasury } from './jit/types';
import { parseArgs, type Args } from './cli/args';
import { COMMANDS, usage } from './cli/commands';

/** Connect to the treasury only when a command actually calls it. */
function lazyTreasury(argv: readonly string[], dataDir: string): Treasury {
  let connected: ReturnType<typeof connectTreasury> | undefined;
  const get = () => (connected ??= connectTreasury(argv, process.env, dataDir));
  return {
    call: async (service, params) => (await get()).treasury.call(service, params),
    close: async () => {
      if (connected) await (await connected).treasury.close?.();
    },
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const args: Args = parseArgs(argv);
  const name = args.words[0];
  const command = name ? COMMANDS[name] : undefined;
  if (!command || args.flags.has('help')) {
    console.log(usage());
    return command || args.flags.has('help') ? 0 : 1;
  }
  const dbPath = ledgerPath(argv);
  const treasury = lazyTreasury(argv, path.dirname(dbPath));
  const baseUrl = process.env.JIT_BASE_URL;
  const app = await openApp({
    dbPath,
    treasury,
    treasuryInfo: baseUrl
      ? { kind: 'remote', baseUrl }
      : { kind: 'sandbox', baseUrl: '(embedded, started on first call)' },
  });
  try {
    return await command.run(app, args);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`Error: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
