// Which treasury the console talks to: one named by flags/environment, else the connection
// saved in Settings (this ledger), else the embedded sandbox treasury on a loopback port (the
// out-of-the-box demo).
import fs from 'node:fs';
import path from 'node:path';
import { JitClient } from './jit/client';
import type { Treasury } from './jit/types';
import type { AppInfo } from '../shared/types';
import { baseUrlProblem } from '../shared/settings';
import { flagValue } from './config';
import { createSandbox } from '../sandbox/server';
import type { AllotmentSource } from './core/funds/seed';
import type { Conn } from './ledger/conn';
import { readConnection, remoteClient } from './core/settings/connection';
import { envSecret, loadSecret, type SecretSealer } from './core/settings/secret';
import { treasuryWithoutSecret, type TreasurySource } from './core/settings/link';

export interface ConnectedTreasury {
  treasury: Treasury;
  info: AppInfo['treasury'];
  source: TreasurySource;
  /** Why calls cannot succeed yet (set-up shows it; push and VA refuse with it). */
  problem?: string;
  /** The embedded sandbox's scenario allotments: the demo's heads of account. */
  demoAllotments?: AllotmentSource[];
}

export interface ConnectOptions {
  /** The ledger, for a connection saved in Settings. */
  db?: Conn;
  /** The window's safeStorage: opens a secret saved in Settings. */
  sealer?: SecretSealer | null;
  /** The ledger's folder: the embedded sandbox keeps its journal there. */
  dataDir?: string;
}

export async function connectTreasury(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  options: ConnectOptions = {},
): Promise<ConnectedTreasury> {
  const baseUrl = flagValue(argv, 'jit-base-url') ?? env.JIT_BASE_URL;
  if (baseUrl) return connectFromEnv(baseUrl, argv, env);
  const saved = options.db ? await readConnection(options.db) : null;
  if (saved && options.db) {
    const info = { kind: 'remote' as const, baseUrl: saved.baseUrl };
    const secret = await loadSecret(options.db, options.sealer ?? null, env);
    if (!secret) {
      const problem = options.sealer
        ? 'the treasury client secret (type it in Settings → Treasury connection)'
        : 'the treasury client secret (JIT_CLIENT_SECRET_FILE or JIT_CLIENT_SECRET)';
      return {
        treasury: treasuryWithoutSecret(`missing ${problem}`),
        info,
        source: 'settings',
        problem,
      };
    }
    return { treasury: remoteClient(saved, secret), info, source: 'settings' };
  }
  return connectSandbox(argv, env, options.dataDir);
}

async function connectSandbox(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  dataDir: string | undefined,
): Promise<ConnectedTreasury> {
  const scenarioFile = flagValue(argv, 'scenario') ?? env.JIT_SANDBOX_SCENARIO;
  const sandbox = await createSandbox({
    port: 0,
    scenario: scenarioFile
      ? JSON.parse(fs.readFileSync(path.resolve(scenarioFile), 'utf8'))
      : undefined,
    journalFile: dataDir ? path.join(dataDir, 'sandbox-journal.jsonl') : undefined,
  });
  const client = new JitClient({
    baseUrl: sandbox.baseUrl,
    ...sandbox.credentials,
    publicKey: sandbox.credentials.publicKeyPem,
  });
  return {
    treasury: {
      call: (service, params) => client.call(service, params),
      close: async () => {
        await client.close?.();
        await sandbox.close();
      },
    },
    info: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    source: 'sandbox',
    demoAllotments: sandbox.scenario.allotments,
  };
}

function connectFromEnv(
  baseUrl: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ConnectedTreasury {
  const clientId = flagValue(argv, 'jit-client-id') ?? env.JIT_CLIENT_ID;
  const clientSecret = flagValue(argv, 'jit-client-secret') ?? envSecret(env);
  const keyFile = flagValue(argv, 'jit-public-key-file') ?? env.JIT_PUBLIC_KEY_FILE;
  const missing = [
    !clientId && 'JIT_CLIENT_ID',
    !clientSecret && 'JIT_CLIENT_SECRET (or JIT_CLIENT_SECRET_FILE)',
    !keyFile && 'JIT_PUBLIC_KEY_FILE',
  ].filter(Boolean);
  if (missing.length) {
    throw new Error(
      `JIT_BASE_URL is set, so a real treasury is used, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
    );
  }
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw new Error(`JIT_BASE_URL refused: ${problem}.`);
  const client = remoteClient(
    { baseUrl, clientId: clientId!, publicKeyFile: keyFile! },
    clientSecret!,
  );
  return { treasury: client, info: { kind: 'remote', baseUrl }, source: 'environment' };
}
