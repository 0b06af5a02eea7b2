// The headless console: `npm run cli -- <command>`. Same core as the window; nightly runs
// can live on a server with `serve`.
import { openConsole } from './console';
import { parseArgs, type Args } from './cli/args';
import { COMMANDS, usage } from './cli/commands';

export async function main(argv: readonly string[]): Promise<number> {
  const args: Args = parseArgs(argv);
  const name = args.words[0];
  const command = name ? COMMANDS[name] : undefined;
  if (!command || args.flags.has('help')) {
    console.log(usage());
    return command || args.flags.has('help') ? 0 : 1;
  }
  // Opened as the window opens it: the same ledger, treasury and first-run demo set-up.
  // `setup` on a fresh ledger is for a real ULB: no demo ULB of the embedded sandbox first.
  const app = await openConsole(argv, process.env, { demo: name !== 'setup' });
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
