// Where the console keeps its data and which treasury it talks to, from flags and environment.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'JIT Payments Console';

/** The same folder Electron's app.getPath('userData') gives for this productName. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

/** `--db FILE` wins, then JIT_CONSOLE_DB, then ledger.db in the user-data folder. */
export function ledgerPath(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const flag = flagValue(argv, 'db');
  return path.resolve(flag ?? env.JIT_CONSOLE_DB ?? path.join(userDataDir(env), 'ledger.db'));
}

export function flagValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}
