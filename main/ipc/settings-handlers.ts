import type { App } from '../app';
import { saveConnection, testConnection } from '../core/settings/connection';
import { saveEngineSettings, saveUlbSetup } from '../core/settings/ulb';
import { settingsView } from '../core/settings/view';
import type { HandlerGroup } from './handlers';

export function settingsHandlers(app: App): HandlerGroup {
  return {
    'settings.get': () => settingsView(app),
    'settings.saveUlb': async (q) => {
      await saveUlbSetup(app, q);
      return settingsView(app);
    },
    'settings.saveTreasury': async (q) => {
      await saveConnection(app, q);
      return settingsView(app);
    },
    'settings.testTreasury': (q) => testConnection(app, q),
    'settings.saveEngine': async (q) => {
      await saveEngineSettings(app, q);
      return settingsView(app);
    },
  };
}
