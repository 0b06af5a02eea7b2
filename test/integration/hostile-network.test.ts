// A treasury that answers badly: a byte every few seconds, or far too much. Every call has a
// total deadline and a size cap, and the call log keeps a bounded response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOGGED_RESPONSE_CHARS } from '../../main/core/pi/history';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { piState, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let seq = 0;
const bill = () => `PI-1013/2023-24/${String(++seq).padStart(6, '0')}`;

let w: World;
beforeAll(async () => {
  // The idle timeout (1 s) never fires on a drip of a byte every 100 ms; the deadline must.
  w = await startWorld(dir, 'hostile-network', {
    clientTimeoutMs: 1_000,
    clientDeadlineMs: 2_000,
    maxResponseBytes: 4 * 1024 * 1024,
  });
});
afterAll(() => w.close());

interface CallRow {
  outcome: string;
  in_flight: number;
  error_detail: string | null;
  response_json: string | null;
}
const lastCall = async (piId: number, service: string) =>
  (await w.app.ledger.read.get<CallRow>(
    'SELECT outcome, in_flight, error_detail, response_json FROM treasury_calls WHERE pi_id = ? AND service = ? ORDER BY id DESC LIMIT 1',
    [piId, service],
  ))!;

describe('a treasury that answers badly', () => {
  it('dripping a byte at a time: the call ends at its deadline and frees the service', async () => {
    const billNo = bill();
    const [id] = await seedPis(w, [samplePi(billNo, 2)]);
    w.sandbox.faults.inject('PIS', 'drip', { billNo, dripMs: 100, times: 1 });
    const run = await w.app.engine.run('PIS', { trigger: 'manual', piId: id });
    expect(run.outcomes.NO_RESPONSE).toBe(1);
    expect(await lastCall(id!, 'PIS')).toMatchObject({
      outcome: 'NO_RESPONSE',
      in_flight: 0,
      error_detail: 'no complete answer within the 2000 ms deadline',
    });
    // The PIS lock is free: the next call goes through and settles the PI.
    await w.app.engine.run('PIS', { trigger: 'manual', piId: id });
    expect((await piState(w.app, id!)).status).toBe('Approved');
  });

  it('sending far more than any answer: reading stops at the size cap', async () => {
    const billNo = bill();
    const [id] = await seedPis(w, [samplePi(billNo, 2)]);
    w.sandbox.faults.inject('PIS', 'huge', { billNo, bytes: 50 * 1024 * 1024, times: 1 });
    await w.app.engine.run('PIS', { trigger: 'manual', piId: id });
    expect(await lastCall(id!, 'PIS')).toMatchObject({
      outcome: 'NO_RESPONSE',
      in_flight: 0,
      error_detail: 'answer longer than 4194304 bytes: not read further',
      response_json: null,
    });
    expect((await piState(w.app, id!)).status).toBe('Initiated');
  });

  it('a large answer is applied whole but logged cut, saying so', async () => {
    const [id] = await seedPis(w, [samplePi(bill(), 2500)]);
    for (const service of ['PIS', 'PAG', 'PD'] as const)
      await w.app.engine.run(service, { trigger: 'manual', piId: id });
    const state = await piState(w.app, id!);
    expect(state.benfs).toHaveLength(2500);
    expect(state.benfs.every((b) => b.status === 'Payment Successful' && b.utr_no)).toBe(true);
    const pd = await lastCall(id!, 'PD');
    expect(pd.outcome).toBe('OK');
    expect(pd.response_json!.length).toBeLessThanOrEqual(MAX_LOGGED_RESPONSE_CHARS);
    const logged = JSON.parse(pd.response_json!) as { cut: string; start: string };
    expect(logged.cut).toMatch(/^response cut in the log: only its first characters of \d+ kept/);
    expect(logged.start).toMatch(/^\{"serviceId":"PD"/);
    expect(pd.error_detail).toBe(logged.cut);
  });
});
