// The treasury client against the sandbox treasury: real HTTP on loopback, real encryption.
import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JitClient, type JitClientOptions } from '../../main/jit/client';
import type { CallResult } from '../../main/jit/types';
import type { PdData } from '../../main/jit/services';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { samplePiParams } from '../../sandbox/samples';

const T0 = Date.parse('2023-10-02T10:00:00+05:30');
const HOUR = 3_600_000;

let sandbox: Sandbox;
const clients: JitClient[] = [];

function client(extra: Partial<JitClientOptions> = {}): JitClient {
  const c = new JitClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    publicKey: sandbox.credentials.publicKeyPem,
    timeoutMs: 500,
    ...extra,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    timeoutHoldMs: 3_000,
    scenario: {
      seed: 7,
      delays: { approveAfterMs: HOUR, adviceAfterMs: HOUR, paidAfterMs: HOUR, failedAfterMs: HOUR },
      fail: { accountSuffixes: ['99'] },
    },
  });
  // One bill that is paid by now, for the PD/FD fault cases.
  sandbox.seedBills([samplePiParams('PI-1013/2023-24/000500', 3)], { acceptedAt: T0 - 10 * HOUR });
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await sandbox.close();
});

beforeEach(() => sandbox.faults.clear());

/** Walks the seeded bill through PIS and PAG to get PD's and FD's params. */
async function paidBillParams(c: JitClient) {
  const billNo = 'PI-1013/2023-24/000500';
  const pis = await c.call<{ pmtInstId: string; payInstDate: string }>('PIS', {
    jitBillNo: billNo,
    jitBillDate: '2023-10-01',
    ssuIaId: 'SSU-ANGUL',
  });
  expect(pis.outcome).toBe('OK');
  const pag = await c.call<{
    onlineBillRefNo: string;
    tokenNumber: string;
    tokenDate: string;
    finYear: string;
    adviceId: string;
  }>('PAG', {
    pmtInstId: pis.data!.pmtInstId,
    pmtInstDate: pis.data!.payInstDate,
    billNo,
    billDate: '2023-10-01',
    ssuIaId: 'SSU-ANGUL',
  });
  expect(pag.outcome).toBe('OK');
  const a = pag.data!;
  return {
    billNo,
    pd: {
      finYear: a.finYear,
      extAppName: 'MUKTA',
      billRefNo: a.onlineBillRefNo,
      tokenNumber: a.tokenNumber,
      tokenDate: a.tokenDate,
    },
    fd: {
      billno: billNo,
      billDate: '2023-10-01',
      adviceId: a.adviceId,
      onlineBillRefNo: a.onlineBillRefNo,
      tokenNo: a.tokenNumber,
      tokenDate: a.tokenDate,
    },
  };
}

