// The sandbox is as strict as a real treasury about parameter names: the requests the console
// really sends (taken from its call log) are accepted, and each with any one parameter renamed
// or dropped is refused with an errorMsg naming it. So a renamed parameter in the console
// fails the tests instead of passing against a lenient sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPi } from '../../main/core/pi/pi-queries';
import { loadParams } from '../../main/core/pi/pi-params';
import { insertPi } from '../../main/core/pi/pi-store';
import { createRevisedPi } from '../../main/core/pi/revise';
import { PARAMS } from '../../sandbox/treasury/params';
import { SERVICES, type Service } from '../../shared/status';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let w: World;
const sent = new Map<Service, Record<string, unknown>>();

// Beneficiary 2 fails at the bank, so FD, COR, FTPS and FTFPS all have something to say.
beforeAll(async () => {
  w = await startWorld(dir, 'strict', { scenario: { fail: { accountSuffixes: ['00002'] } } });
  const [id] = await seedPis(w, [samplePi('PI-1013/2023-24/000001', 2)]);
  const run = (s: Service, piId?: number) => w.app.engine.run(s, { trigger: 'manual', piId });
  await run('VA');
  for (const s of ['PIS', 'PAG', 'PD', 'FD'] as const) await run(s, id);
  const failed = (await getPi(w.app.ledger, id!)).beneficiaries.filter(
    (b) => b.status === 'Payment Failed',
  );
  const cor = await createRevisedPi(w.app, {
    piId: id!,
    beneficiaries: failed.map((b) => ({
      beneficiaryId: b.id,
      correctedAccountNo: '300099990001',
      correctedIfsc: 'HDFC0001234',
    })),
  });
  expect(cor.outcome).toBe('OK');
  await run('FTPS', cor.piId);
  await run('FTFPS', cor.piId);
  const rows = await w.app.ledger.read.all<{ service: Service; request_json: string }>(
    'SELECT service, request_json FROM treasury_calls ORDER BY id',
  );
  for (const r of rows)
    sent.set(r.service, (JSON.parse(r.request_json) as { params: Record<string, unknown> }).params);
  // A PI as the push builds it, not yet at the treasury.
  const piId = await w.app.ledger.write((tx) =>
    insertPi(tx, samplePi('PI-1013/2023-24/000002', 2), w.app.now()),
  );
  sent.set('PI', (await loadParams(w.app.ledger.read, [piId])).get(piId)! as never);
});
afterAll(() => w.close());

const renamed = (name: string) => (name === name.toLowerCase() ? `${name}s` : name.toLowerCase());
function rename(params: Record<string, unknown>, name: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k === name ? renamed(k) : k, v]),
  );
}
function without(params: Record<string, unknown>, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => k !== name));
}

describe('the strict sandbox', () => {
  it('was sent every service by the console, with exactly the names of the spec', () => {
    expect([...sent.keys()].sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) {
      const { names, list } = PARAMS[service];
      const params = sent.get(service)!;
      expect(Object.keys(params).sort(), service).toEqual([...names].sort());
      if (list) {
        const items = params[list.name] as Record<string, unknown>[];
        expect(Object.keys(items[0]!).sort(), service).toEqual([...list.names].sort());
      }
    }
  });

  it.each(SERVICES)(
    '%s: any parameter renamed or missing is refused, naming it',
    async (service) => {
      const params = sent.get(service)!;
      for (const name of Object.keys(params)) {
        const bad = await w.client.call(service, rename(params, name));
        expect(bad, `${service} ${name} renamed`).toMatchObject({
          outcome: 'ERROR',
          refused: true,
          jitError: expect.stringContaining(`mandatory parameter ${name} is missing`),
        });
        expect(bad.jitError).toContain(`unknown parameter ${renamed(name)}`);
        const missing = await w.client.call(service, without(params, name));
        expect(missing.jitError, `${service} ${name} missing`).toContain(
          `mandatory parameter ${name} is missing`,
        );
      }
      const { list } = PARAMS[service];
      if (list) {
        const items = params[list.name] as Record<string, unknown>[];
        for (const name of Object.keys(items[0]!)) {
          const bad = await w.client.call(service, {
            ...params,
            [list.name]: [rename(items[0]!, name), ...items.slice(1)],
          });
          expect(bad, `${service} ${list.name} ${name} renamed`).toMatchObject({
            outcome: 'ERROR',
            refused: true,
            jitError: expect.stringContaining(
              `mandatory parameter ${list.name}[0].${name} is missing`,
            ),
          });
        }
      }
      // The request as the console sent it is not refused for its names.
      const good = await w.client.call(service, params);
      expect(good.jitError ?? '').not.toMatch(/parameter/);
    },
  );
});
