// electron-builder cannot build installers here (no Electron binary, no network), so its
// config is checked offline: with electron-builder's own schema and validator, then the
// settings this app depends on.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const require = createRequire(path.join(root, 'package.json'));
// app-builder-lib is electron-builder's own core; its scheme.json is what `electron-builder`
// validates a config against before building.
const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator') as {
  validateSchema(schema: unknown, data: unknown, config?: { name?: string }): void;
};
const scheme: unknown = JSON.parse(
  fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
);

type Targets = (string | { target: string })[] | string | { target: string };
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asarUnpack?: string[] | string;
  npmRebuild?: boolean;
  directories?: { output?: string };
  linux?: { target?: Targets; maintainer?: string; category?: string };
  win?: { target?: Targets };
  mac?: { target?: Targets };
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
}

const config = parse(
  fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'),
) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  productName: string;
  main: string;
  scripts: Record<string, string>;
};

function targetNames(targets: Targets | undefined): string[] {
  const list = targets === undefined ? [] : Array.isArray(targets) ? targets : [targets];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

const validate = (data: unknown) => () =>
  validateSchema(scheme, data, { name: 'electron-builder.yml' });

describe('electron-builder.yml', () => {
  it("matches electron-builder's own configuration schema", () => {
    expect(validate(config)).not.toThrow();
  });

  it('is checked by a validator that does reject a wrong config', () => {
    expect(validate({ ...config, appIdentifier: 'x' })).toThrow(/appIdentifier/);
    expect(validate({ ...config, npmRebuild: { yes: true } })).toThrow(/npmRebuild/);
  });

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('in.gov.odisha.jitconsole');
    expect(config.productName).toBe('JIT Payments Console');
    expect(config.productName).toBe(pkg.productName);
    expect(config.directories?.output).toBe('release');
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and a dmg for macOS', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toMatch(/\S+ <\S+@\S+>/);
    expect(config.linux?.category).toBeTruthy();
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('ships the built app and keeps the N-API sqlite3 binary out of the asar, unrebuilt', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(pkg.main.startsWith('dist/')).toBe(true);
    const unpacked = [config.asarUnpack ?? []].flat();
    expect(unpacked).toContain('node_modules/sqlite3/**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('flips the Electron fuses that keep an installed console from running foreign code', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has a dist script that builds first', () => {
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
  });
});
