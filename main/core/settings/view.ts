// Everything Settings shows, in one read. The secret is reported as kept or not, never sent.
import type { AppContext } from '../context';
import type { SettingsView } from '../../../shared/settings';
import { readConnection } from './connection';
import { loadSecret } from './secret';
import { setupStatus } from './status';
import { readEngineSettings } from './store';
import { listHeads, readUlb } from './ulb';

export async function settingsView(app: AppContext): Promise<SettingsView> {
  const db = app.ledger.read;
  const { link } = app;
  const saved = await readConnection(db);
  const fromSettings = link.source === 'settings' || (link.source === 'sandbox' && saved);
  let secretStored = false;
  try {
    secretStored = link.source === 'sandbox' || !!(await loadSecret(db, link.sealer, link.env));
  } catch {
    // An unreadable secret file is reported by the set-up status, not here.
  }
  return {
    ulb: await readUlb(db),
    heads: await listHeads(db),
    treasury: {
      source: link.source,
      baseUrl: fromSettings && saved ? saved.baseUrl : link.info.baseUrl,
      clientId: saved?.clientId ?? null,
      publicKeyFile: saved?.publicKeyFile ?? null,
      secretStored,
      secretStore: link.sealer?.name ?? null,
    },
    settings: await readEngineSettings(db),
    setup: await setupStatus(app),
  };
}
