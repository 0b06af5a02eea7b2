// The sandbox treasury walks PIs through their life on its own clock, spoken to by the real client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JitClient } from '../../main/jit/client';
import {
  isPisDecline,
  type FdData,
  type FtfpsData,
  type FtpsData,
  type PagData,
  type PdData,
  type PisData,
} from '../../main/jit/services';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { samplePiParams } from '../../sandbox/samples';

const T0 = Date.parse('2023-10-02T10:00:00+05:30');
const MIN = 60_000;
const BILL_DATE = '2023-10-01';

let sandbox: Sandbox;
let jit: JitClient;

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      seed: 11,
      ssuName: 'angul_op',
      delays: {
        approveAfterMs: 10 * MIN,
        adviceAfterMs: 20 * MIN,
        paidAfterMs: 30 * MIN,
        failedAfterMs: 60 * MIN,
      },
      decline: { billNoPattern: '/0+666$' },
      fail: { accountSuffixes: ['99'], reason: 'Account closed or transferred' },
      holdBack: { every: 2, extraMs: 120 * MIN },
    },
  });
  jit = new JitClient({
    baseUrl: sandbox.baseUrl,
    ...sandbox.credentials,
    publicKey: sandbox.credentials.publicKeyPem,
    sessionMaxAgeMs: Number.MAX_SAFE_INTEGER,
  });
});

afterAll(async () => {
  await jit.close();
  await sandbox.close();
});

const call = <T>(service: Parameters<JitClient['call']>[0], params: object) =>
  jit.call<T>(service, params as Record<string, unknown>);

/** Accounts: beneficiary 2 and 5 end in 99 (they fail), the rest are fine. */
const account = (i: number) =>
  `2000000${String(i + 1).padStart(3, '0')}${i === 1 || i === 4 ? '99' : '10'}`;

