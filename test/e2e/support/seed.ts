// Realistic ledger content for the browser tests and the screenshots, written through the
// core's own writers (insertPi, logCall, setPiStatus, setBeneficiaryStatus). Fields the core
// writes from treasury answers (UTR, advice, failure reasons) are set the way the pollers do.
import type { App } from '../../../main/app';
import { logCall, setBeneficiaryStatus, setPiStatus } from '../../../main/core/pi/history';
import { insertPi } from '../../../main/core/pi/pi-store';
import { applyAllotments, type VaRow } from '../../../main/core/funds/allotments';
import type { CallResult } from '../../../main/jit/types';
import type { Conn } from '../../../main/ledger/conn';
import { outcomeMessage, type Outcome, type PiStatus, type Service } from '../../../shared/status';
import { samplePi } from '../../support/samples';

const MIN = 60_000;

export function callResult(
  service: Service,
  outcome: Outcome,
  at: number,
  opts: {
    jitError?: string;
    request?: unknown;
    response?: unknown;
    durationMs?: number;
    httpStatus?: number | null;
  } = {},
): CallResult {
  return {
    service,
    outcome,
    message: outcomeMessage(service, outcome, opts.jitError),
    jitError: opts.jitError,
    request: opts.request ?? { serviceId: service, params: {} },
    response: opts.response ?? null,
    httpStatus:
      opts.httpStatus === undefined ? (outcome === 'NO_RESPONSE' ? null : 200) : opts.httpStatus,
    startedAt: at,
    durationMs: opts.durationMs ?? 420,
    errorDetail: outcome === 'NO_RESPONSE' ? 'timeout after 30000 ms' : undefined,
  };
}

const NAMES = [
  'Sasmita Behera',
  'Prakash Nayak',
  'Rashmita Sahoo',
  'Bijay Kumar Pradhan',
  'Manoranjan Das',
  'Gitanjali Mohanty',
  'Subrat Rout',
  'Laxmipriya Swain',
  'Ramesh Chandra Jena',
  'Pramila Mallick',
  'Debasis Panda',
  'Sujata Barik',
];

interface Step {
  service: Service;
  outcome: Outcome;
  jitError?: string;
  to?: PiStatus;
  attempt?: number;
}

async function walk(
  tx: Conn,
  piId: number,
  billNo: string,
  steps: Step[],
  start: number,
): Promise<number> {
  let at = start;
  for (const s of steps) {
    at += 37 * MIN;
    const params = { jitBillNo: billNo, jitBillDate: '2023-10-02', ssuIaId: 'SSU-ANGUL' };
    const response =
      s.outcome === 'OK'
        ? {
            serviceId: s.service,
            errorMsg: null,
            errorMsgs: [],
            data: [{ jitBillNo: billNo, successCode: '0', sucessDescrp: 'Success' }],
          }
        : s.outcome === 'ERROR'
          ? { serviceId: s.service, errorMsg: s.jitError, errorMsgs: [], data: [] }
          : null;
    const callId = await logCall(
      tx,
      callResult(s.service, s.outcome, at, {
        jitError: s.jitError,
        request: { serviceId: s.service, params },
        response,
        durationMs: s.outcome === 'NO_RESPONSE' ? 30_000 : 310 + ((piId * 97 + at / MIN) % 1400),
      }),
      { piId, attempt: s.attempt ?? 1 },
    );
    if (s.to)
      await setPiStatus(
        tx,
        piId,
        s.to,
        at,
        `${s.service} ${s.outcome === 'OK' ? 'response' : 'error'}`,
        callId,
      );
  }
  return at;
}

export interface DemoIds {
  completed: number;
  declined: number;
  revision: number;
}

