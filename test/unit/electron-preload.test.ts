// The preload bridge with `electron` replaced by a recorder: the page gets an Api that
// reaches the contract's channels and events only, and never ipcRenderer itself.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_NAMES, type Api } from '../../shared/contract';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, request: unknown) => ({
      ok: true,
      data: { channel, request },
    })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: electron.ipcRenderer,
}));

await import('../../preload/index');
const api = electron.exposed.get('jitConsole') as Api;
const ipc = electron.ipcRenderer;

beforeEach(() => {
  ipc.invoke.mockClear();
  ipc.on.mockClear();
  ipc.removeListener.mockClear();
});

describe('preload bridge', () => {
  it('exposes one object, jitConsole, with invoke and on only', () => {
    expect([...electron.exposed.keys()]).toEqual(['jitConsole']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('invokes every contract channel through ipcRenderer with the request as given', async () => {
    for (const channel of CHANNELS) {
      await expect(api.invoke(channel, { x: 1 } as never)).resolves.toMatchObject({ ok: true });
    }
    expect(ipc.invoke.mock.calls).toEqual(CHANNELS.map((c) => [c, { x: 1 }]));
  });

  it('refuses any other name with UNKNOWN_CHANNEL without touching ipcRenderer', async () => {
    for (const name of ['shell.exec', 'constructor', '__proto__', 'toString', 42, undefined]) {
      await expect(api.invoke(name as never, {} as never)).resolves.toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) },
      });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('subscribes to contract events, passes only the payload, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('pi.changed', (payload) => seen.push(payload));
    expect(ipc.on).toHaveBeenCalledTimes(1);
    const [name, relay] = ipc.on.mock.calls[0] as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(name).toBe('pi.changed');
    relay({ sender: 'secret' }, { ids: [7] });
    expect(seen).toEqual([{ ids: [7] }]);

    off();
    off();
    expect(ipc.removeListener.mock.calls).toEqual([['pi.changed', relay]]);
  });

  it('accepts every contract event and refuses other names without touching ipcRenderer', () => {
    for (const event of EVENT_NAMES) api.on(event, () => undefined)();
    expect(ipc.on.mock.calls.map(([name]) => name)).toEqual([...EVENT_NAMES]);
    ipc.on.mockClear();
    expect(() => api.on('ipc-message' as never, () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('pi.list' as never, () => undefined)).toThrow(/Unknown event/);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('loads nothing at run time but electron, so the bundle stays free of zod', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../preload/index.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map(
      (m) => m[1],
    );
    expect(runtimeImports).toEqual(['electron']);
  });

  it('lets through exactly the contract channels, whatever else the page tries', async () => {
    // What reaches ipcRenderer is observed, not assumed: the contract's names and near misses.
    const near = CHANNELS.flatMap((c) => [c.toUpperCase(), ` ${c}`, `${c}.x`, c.split('.')[0]!]);
    for (const name of [...near, ...CHANNELS]) await api.invoke(name as never, {} as never);
    const reached = ipc.invoke.mock.calls.map(([channel]) => channel);
    expect(new Set(reached)).toEqual(new Set(CHANNELS));
    expect(reached).toHaveLength(CHANNELS.length);
  });
});
