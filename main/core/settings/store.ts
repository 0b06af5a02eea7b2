// The settings table as typed values: one JSON value per key, validated on the way in and
// on the way out (a hand-edited or older ledger falls back to the defaults, never crashes).
import type { z } from 'zod';
import type { Conn } from '../../ledger/conn';
import {
  DEFAULT_SETTINGS,
  engineSettingsSchema,
  type EngineSettingsInput,
} from '../../../shared/settings';

export const KEYS = {
  ulb: 'setup.ulb',
  engine: 'setup.engine',
  connection: 'setup.treasury',
  /** The treasury secret, encrypted by Electron safeStorage (base64); only the window reads it. */
  sealedSecret: 'setup.treasury.sealedSecret',
} as const;

export async function readJson<S extends z.ZodType>(
  db: Conn,
  key: string,
  schema: S,
): Promise<z.output<S> | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
  if (!row) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeValue(tx: Conn, key: string, value: unknown): Promise<void> {
  await tx.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, typeof value === 'string' ? value : JSON.stringify(value)],
  );
}

export async function readEngineSettings(db: Conn): Promise<EngineSettingsInput> {
  return (await readJson(db, KEYS.engine, engineSettingsSchema)) ?? DEFAULT_SETTINGS;
}