describe('JitClient', () => {
  it('logs in and pushes a PI: a response without error, with the plain payload as the request', async () => {
    const c = client();
    const params = samplePiParams('PI-1013/2023-24/000001', 2);
    const r = await c.call('PI', params as unknown as Record<string, unknown>);
    expect(r.outcome).toBe('OK');
    expect(r.message).toBe('On call of PI API: Response is received and updated successfully');
    expect(r.data).toMatchObject({ jitBillNo: 'PI-1013/2023-24/000001', successCode: '0' });
    expect(r.request).toEqual({ serviceId: 'PI', params });
    expect(r.httpStatus).toBe(200);
    expect(c.loginCount).toBe(1);
  });

  it('never puts the app key, SEK, REK, token or secret into a result', async () => {
    const c = client();
    const results: CallResult[] = [
      await c.call('PIS', {
        jitBillNo: 'PI-1013/2023-24/000500',
        jitBillDate: '2023-10-01',
        ssuIaId: 'SSU-ANGUL',
      }),
      await c.call('PIS', { jitBillNo: 'nope', jitBillDate: '2023-10-01', ssuIaId: 'SSU-ANGUL' }),
    ];
    const session = (c as unknown as { session: { token: string; sek: Buffer } }).session;
    expect(session.token.length).toBeGreaterThan(10);
    for (const r of results) {
      const text = JSON.stringify(r);
      expect(text).not.toContain(session.token);
      expect(text).not.toContain(session.sek.toString('base64'));
      expect(text).not.toContain(session.sek.toString('hex'));
      expect(text).not.toContain(sandbox.credentials.clientSecret);
      expect(text).not.toMatch(/"(rek|sek|authToken|appKey)"/);
    }
  });

  it('accepts the public key as DER SubjectPublicKeyInfo too', async () => {
    const der = crypto
      .createPublicKey(sandbox.credentials.publicKeyPem)
      .export({ type: 'spki', format: 'der' });
    const r = await client({ publicKey: der }).call('PIS', {
      jitBillNo: 'PI-1013/2023-24/000500',
      jitBillDate: '2023-10-01',
      ssuIaId: 'SSU-ANGUL',
    });
    expect(r.outcome).toBe('OK');
  });

  it('shares one login between concurrent calls', async () => {
    const before = sandbox.stats().logins;
    const c = client();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        c.call('PIS', {
          jitBillNo: 'PI-1013/2023-24/000500',
          jitBillDate: '2023-10-01',
          ssuIaId: 'SSU-ANGUL',
        }),
      ),
    );
    expect(results.every((r) => r.outcome === 'OK')).toBe(true);
    expect(c.loginCount).toBe(1);
    expect(sandbox.stats().logins - before).toBe(1);
  });

  it('logs in again when the session is older than 30 minutes (client clock)', async () => {
    let now = T0;
    const c = client({ now: () => now });
    const pis = {
      jitBillNo: 'PI-1013/2023-24/000500',
      jitBillDate: '2023-10-01',
      ssuIaId: 'SSU-ANGUL',
    };
    await c.call('PIS', pis);
    now += 29 * 60_000;
    await c.call('PIS', pis);
    expect(c.loginCount).toBe(1);
    now += 2 * 60_000;
    const r = await c.call('PIS', pis);
    expect(r.outcome).toBe('OK');
    expect(r.startedAt).toBe(now);
    expect(c.loginCount).toBe(2);
  });

  it('on "No valid session encryption key" logs in again and repeats the call once', async () => {
    const c = client();
    const pis = {
      jitBillNo: 'PI-1013/2023-24/000500',
      jitBillDate: '2023-10-01',
      ssuIaId: 'SSU-ANGUL',
    };
    expect((await c.call('PIS', pis)).outcome).toBe('OK');
    const before = sandbox.stats();
    sandbox.expireSessions();
    const r = await c.call('PIS', pis);
    expect(r.outcome).toBe('OK');
    const after = sandbox.stats();
    expect(c.loginCount).toBe(2);
    expect(after.logins - before.logins).toBe(1);
    expect(after.sessionErrors - before.sessionErrors).toBe(1);
    expect(after.calls.PIS - before.calls.PIS).toBe(1);
  });

  it('the sessionExpired fault is retried once; a second one in a row is an error', async () => {
    const c = client();
    const pis = {
      jitBillNo: 'PI-1013/2023-24/000500',
      jitBillDate: '2023-10-01',
      ssuIaId: 'SSU-ANGUL',
    };
    sandbox.faults.inject('PIS', 'sessionExpired', { times: 1 });
    expect((await c.call('PIS', pis)).outcome).toBe('OK');
    expect(c.loginCount).toBe(2);
    sandbox.faults.inject('PIS', 'sessionExpired', { times: 2 });
    const r = await c.call('PIS', pis);
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toContain('No valid session encryption key');
    expect(c.loginCount).toBe(3);
  });
});