describe('sandbox lifecycle: PI → PIS → PAG → PD → FD → COR → FTPS → FTFPS', () => {
  const billNo = 'PI-1013/2023-24/000101';
  const pi = samplePiParams(billNo, 20, { account, amount: '1000.50' });
  let pis: PisData;
  let pag: PagData;

  it('accepts the push, idempotently, and refuses other content under the same number', async () => {
    const first = await call('PI', pi);
    expect(first.outcome).toBe('OK');
    const again = await call('PI', pi);
    expect(again.outcome).toBe('OK');
    expect(again.response).toEqual(first.response);
    const changed = await call('PI', { ...pi, purpose: 'Something else' });
    expect(changed.outcome).toBe('ERROR');
    expect(changed.jitError).toBe(
      `346: Bill Number ${billNo} already exists with different details`,
    );
  });

  it('PIS says "pending" until approveAfterMs, then approves', async () => {
    const early = await call<PisData>('PIS', {
      jitBillNo: billNo,
      jitBillDate: BILL_DATE,
      ssuIaId: 'SSU-ANGUL',
    });
    expect(early.outcome).toBe('ERROR');
    expect(early.jitError).toBe(`Bill Number ${billNo} is pending for approval at SSU`);
    expect(isPisDecline(early, billNo)).toBe(false);
    sandbox.clock.advance(10 * MIN);
    const r = await call<PisData>('PIS', {
      jitBillNo: billNo,
      jitBillDate: BILL_DATE,
      ssuIaId: 'SSU-ANGUL',
    });
    expect(r.outcome).toBe('OK');
    pis = r.data!;
    expect(pis).toMatchObject({
      jitBillNumber: billNo,
      billNetAmount: 20 * 100_050,
      totalNumberOfBeneficiary: 20,
    });
    expect(pis.payInstDate).toBe('2023-10-02');
  });

  it('PAG answers the advice after adviceAfterMs, amounts in paise', async () => {
    const params = {
      pmtInstId: pis.pmtInstId,
      pmtInstDate: pis.payInstDate,
      billNo,
      billDate: BILL_DATE,
      ssuIaId: 'SSU-ANGUL',
    };
    expect((await call('PAG', params)).jitError).toBe(
      `Payment advice is not yet generated for Bill Number ${billNo}`,
    );
    sandbox.clock.advance(20 * MIN);
    const r = await call<PagData>('PAG', params);
    expect(r.outcome).toBe('OK');
    pag = r.data!;
    expect(pag.finYear).toBe('2023-24');
    expect(pag.benfList).toHaveLength(20);
    expect(pag.benfList.every((b) => b.amount === 100_050)).toBe(true);
  });

  it('PD reports the paid beneficiaries: some held back first, then all', async () => {
    const params = {
      finYear: pag.finYear,
      extAppName: 'MUKTA',
      billRefNo: pag.onlineBillRefNo,
      tokenNumber: pag.tokenNumber,
      tokenDate: pag.tokenDate,
    };
    const early = await call('PD', params);
    expect(early.outcome).toBe('ERROR');
    sandbox.clock.advance(30 * MIN);
    const partial = await call<PdData>('PD', params);
    expect(partial.outcome).toBe('OK');
    const n = partial.data!.benfDtls.length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(20);
    sandbox.clock.advance(120 * MIN);
    const full = await call<PdData>('PD', params);
    expect(full.data!.benfDtls).toHaveLength(20);
    expect(new Set(full.data!.benfDtls.map((b) => b.utrNo)).size).toBe(20);
    // the same question gets the same UTRs
    expect((await call<PdData>('PD', params)).data).toEqual(full.data);
  });

  it('FD reports the failed accounts (rule: ending in 99) with reason, challan and original bill ref', async () => {
    sandbox.clock.advance(60 * MIN);
    const r = await call<FdData>('FD', {
      billno: billNo,
      billDate: BILL_DATE,
      adviceId: pag.adviceId,
      onlineBillRefNo: pag.onlineBillRefNo,
      tokenNo: pag.tokenNumber,
      tokenDate: pag.tokenDate,
    });
    expect(r.outcome).toBe('OK');
    expect(r.data).toHaveLength(1);
    const item = r.data![0]!;
    expect(item.billNumber).toBe(billNo);
    expect(item.benfDtls.map((b) => b.benfId).sort()).toEqual(['B0002', 'B0005']);
    for (const b of item.benfDtls) {
      expect(b).toMatchObject({
        failedReason: 'Account closed or transferred',
        orgBillRefNumber: pag.onlineBillRefNo,
      });
      expect(b.challanNumber).toMatch(/^CHL\d+$/);
    }
  });

  describe('revised PI', () => {
    const corNo = 'COR-1013/2023-24/000190';
    const cor = () => ({
      jitCorBillNo: corNo,
      jitCorBillDate: '2023-10-03',
      jitCorBillDeptCode: 'MUKTA',
      jitOrgBillNo: billNo,
      jitOrgBillDate: BILL_DATE,
      jitOrgBillRefNo: pag.onlineBillRefNo,
      beneficiaryDtls: [
        { id: 'B0002', fixed: '30000000012' },
        { id: 'B0005', fixed: '30000000099' },
      ].map(({ id, fixed }) => ({
        benefId: id,
        jitCurBillRefNo: pag.onlineBillRefNo,
        orgAccountNo: account(Number(id.slice(1)) - 1),
        orgIfsc: 'SBIN0003491',
        curAccountNo: account(Number(id.slice(1)) - 1),
        curIfsc: 'SBIN0003491',
        correctedAccountNo: fixed,
        correctedIfsc: 'SBIN0003491',
      })),
    });

    it('COR refuses a wrong original bill ref and a beneficiary that did not fail', async () => {
      const wrongRef = await call('COR', { ...cor(), jitOrgBillRefNo: 'OBR000' });
      expect(wrongRef.outcome).toBe('ERROR');
      expect(wrongRef.jitError).toContain('Invalid jitOrgBillRefNo');
      const notFailed = cor();
      notFailed.beneficiaryDtls[0]!.benefId = 'B0001';
      const r = await call('COR', notFailed);
      expect(r.outcome).toBe('ERROR');
      expect(r.jitError).toContain('350: BenefId B0001 has no failed payment');
    });

    it('COR → FTPS pays the corrected accounts → FTFPS fails the one still matching the rule', async () => {
      const accepted = await call('COR', cor());
      expect(accepted.outcome).toBe('OK');
      expect(accepted.data).toMatchObject({ jitCorBillNo: corNo, successCode: '0' });
      const ftpsParams = {
        jitCorBillNo: corNo,
        jitCorBillDate: '2023-10-03',
        jitCorBillDeptCode: 'MUKTA',
        jitOrgBillNo: billNo,
        jitOrgBillRefNo: pag.onlineBillRefNo,
        jitOrgBillDate: BILL_DATE,
      };
      expect((await call('FTPS', ftpsParams)).outcome).toBe('ERROR');
      sandbox.clock.advance(60 * MIN + 120 * MIN);
      const paid = await call<FtpsData>('FTPS', ftpsParams);
      expect(paid.outcome).toBe('OK');
      const d = paid.data!;
      expect(d).toMatchObject({ jitCorBillNo: corNo, jitOrgBillRefNo: pag.onlineBillRefNo });
      expect(d.billRefNo).not.toBe(pag.onlineBillRefNo);
      expect(d.benfDtls.map((b) => b.benfAcctNo).sort()).toEqual(['30000000012', '30000000099']);
      sandbox.clock.advance(60 * MIN);
      const failed = await call<FtfpsData>('FTFPS', {
        jitCorBillNo: corNo,
        jitCorBillDate: '2023-10-03',
        billRefNo: d.billRefNo,
        tokenNumber: d.tokenNumber,
        tokenDate: d.tokenDate,
      });
      expect(failed.outcome).toBe('OK');
      const item = failed.data![0]!;
      expect(item.jitCorBillNo).toBe(corNo);
      expect(item.benfDtls.map((b) => [b.benfId, b.benfAcctNo])).toEqual([
        ['B0005', '30000000099'],
      ]);
      expect(item.benfDtls[0]!.orgBillRefNumber).toBe(pag.onlineBillRefNo);
    });
  });
});

