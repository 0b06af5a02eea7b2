// Which treasury the console talks to: a real one from flags/environment, or, when none is
// configured, the embedded sandbox treasury on a loopback port (the out-of-the-box demo).
import fs from 'node:fs';
import path from 'node:path';
import { JitClient } from './jit/client';
import type { Treasury } from './jit/types';
import type { AppInfo } from '../shared/types';
import { flagValue } from './config';
import { createSandbox } from '../sandbox/server';
import type { AllotmentSource } from './core/funds/seed';

export interface ConnectedTreasury {
  treasury: Treasury;
  info: AppInfo['treasury'];
  /** The embedded sandbox's scenario allotments: the demo's heads of account. */
  demoAllotments?: AllotmentSource[];
}

/** `dataDir` is the ledger's folder: the embedded sandbox keeps its journal there. */
export async function connectTreasury(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  dataDir?: string,
): Promise<ConnectedTreasury> {
  const baseUrl = flagValue(argv, 'jit-base-url') ?? env.JIT_BASE_URL;
  if (baseUrl) return connectRemote(baseUrl, argv, env);
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
    demoAllotments: sandbox.scenario.allotments,
  };
}

function connectRemote(
  baseUrl: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ConnectedTreasury {
  const clientId = flagValue(argv, 'jit-client-id') ?? env.JIT_CLIENT_ID;
  const clientSecret = flagValue(argv, 'jit-client-secret') ?? env.JIT_CLIENT_SECRET;
  const keyFile = flagValue(argv, 'jit-public-key-file') ?? env.JIT_PUBLIC_KEY_FILE;
  const missing = [
    !clientId && 'JIT_CLIENT_ID',
    !clientSecret && 'JIT_CLIENT_SECRET',
    !keyFile && 'JIT_PUBLIC_KEY_FILE',
  ].filter(Boolean);
  if (missing.length) {
    throw new Error(
      `JIT_BASE_URL is set, so a real treasury is used, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
    );
  }
  let publicKey: Buffer;
  try {
    publicKey = fs.readFileSync(path.resolve(keyFile!));
  } catch (err) {
    throw new Error(
      `Cannot read the treasury public key file ${keyFile}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const text = publicKey.toString('utf8');
  const client = new JitClient({
    baseUrl,
    clientId: clientId!,
    clientSecret: clientSecret!,
    publicKey: text.includes('-----BEGIN') ? text : publicKey,
  });
  return { treasury: client, info: { kind: 'remote', baseUrl } };
}