describe('JitClient: each fault lands in the right outcome', () => {
  let c: JitClient;
  let p: Awaited<ReturnType<typeof paidBillParams>>;
  beforeAll(async () => {
    c = client();
    p = await paidBillParams(c);
  });

  it.each([
    ['timeout', /timeout after 500 ms/],
    ['reset', /ECONNRESET|socket hang up/],
    ['http500', /HTTP 500/],
    ['garbage', /undecryptable body/],
    ['wrongKey', /undecryptable body|not JSON/],
    ['emptyData', /empty data/],
  ] as const)('%s → No Response', async (fault, detail) => {
    sandbox.faults.inject('PD', fault, { times: 1 });
    const r = await c.call('PD', p.pd);
    expect(r.outcome).toBe('NO_RESPONSE');
    expect(r.message).toBe('On call of PD API: No response is received.');
    expect(r.errorDetail).toMatch(detail);
    expect(r.data).toBeUndefined();
    // the fault is spent: the next call is answered
    expect((await c.call('PD', p.pd)).outcome).toBe('OK');
  });

  it('a refused connection → No Response', async () => {
    const closed = await createSandbox({ now: T0 });
    const creds = closed.credentials;
    await closed.close();
    const r = await client({
      baseUrl: closed.baseUrl,
      ...creds,
      publicKey: creds.publicKeyPem,
    }).call('PD', p.pd);
    expect(r.outcome).toBe('NO_RESPONSE');
    expect(r.errorDetail).toMatch(/ECONNREFUSED/);
    expect(r.httpStatus).toBeNull();
  });

  it('error → Response With Error with the treasury text', async () => {
    sandbox.faults.inject('PD', 'error', {
      times: 1,
      message: 'Bill reference number is not valid',
    });
    const r = await c.call('PD', p.pd);
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe('Bill reference number is not valid');
    expect(r.message).toBe('On call of PD API: Bill reference number is not valid');
  });

  it('errorMsgs → Response With Error, codes and messages joined', async () => {
    sandbox.faults.inject('PD', 'errorMsgs', {
      times: 1,
      messages: [
        {
          errorCode: '340',
          errorMsg: 'Wrong IFSC provided in Beneficiary Details for BenefId B0001',
        },
        { errorCode: '341', errorMsg: 'Invalid amount' },
      ],
    });
    const r = await c.call('PD', p.pd);
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe(
      '340: Wrong IFSC provided in Beneficiary Details for BenefId B0001; 341: Invalid amount',
    );
  });

  it('missingFields → Response With Error naming the field', async () => {
    sandbox.faults.inject('PD', 'missingFields', { times: 1 });
    const r = await c.call('PD', p.pd);
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe('Invalid response: benfDtls[0].utrNo is required');
    expect(r.message).toBe('On call of PD API: Invalid response: benfDtls[0].utrNo is required');
  });

  it('unknownBenfId parses (the core matches benfIds to the PI): the stranger is in the data', async () => {
    sandbox.faults.inject('PD', 'unknownBenfId', { times: 1, billNo: p.billNo });
    const r = await c.call<PdData>('PD', p.pd);
    expect(r.outcome).toBe('OK');
    expect(r.data!.benfDtls.map((b) => b.benfId)).toContain('UNKNOWN-BENF-1');
  });

  it('duplicate replays the previous answer exactly', async () => {
    const first = await c.call('PD', p.pd);
    sandbox.faults.inject('PD', 'duplicate', { times: 1 });
    const again = await c.call('PD', p.pd);
    expect(again.outcome).toBe('OK');
    expect(again.response).toEqual(first.response);
  });

  it('a fault aimed at another bill leaves this one alone', async () => {
    sandbox.faults.inject('PD', 'http500', { billNo: 'PI-OTHER' });
    expect((await c.call('PD', p.pd)).outcome).toBe('OK');
  });

  it('FD with benfDtls [] or data [] (nothing failed) is a response without error; PD with data [] is No Response', async () => {
    const ok = await c.call<Array<{ benfDtls: unknown[] }>>('FD', p.fd);
    expect(ok.outcome).toBe('OK');
    expect(ok.data!.map((i) => i.benfDtls)).toEqual([[]]);
    sandbox.faults.inject('FD', 'emptyData', { times: 1 });
    const empty = await c.call('FD', p.fd);
    expect(empty).toMatchObject({ outcome: 'OK', data: [] });
    sandbox.faults.inject('PD', 'emptyData', { times: 1 });
    expect((await c.call('PD', p.pd)).outcome).toBe('NO_RESPONSE');
  });

  it('amounts arrive as paise', async () => {
    const r = await c.call<{ billNetAmount: number; totalNumberOfBeneficiary: number }>('PIS', {
      jitBillNo: p.billNo,
      jitBillDate: '2023-10-01',
      ssuIaId: 'SSU-ANGUL',
    });
    expect(r.data).toMatchObject({ billNetAmount: 300_000, totalNumberOfBeneficiary: 3 });
  });
});

describe('JitClient: login trouble', () => {
  it('a wrong secret → Response With Error from the treasury', async () => {
    const r = await client({ clientSecret: 'wrong' }).call('PD', {});
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe('Login failed: Invalid clientId or clientSecret');
    expect(r.errorDetail).toMatch(/login/);
  });

  it('a login that times out or fails with HTTP 500 → No Response', async () => {
    sandbox.faults.inject('LOGIN', 'timeout', { times: 1 });
    const slow = await client().call('PD', {});
    expect(slow.outcome).toBe('NO_RESPONSE');
    expect(slow.errorDetail).toMatch(/login: timeout/);
    sandbox.faults.inject('LOGIN', 'http500', { times: 1 });
    const broken = await client().call('PD', {});
    expect(broken.outcome).toBe('NO_RESPONSE');
    expect(broken.errorDetail).toBe('login: HTTP 500');
  });

  it('a key the treasury cannot unwrap → Response With Error', async () => {
    const other = crypto
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' });
    const r = await client({ publicKey: other.toString() }).call('PD', {});
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe('Login failed: Invalid appKey');
  });
});
