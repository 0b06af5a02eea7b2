// Only the service's own errorMsg is the treasury saying "no"; the funds logic depends on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import { piParams, startWorld, type World } from '../support/world';

const dir = tempDir();
let w: World;
beforeAll(async () => {
  w = await startWorld(dir, 'refused');
});
afterAll(() => w.close());

describe('treasury refusals', () => {
  const params = piParams(samplePi('PI-1013/2023-24/000777', 1));

  it('an errorMsg in the envelope is a refusal', async () => {
    w.sandbox.faults.inject('PI', 'error', { times: 1, message: 'Wrong IFSC provided' });
    const r = await w.client.call('PI', params);
    expect(r).toMatchObject({ outcome: 'ERROR', refused: true, jitError: 'Wrong IFSC provided' });
  });

  it('a body that breaks the schema, or a failed login, is an error but not a refusal', async () => {
    w.sandbox.faults.inject('PI', 'missingFields', { times: 1 });
    const broken = await w.client.call('PI', params);
    expect(broken.outcome).toBe('ERROR');
    expect(broken.refused).toBeUndefined();
    w.sandbox.expireSessions();
    w.sandbox.faults.inject('LOGIN', 'error', { times: 2, message: 'Invalid client secret' });
    const login = await w.client.call('PI', params);
    expect(login.outcome).toBe('ERROR');
    expect(login.refused).toBeUndefined();
  });
});
