// The exchange's settings, kept in the ledger's settings table: off by default.
import type { Conn } from '../../ledger/conn';

export interface ExchangeSettings {
  enabled: boolean;
  /** Our participant id (header.sender_id of what we send). */
  selfId: string;
  host: string;
  port: number;
  /** Where the server listens now (written at start): the sender_uri of what we send. */
  url: string | null;
}

export const DEFAULT_SETTINGS: ExchangeSettings = {
  enabled: false,
  selfId: 'payments@http://127.0.0.1',
  host: '127.0.0.1',
  port: 8480,
  url: null,
};

const KEYS = {
  enabled: 'exchange.enabled',
  selfId: 'exchange.selfId',
  host: 'exchange.host',
  port: 'exchange.port',
  url: 'exchange.url',
} as const;

export async function readSettings(db: Conn): Promise<ExchangeSettings> {
  const rows = await db.all<{ key: string; value: string }>(
    `SELECT key, value FROM settings WHERE key LIKE 'exchange.%'`,
  );
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  return {
    enabled: get(KEYS.enabled) === '1',
    selfId: get(KEYS.selfId) ?? DEFAULT_SETTINGS.selfId,
    host: get(KEYS.host) ?? DEFAULT_SETTINGS.host,
    port: Number(get(KEYS.port) ?? DEFAULT_SETTINGS.port),
    url: get(KEYS.url) ?? null,
  };
}

export async function writeSettings(tx: Conn, s: Partial<ExchangeSettings>): Promise<void> {
  const values: [string, string][] = [];
  if (s.enabled !== undefined) values.push([KEYS.enabled, s.enabled ? '1' : '0']);
  if (s.selfId !== undefined) values.push([KEYS.selfId, s.selfId]);
  if (s.host !== undefined) values.push([KEYS.host, s.host]);
  if (s.port !== undefined) values.push([KEYS.port, String(s.port)]);
  if (s.url) values.push([KEYS.url, s.url]);
  for (const [key, value] of values) {
    await tx.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }
}
