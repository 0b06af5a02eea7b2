// `npm run web`: the console in a browser. Opens the ledger and the treasury like the
// Electron shell does, serves dist/renderer on 127.0.0.1 and prints the URL with its token.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { flagValue } from './config';
import { consoleScheduler, openConsole, startExchange } from './console';
import { startWebHost } from './web/server';
import { SAVE_REQUEST_PATH } from './exchange/loans-route';

const DEFAULT_PORT = 5174;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const portFlag = flagValue(argv, 'port');
  const port = portFlag === undefined ? DEFAULT_PORT : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `--port must be a whole number from 0 to 65535, not ${JSON.stringify(portFlag)}`,
    );
  }
  const appRoot = findAppRoot(__dirname);
  const staticDir = path.join(appRoot, 'dist', 'renderer');

  const app = await openConsole(argv, env);
  const { treasury: info } = await app.info();
  const host = await startWebHost(app, { port, staticDir });
  // The browser host is the whole console where Electron is not: the nightly jobs run here too.
  const scheduler = consoleScheduler(app, env);
  await scheduler.start();
  const exchangeUrl = await startExchange(app, argv);

  console.log(`JIT Payments Console (browser host)`);
  console.log(`  ledger:   ${app.ledger.file}`);
  console.log(`  treasury: ${info.kind} ${info.baseUrl}`);
  console.log(`  open:     ${host.url}`);
  if (exchangeUrl) console.log(`  exchange: ${exchangeUrl}/program-service/v1/`);
  if (exchangeUrl) console.log(`  loans API: ${exchangeUrl}${SAVE_REQUEST_PATH}`);
  if (shouldOpen(argv, env)) openBrowser(host.url);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop().catch((err) => console.error(err));
    await host.close().catch((err) => console.error(err));
    await app.close().catch((err) => console.error(err));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

// Someone at a terminal gets the page opened for them; tests, CI and scripts (no terminal,
// CI set, or --no-open) get only the printed address.
function shouldOpen(argv: string[], env: NodeJS.ProcessEnv): boolean {
  return Boolean(process.stdout.isTTY) && !env.CI && !argv.includes('--no-open');
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => console.log('  (could not open a browser: open the address above)'));
  child.unref();
}

// The folder with package.json, whether this runs from main/ (tsx) or dist/main/main/ (built).
function findAppRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

main(process.argv, process.env).catch((err) => {
  console.error(`web host failed to start: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});