/** A ledger that looks like a few weeks of a ULB's payments. */
export async function seedDemo(app: App, now: number): Promise<DemoIds> {
  return app.ledger.write(async (tx) => {
    const day = 24 * 60 * MIN;
    const base = now - 18 * day;
    const hoa = '2217-05-191-2634-01-00-00-00';
    await tx.run(
      `INSERT INTO heads_of_account (hoa, tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date)
       VALUES (?, 'od.angul', 'DDO1013', 'GR1013', 'SSU-ANGUL', '2023-04-01 00:00:00')`,
      [hoa],
    );
    const pay = async (n: number, gross: number) =>
      (
        await tx.run(
          `INSERT INTO payments (payment_number, tenant_id, hoa, gross_paise, net_paise, imported_at)
           VALUES (?, 'od.angul', ?, ?, ?, ?)`,
          [`EP/2023-24/${String(n).padStart(6, '0')}`, hoa, gross, gross, base],
        )
      ).lastID;

    const mk = async (seq: number, n: number, amount: number, at: number) => {
      const bill = `PI-1013/2023-24/${String(seq).padStart(6, '0')}`;
      const pi = samplePi(bill, n, { status: 'Pending', hoa, billDate: '2023-10-02' });
      pi.beneficiaries = pi.beneficiaries.map((b, i) => ({
        ...b,
        name: NAMES[(seq + i) % NAMES.length]!,
        amountPaise: amount + ((seq * 7 + i * 13) % 5) * 25_050,
        status: 'Payment Initiated',
      }));
      pi.grossPaise = pi.beneficiaries.reduce((s, b) => s + b.amountPaise, 0);
      pi.netPaise = pi.grossPaise;
      pi.paymentId = await pay(seq, pi.grossPaise);
      const id = await insertPi(tx, pi, at);
      // The payment's own lines, as an import writes them, each linked to its PI row.
      await tx.run(
        `INSERT INTO payment_beneficiaries (payment_id, line_no, benef_id, name, account_no, ifsc, mobile, amount_paise)
         SELECT ?, row_number() OVER (ORDER BY id), benf_id, name, account_no, ifsc, mobile, amount_paise
           FROM beneficiaries WHERE pi_id = ?`,
        [pi.paymentId, id],
      );
      await tx.run(
        `UPDATE beneficiaries SET payment_beneficiary_id =
           (SELECT pb.id FROM payment_beneficiaries pb WHERE pb.payment_id = ? AND pb.benef_id = beneficiaries.benf_id)
         WHERE pi_id = ?`,
        [pi.paymentId, id],
      );
      return { id, bill };
    };

    // Older history, so the list has to scroll.
    const older: PiStatus[] = [
      'Completed',
      'Completed',
      'In Process',
      'Approved',
      'Completed',
      'Initiated',
      'Declined',
    ];
    for (let i = 0; i < 42; i++) {
      const status = older[i % older.length]!;
      const p = await mk(100 + i, 2 + (i % 9), 300_000 + (i % 5) * 112_500, base - (45 - i) * day);
      const steps: Step[] = [{ service: 'PI', outcome: 'OK', to: 'Initiated' }];
      if (status !== 'Initiated')
        steps.push({
          service: 'PIS',
          outcome: status === 'Declined' ? 'ERROR' : 'OK',
          to: status === 'Declined' ? 'Declined' : 'Approved',
          jitError:
            status === 'Declined'
              ? `This Bill Number ${p.bill} is rejected by SSU angul_op`
              : undefined,
        });
      if (status === 'In Process' || status === 'Completed')
        steps.push({ service: 'PAG', outcome: 'OK', to: 'In Process' });
      if (status === 'Completed') steps.push({ service: 'PD', outcome: 'OK', to: 'Completed' });
      await walk(tx, p.id, p.bill, steps, base - (45 - i) * day);
    }

    // A completed PI where the bank returned two credits as failed (FD).
    const done = await mk(180, 8, 1_250_000, base);
    await walk(
      tx,
      done.id,
      done.bill,
      [
        { service: 'PI', outcome: 'OK', to: 'Initiated' },
        { service: 'PIS', outcome: 'OK', to: 'Approved' },
        { service: 'PAG', outcome: 'NO_RESPONSE', attempt: 1 },
        { service: 'PAG', outcome: 'OK', to: 'In Process', attempt: 2 },
        { service: 'PD', outcome: 'OK', to: 'Completed' },
        { service: 'FD', outcome: 'OK' },
      ],
      base,
    );
    await tx.run(
      `UPDATE pis SET pmt_inst_id = 'PMI2023000458812', pay_inst_date = '2023-10-03', voucher_no = 'VCH/1013/0045871' WHERE id = ?`,
      [done.id],
    );
    await tx.run(
      `INSERT INTO payment_advice (pi_id, advice_id, advice_date, online_bill_ref_no, token_number, token_date, fin_year, received_at)
       VALUES (?, 'ADV20231004117', '2023-10-04', 'OBR/2023-24/0087712', 'TKN776142', '2023-10-04', '2023-24', ?)`,
      [done.id, base],
    );
    await tx.run(
      `UPDATE beneficiaries SET status = 'Payment Successful', voucher_no = 'VCH/1013/0045871',
              utr_no = 'SBIN' || (823100450000 + id), utr_date = '2023-10-05', end_to_end_id = 'E2E' || (90000 + id)
        WHERE pi_id = ?`,
      [done.id],
    );
    const failed = await tx.all<{ id: number }>(
      'SELECT id FROM beneficiaries WHERE pi_id = ? ORDER BY id LIMIT 3 OFFSET 2',
      [done.id],
    );
    const reasons = [
      'Account closed',
      'Invalid account number / account does not exist',
      'Beneficiary name mismatch',
    ];
    await setBeneficiaryStatus(
      tx,
      done.id,
      failed.map((f) => f.id),
      'Payment Failed',
      base + 6 * day,
      'FD response',
      null,
    );
    for (const [i, f] of failed.entries()) {
      await tx.run(
        `UPDATE beneficiaries SET failed_reason = ?, challan_number = ?, challan_date = '2023-10-09',
                org_bill_ref_no = 'OBR/2023-24/0087712' WHERE id = ?`,
        [reasons[i], `CHL/23/${40170 + i}`, f.id],
      );
    }
    // One of them is already being paid again through a revised PI.
    const first = await tx.get<{
      benf_id: string;
      name: string;
      account_no: string;
      ifsc: string;
      amount_paise: number;
    }>('SELECT benf_id, name, account_no, ifsc, amount_paise FROM beneficiaries WHERE id = ?', [
      failed[0]!.id,
    ]);
    const cor = samplePi('COR-1013/2023-24/000190', 1, {
      kind: 'COR',
      parentPiId: done.id,
      hoa,
      billDate: '2023-10-12',
      status: 'Initiated',
      grossPaise: first!.amount_paise,
      netPaise: first!.amount_paise,
      beneficiaries: [
        {
          benfId: first!.benf_id,
          name: first!.name,
          accountNo: '32011456789',
          ifsc: 'UBIN0553841',
          amountPaise: first!.amount_paise,
          status: 'Payment Initiated',
          parentBeneficiaryId: failed[0]!.id,
          orgAccountNo: first!.account_no,
          orgIfsc: first!.ifsc,
        },
      ],
    });
    const corId = await insertPi(tx, cor, base + 9 * day);
    await walk(
      tx,
      corId,
      cor.billNo,
      [
        { service: 'COR', outcome: 'OK' },
        { service: 'FTPS', outcome: 'NO_RESPONSE' },
      ],
      base + 9 * day,
    );

    const declined = await mk(181, 3, 845_000, base + day);
    await walk(
      tx,
      declined.id,
      declined.bill,
      [
        { service: 'PI', outcome: 'OK', to: 'Initiated' },
        {
          service: 'PIS',
          outcome: 'ERROR',
          to: 'Declined',
          jitError: `This Bill Number ${declined.bill} is rejected by SSU angul_op`,
        },
      ],
      base + day,
    );

    const approved = await mk(182, 12, 980_000, base + 2 * day);
    await walk(
      tx,
      approved.id,
      approved.bill,
      [
        { service: 'PI', outcome: 'OK', to: 'Initiated' },
        { service: 'PIS', outcome: 'OK', to: 'Approved' },
        { service: 'PAG', outcome: 'NO_RESPONSE', attempt: 3 },
      ],
      base + 2 * day,
    );
    await tx.run(
      `UPDATE pis SET pmt_inst_id = 'PMI2023000461190', pay_inst_date = '2023-10-06' WHERE id = ?`,
      [approved.id],
    );

    const inProcess = await mk(183, 5, 1_500_000, base + 3 * day);
    await walk(
      tx,
      inProcess.id,
      inProcess.bill,
      [
        { service: 'PI', outcome: 'OK', to: 'Initiated' },
        { service: 'PIS', outcome: 'OK', to: 'Approved' },
        { service: 'PAG', outcome: 'OK', to: 'In Process' },
        {
          service: 'PD',
          outcome: 'ERROR',
          jitError: 'No payment details found for bill reference OBR/2023-24/0088120',
        },
      ],
      base + 3 * day,
    );
    await setBeneficiaryStatus(
      tx,
      inProcess.id,
      'all',
      'Payment In Process',
      base + 4 * day,
      'PAG response',
      null,
    );

    const rejected = await mk(184, 4, 600_000, base + 4 * day);
    await walk(
      tx,
      rejected.id,
      rejected.bill,
      [
        {
          service: 'PI',
          outcome: 'ERROR',
          to: 'Failed',
          jitError: 'Wrong IFSC provided in Beneficiary Details for BenefId B0003',
        },
      ],
      base + 4 * day,
    );

    const initiated = await mk(185, 20, 450_000, base + 10 * day);
    await walk(
      tx,
      initiated.id,
      initiated.bill,
      [{ service: 'PI', outcome: 'OK', to: 'Initiated' }],
      base + 10 * day,
    );

    const pending = await mk(186, 7, 700_000, base + 16 * day);
    await walk(
      tx,
      pending.id,
      pending.bill,
      [{ service: 'PI', outcome: 'NO_RESPONSE', attempt: 2 }],
      base + 16 * day,
    );
    await tx.run(`UPDATE beneficiaries SET status = 'Payment Pending' WHERE pi_id = ?`, [
      pending.id,
    ]);

    // SMS for the paid and failed beneficiaries of the completed PI.
    await tx.run(
      `INSERT INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, status, attempts, created_at)
       SELECT id, CASE status WHEN 'Payment Failed' THEN 'FD' ELSE 'PD' END, utr_no, mobile,
              'Payment of Rs. ' || printf('%.2f', amount_paise / 100.0) || ' for MUKTA, transaction ' || utr_no ||
              CASE status WHEN 'Payment Failed' THEN ' is failed. Contact MUKTA Cell at ULB for more detail. MUKTA - Govt. of Odisha.'
                   ELSE ' is made to your registered bank account. Contact your bank if not credited within 72 hours. MUKTA - Govt. of Odisha.' END,
              CASE WHEN id % 4 = 0 THEN 'queued' ELSE 'sent' END, CASE WHEN id % 4 = 0 THEN 0 ELSE 1 END, ?
         FROM beneficiaries WHERE pi_id = ?`,
      [base + 6 * day, done.id],
    );
    return { completed: done.id, declined: declined.id, revision: corId };
  });
}