describe('sandbox rules', () => {
  it('declines bills matched by the scenario: an error naming the bill and "rejected"', async () => {
    const billNo = 'PI-1013/2023-24/000666';
    expect((await call('PI', samplePiParams(billNo, 2))).outcome).toBe('OK');
    sandbox.clock.advance(10 * MIN);
    const r = await call('PIS', {
      jitBillNo: billNo,
      jitBillDate: BILL_DATE,
      ssuIaId: 'SSU-ANGUL',
    });
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe(`This Bill Number ${billNo} is rejected by SSU angul_op`);
    expect(isPisDecline(r, billNo)).toBe(true);
    expect(isPisDecline(r, 'PI-1013/2023-24/000667')).toBe(false);
  });

  it('refuses a push with a bad IFSC, amounts that do not add up or a wrong count, with codes', async () => {
    const bad = samplePiParams('PI-1013/2023-24/000102', 3);
    bad.beneficiaryDetails[1]!.benfBankIfscCode = 'SBIN003491';
    bad.billNetAmount = '2999.00';
    bad.billNumberOfBenf = 4;
    const r = await call('PI', bad);
    expect(r.outcome).toBe('ERROR');
    expect(r.jitError).toBe(
      '340: Wrong IFSC provided in Beneficiary Details for BenefId B0002; ' +
        '343: Number of beneficiaries 3 does not match billNumberOfBenf 4; ' +
        '342: Sum of beneficiary amounts does not match billNetAmount',
    );
    // a refused push does not use up the number
    expect((await call('PI', samplePiParams('PI-1013/2023-24/000102', 3))).outcome).toBe('OK');
  });

  it('seedBills preloads accepted PIs that PIS then approves; stats count calls per service', async () => {
    const bills = Array.from({ length: 1000 }, (_, i) =>
      samplePiParams(`PI-9999/2023-24/${String(i).padStart(6, '0')}`, 2),
    );
    sandbox.seedBills(bills);
    expect(() => sandbox.seedBills([{ ...bills[0]!, purpose: 'other' }])).toThrow(/346/);
    const before = sandbox.stats().calls.PIS;
    sandbox.clock.advance(10 * MIN);
    const r = await call<PisData>('PIS', {
      jitBillNo: 'PI-9999/2023-24/000999',
      jitBillDate: BILL_DATE,
      ssuIaId: 'SSU-ANGUL',
    });
    expect(r.outcome).toBe('OK');
    expect(sandbox.stats().calls.PIS).toBe(before + 1);
  });

  it('moves its clock through the admin route', async () => {
    const before = sandbox.clock.now();
    const res = await fetch(new URL('/sandbox/advance?ms=60000', sandbox.baseUrl), {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { now: number }).now).toBe(before + 60_000);
    expect(sandbox.clock.now()).toBe(before + 60_000);
  });
});
