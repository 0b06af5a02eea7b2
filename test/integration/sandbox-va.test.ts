// VA: allotments after fromDate, appearing as the sandbox clock reaches them; amounts in paise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JitClient } from '../../main/jit/client';
import type { VaData } from '../../main/jit/services';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { loadScenario } from '../../sandbox/scenario';

const T0 = Date.parse('2023-10-02T10:00:00+05:30');
const HOUR = 3_600_000;
const KEY = { hoa: '2217-05-191-2634-01-00-00-00', ddoCode: 'DDO1013', granteCode: 'GR1013' };
const base = {
  ...KEY,
  schemeCode: 'MUKTA',
  ssuId: 'SSU-ANGUL',
  mstAllotmentDistId: 'MAD-1',
  allotmentTxnType: 'Initial Allotment',
};

let sandbox: Sandbox;
let jit: JitClient;

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      allotments: [
        {
          ...base,
          allotmentDate: '2023-09-01 10:00:00',
          allotmentTxnSlNo: '1',
          allotmentAmount: '500000',
          ssuAllotmentId: 'A1',
        },
        {
          ...base,
          allotmentDate: '2023-10-01 09:30:00',
          allotmentTxnSlNo: '2',
          allotmentAmount: 2500.5,
          ssuAllotmentId: 'A2',
          allotmentTxnType: 'Additional allotment',
        },
        {
          ...base,
          afterStartMs: 2 * HOUR,
          allotmentTxnSlNo: '3',
          allotmentAmount: '100.25',
          ssuAllotmentId: 'A3',
        },
        {
          ...base,
          ddoCode: 'DDO2045',
          allotmentDate: '2023-10-01 09:30:00',
          allotmentTxnSlNo: '1',
          allotmentAmount: '1',
          ssuAllotmentId: 'B1',
        },
        {
          ...base,
          granteCode: 'BAD',
          allotmentDate: '2023-10-01 09:30:00',
          allotmentTxnSlNo: '1',
          allotmentAmount: '1000.505',
          ssuAllotmentId: 'C1',
        },
      ],
    },
  });
  jit = new JitClient({
    baseUrl: sandbox.baseUrl,
    ...sandbox.credentials,
    publicKey: sandbox.credentials.publicKeyPem,
  });
});

afterAll(async () => {
  await jit.close();
  await sandbox.close();
});

describe('sandbox VA', () => {
  it('the default demo scenario parses and has funds for the sample head of account', () => {
    const demo = loadScenario();
    expect(
      demo.allotments.filter((a) => a.hoa === KEY.hoa && a.ddoCode === KEY.ddoCode).length,
    ).toBeGreaterThan(1);
    expect(demo.delays.approveAfterMs).toBeGreaterThan(0);
  });

  it('returns only allotments after fromDate for that key, amounts as paise', async () => {
    const r = await jit.call<VaData>('VA', { ...KEY, fromDate: '2023-09-15 00:00:00' });
    expect(r.outcome).toBe('OK');
    expect(r.data!.map((a) => [a.ssuAllotmentId, a.allotmentAmount])).toEqual([['A2', 250_050]]);
    const all = await jit.call<VaData>('VA', { ...KEY, fromDate: '2023-04-01 00:00:00' });
    expect(all.data!.map((a) => a.ssuAllotmentId)).toEqual(['A1', 'A2']);
  });

  it('has nothing new → an error saying so; a later allotment appears when the clock reaches it', async () => {
    const none = await jit.call('VA', { ...KEY, fromDate: '2023-10-01 09:30:00' });
    expect(none.outcome).toBe('ERROR');
    expect(none.jitError).toContain('No allotment found');
    sandbox.clock.advance(2 * HOUR);
    const r = await jit.call<VaData>('VA', { ...KEY, fromDate: '2023-10-01 09:30:00' });
    expect(r.data!.map((a) => [a.ssuAllotmentId, a.allotmentAmount, a.allotmentDate])).toEqual([
      ['A3', 10_025, '2023-10-02 12:00:00'],
    ]);
  });

  it('an amount with three decimals breaks the schema → Response With Error', async () => {
    const r = await jit.call('VA', { ...KEY, granteCode: 'BAD', fromDate: '2023-04-01 00:00:00' });
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toMatch(
      /^Invalid response: data\[0\]\.allotmentAmount is not an amount with at most two decimals/,
    );
    expect(r.data).toBeUndefined();
  });
});
