// A setup file (docs/setup-file.md): the ULB, its heads, the treasury connection and the
// settings in one JSON document, for `npm run cli -- setup import FILE`. Refused whole on
// any error, every error listed with where it is; applied in one transaction.
import path from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { setupFileSchema, type SetupFile } from '../../../shared/settings';
import { readPublicKey, useSavedConnection, writeConnection } from './connection';
import { writeEngineSettings, writeUlbSetup } from './ulb';

export interface SetupImport {
  applied: string[];
}

export function parseSetupFile(content: string, fileName: string): SetupFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (err) {
    throw new AppError('BAD_REQUEST', `${fileName} is not JSON: ${(err as Error).message}`);
  }
  const parsed = setupFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'BAD_REQUEST',
      `${fileName} was refused, nothing changed:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** `dir` resolves a relative public key file: beside the setup file. */
export async function importSetup(
  app: AppContext,
  file: SetupFile,
  dir: string,
): Promise<SetupImport> {
  const treasury = file.treasury && {
    ...file.treasury,
    publicKeyFile: path.resolve(dir, file.treasury.publicKeyFile),
  };
  if (treasury) readPublicKey(treasury.publicKeyFile);
  const applied: string[] = [];
  await app.ledger.write(async (tx) => {
    if (file.ulb && file.heads) {
      await writeUlbSetup(tx, { ulb: file.ulb, heads: file.heads }, app.now());
      applied.push(`ULB ${file.ulb.tenantId} with ${file.heads.length} head(s) of account`);
    }
    if (treasury) {
      await writeConnection(tx, app, treasury);
      applied.push(`treasury ${treasury.baseUrl}`);
    }
    if (file.settings) {
      await writeEngineSettings(tx, file.settings, app.now());
      applied.push('schedule, retries, watch window and concurrency');
    }
  });
  if (file.settings) app.engine.configure(file.settings);
  if (treasury) await useSavedConnection(app, treasury);
  return { applied };
}