/** Funds on the demo's head of account: three sanctions with allotments and a withdrawal. */
export async function seedDemoFunds(app: App, now: number): Promise<void> {
  const head = {
    hoa: '2217-05-191-2634-01-00-00-00',
    tenantId: 'od.angul',
    ddoCode: 'DDO1013',
    granteeCode: 'GR1013',
    ssuIaId: 'SSU-ANGUL',
  };
  const row = (
    sl: number,
    type: string,
    rupees: number,
    dist: string,
    ssu: string,
    date: string,
  ): VaRow => ({
    ddoCode: 'DDO1013',
    schemeCode: 'MUKTA',
    schemeName: 'Mukhyamantri Karma Tatpara Abhiyan',
    allotmentDate: date,
    allotmentTxnSlNo: String(sl),
    allotmentAmount: rupees * 100,
    allotmentTxnType: type,
    mstAllotmentDistId: dist,
    ssuAllotmentId: ssu,
  });
  await app.ledger.write((tx) =>
    applyAllotments(
      tx,
      head,
      [
        row(1, 'Initial Allotment', 2_500_000, 'MAD-88421', 'SSUA-5512', '2023-04-12 11:20:00'),
        row(2, 'Additional allotment', 1_200_000, 'MAD-88421', 'SSUA-5512', '2023-07-03 16:05:00'),
        row(1, 'Initial Allotment', 800_000, 'MAD-88507', 'SSUA-5530', '2023-08-18 10:45:00'),
        row(3, 'Allotment withdrawal', 150_000, 'MAD-88421', 'SSUA-5512', '2023-09-29 12:00:00'),
        row(1, 'Additional allotment', 300_000, 'MAD-99999', 'SSUA-5601', '2023-10-10 09:30:00'),
      ],
      now,
    ),
  );
}
