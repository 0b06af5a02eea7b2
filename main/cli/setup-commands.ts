// `npm run cli -- setup …`: the ULB, its heads of account, the treasury connection and the
// settings, as the Settings page sets them, through the same handlers and validation.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../app';
import type { RequestOf } from '../../shared/contract';
import { importSetup, parseSetupFile } from '../core/settings/setup-file';
import { SCHEDULED_JOBS, type SettingsView } from '../../shared/settings';
import { flag, type Args } from './args';
import { call } from './call';
import { table } from './print';

const SUB = {
  ulb: 'setup ulb --tenant T --city CODE --ddo DDO --grantee G --ssu SSU --heads HOA[:yyyy-MM-dd[:DDO]],…  the ULB and its heads of account (priority = order)',
  treasury:
    'setup treasury --base-url URL --client-id ID --public-key-file FILE  the treasury connection (secret: JIT_CLIENT_SECRET_FILE or JIT_CLIENT_SECRET)',
  test: 'setup test [--base-url URL --client-id ID --public-key-file FILE]  log in to the treasury and say how it went',
  schedule: `setup schedule [--${SCHEDULED_JOBS.join(' HH:mm --')} HH:mm] [--retry-start-seconds N] [--retry-cap-minutes N] [--watch-days N] [--concurrency N]`,
  import:
    'setup import FILE.json  the whole set-up from a file (docs/setup-file.md), refused whole on any error',
};

export const SETUP_HELP = `setup [${Object.keys(SUB).join('|')}] …  set the console up for a ULB (no word: what is set and what is missing)`;

export async function runSetup(app: App, args: Args): Promise<number> {
  const sub = args.words[1];
  const json = args.flags.has('json');
  const show = (v: SettingsView, note?: string) => {
    console.log(json ? JSON.stringify(v, null, 2) : describe(v, note));
    return v.setup.complete ? 0 : 4;
  };
  switch (sub) {
    case undefined:
      return show(await call(app, 'settings.get', {}));
    case 'ulb':
      return show(await call(app, 'settings.saveUlb', ulbRequest(args)), 'ULB saved.');
    case 'treasury':
      return show(
        await call(app, 'settings.saveTreasury', connectionRequest(args)),
        'Treasury connection saved.',
      );
    case 'test': {
      const current: SettingsView = await call(app, 'settings.get', {});
      const r: { ok: boolean; message: string; durationMs: number } = await call(
        app,
        'settings.testTreasury',
        connectionRequest(args, current.treasury),
      );
      console.log(json ? JSON.stringify(r) : `${r.ok ? 'OK' : 'FAILED'}: ${r.message}`);
      return r.ok ? 0 : 5;
    }
    case 'schedule': {
      const current: SettingsView = await call(app, 'settings.get', {});
      return show(
        await call(app, 'settings.saveEngine', scheduleRequest(args, current.settings)),
        'Settings saved.',
      );
    }
    case 'import': {
      const file = args.words[2];
      if (!file) throw new Error('Name the setup file: setup import FILE.json');
      const full = path.resolve(file);
      const parsed = parseSetupFile(fs.readFileSync(full, 'utf8'), path.basename(full));
      const r = await importSetup(app, parsed, path.dirname(full));
      return show(await call(app, 'settings.get', {}), `Applied: ${r.applied.join('; ')}.`);
    }
    default:
      throw new Error(`Unknown setup step "${sub}". One of:\n  ${Object.values(SUB).join('\n  ')}`);
  }
}

function ulbRequest(args: Args): RequestOf<'settings.saveUlb'> {
  const heads = (flag(args, 'heads') ?? '')
    .split(',')
    .filter(Boolean)
    .map((h, i) => {
      const [hoa = '', effectiveDate = '', ddoCode] = h.split(':');
      return { hoa, effectiveDate, priority: i + 1, ...(ddoCode && { ddoCode }) };
    });
  return {
    ulb: {
      tenantId: flag(args, 'tenant') ?? '',
      cityCode: flag(args, 'city') ?? '',
      ddoCode: flag(args, 'ddo') ?? '',
      granteeCode: flag(args, 'grantee') ?? '',
      ssuIaId: flag(args, 'ssu') ?? '',
    },
    heads,
  };
}

function connectionRequest(
  args: Args,
  current?: SettingsView['treasury'],
): RequestOf<'settings.saveTreasury'> {
  return {
    baseUrl: flag(args, 'base-url') ?? current?.baseUrl ?? '',
    clientId: flag(args, 'client-id') ?? current?.clientId ?? '',
    publicKeyFile: path.resolve(flag(args, 'public-key-file') ?? current?.publicKeyFile ?? ''),
  };
}

function scheduleRequest(
  args: Args,
  s: SettingsView['settings'],
): RequestOf<'settings.saveEngine'> {
  const n = (name: string, fallback: number) => {
    const v = flag(args, name);
    return v === undefined ? fallback : Number(v);
  };
  return {
    schedule: Object.fromEntries(
      SCHEDULED_JOBS.map((j) => [j, flag(args, j) ?? s.schedule[j]]),
    ) as SettingsView['settings']['schedule'],
    retryStartSeconds: n('retry-start-seconds', s.retryStartSeconds),
    retryCapMinutes: n('retry-cap-minutes', s.retryCapMinutes),
    watchDays: n('watch-days', s.watchDays),
    concurrency: n('concurrency', s.concurrency),
  };
}

function describe(v: SettingsView, note?: string): string {
  const s = v.settings;
  return [
    ...(note ? [note, ''] : []),
    v.ulb
      ? `ULB ${v.ulb.tenantId}: city code ${v.ulb.cityCode}, DDO ${v.ulb.ddoCode}, grantee ${v.ulb.granteeCode}, SSU ${v.ulb.ssuIaId}`
      : 'ULB: not set',
    '',
    v.heads.length
      ? table(v.heads, ['tenantId', 'hoa', 'ddoCode', 'effectiveDate', 'priority'])
      : 'Heads of account: none',
    '',
    `Treasury (${v.treasury.source}): ${v.treasury.baseUrl || 'not set'}, client ${v.treasury.clientId ?? '-'}, key ${v.treasury.publicKeyFile ?? '-'}, secret ${v.treasury.secretStored ? 'available' : 'missing'}`,
    `Schedule (India time): ${Object.entries(s.schedule)
      .map(([j, t]) => `${j} ${t}`)
      .join(' · ')}`,
    `Retries from ${s.retryStartSeconds} s doubling to ${s.retryCapMinutes} min; FD/FTFPS watch ${s.watchDays} days; ${s.concurrency} calls at a time`,
    '',
    v.setup.complete ? 'Set-up complete.' : `Missing: ${v.setup.missing.join('; ')}.`,
  ].join('\n');
}
