// The program-service exchange over HTTP: the console's exchange server, the peer simulator as
// a separate process, the sandbox treasury over 127.0.0.1, the real engine on the sandbox clock.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { savePeer } from '../../main/core/exchange/peers';
import { runCheck } from '../../main/core/funds/check';
import type { Service } from '../../shared/status';
import { HEADS, HOA, T0 } from './funds-support';
import { PEER_ID, startPeerProcess, until, type PeerProcess } from '../support/peer-process';

const MIN = 60_000;
const dir = tempDir();
let sandbox: Sandbox;
let app: App;
let peer: PeerProcess;

const allotment = (sl: string, type: string, amount: string, afterStartMs: number) => ({
  hoa: HOA,
  ddoCode: 'DDO1013',
  granteCode: 'GR1013',
  schemeCode: 'MUKTA',
  schemeName: 'Mukhyamantri Karma Tatpara Abhiyan',
  ssuId: 'SSU-ANGUL',
  afterStartMs,
  allotmentTxnSlNo: sl,
  allotmentAmount: amount,
  allotmentTxnType: type,
  mstAllotmentDistId: 'MAD-1013-01',
  ssuAllotmentId: `SSUA-1013-000${sl}`,
});

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      seed: 7,
      delays: {
        approveAfterMs: 10 * MIN,
        adviceAfterMs: 20 * MIN,
        paidAfterMs: 30 * MIN,
        failedAfterMs: 60 * MIN,
      },
      fail: { accountSuffixes: ['99'], reason: 'Account closed or transferred' },
      allotments: [
        allotment('1', 'Initial Allotment', '1000.00', 0),
        allotment('2', 'Additional allotment', '500.50', 0),
        allotment('3', 'Allotment Withdrawal', '100', 0),
      ],
    },
  });
  app = await openApp({
    dbPath: path.join(dir, 'exchange.db'),
    treasury: new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
      timeoutMs: 2_000,
      now: () => sandbox.clock.now(),
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
    exchange: { pollMs: 50, delivery: { baseMs: 50, maxMs: 200, timeoutMs: 2_000 } },
  });
  await registerHeadsOfAccount(app.ledger, HEADS);
  const status = await app.exchange.start({ port: 0 });
  peer = await startPeerProcess({
    dir,
    consoleUrl: status.url!,
    consolePublicKey: status.publicKey!,
  });
  await savePeer(app, { peerId: PEER_ID, uri: peer.url, publicKey: peer.publicKey });
});

afterAll(async () => {
  await peer?.stop();
  await app?.close();
  await sandbox?.close();
});

const run = (service: Service) => app.engine.run(service, { trigger: 'manual' });
const n = async (sql: string, params: unknown[] = []) =>
  (await app.ledger.read.get<{ n: number }>(sql, params))!.n;
const counts = async () => ({
  programs: await n('SELECT count(*) AS n FROM exchange_programs'),
  payments: await n('SELECT count(*) AS n FROM payments'),
  pis: await n('SELECT count(*) AS n FROM pis'),
  disbursements: await n('SELECT count(*) AS n FROM exchange_disbursements'),
  outgoing: await n(`SELECT count(*) AS n FROM exchange_messages WHERE direction = 'out'`),
});
const callbacks = async (endpointPrefix: string) =>
  (await peer.received()).filter((r) => r.endpoint.startsWith(endpointPrefix));
const delivered = () =>
  until(
    'the outbox to empty',
    () =>
      n(`SELECT count(*) AS n FROM exchange_messages WHERE direction = 'out' AND state = 'queued'`),
    (q) => q === 0,
  );

let programCode = '';

const disburse = (target: string, children: Array<[string, string, string]>) => ({
  target_id: target,
  location_code: 'od.angul',
  program_code: programCode,
  net_amount: children.reduce((s, c) => s + Number(c[2]), 0),
  gross_amount: children.reduce((s, c) => s + Number(c[2]), 0),
  children: children.map(([id, account, amount], i) => ({
    target_id: id,
    individual: { name: `Wage Seeker ${i + 1}`, phone: '9876500001', address: 'Angul' },
    account_code: `${account}@SBIN0003491`,
    net_amount: Number(amount),
    gross_amount: Number(amount),
  })),
});

describe('program-service exchange over HTTP', () => {
  it('program/_create makes a program and answers on-program/_create with its code', async () => {
    const res = await peer.send({
      endpoint: 'program/_create',
      message: {
        location_code: 'od.angul',
        name: 'MUKTA wages',
        description: 'Wage seekers',
        start_date: 1696118400,
      },
    });
    expect(res.status).toBe(200);
    const [cb] = await until(
      'on-program/_create',
      () => callbacks('on-program/_create'),
      (c) => c.length === 1,
    );
    expect(cb!.signatureValid).toBe(true);
    expect(cb!.header).toMatchObject({
      message_type: 'on-program',
      action: 'create',
      receiver_id: PEER_ID,
    });
    programCode = String(cb!.message.program_code);
    expect(programCode).toMatch(/^PORG\/2023-24\/OD\.ANGUL\/00001$/);
  });

  it('VA allotments become a sanction and allocations sent to the peer, equal to the funds ledger', async () => {
    await run('VA');
    const [sanction] = await until(
      'on-sanction/_create',
      () => callbacks('on-sanction/_create'),
      (c) => c.length === 1,
    );
    expect(sanction!.message).toMatchObject({ program_code: programCode, net_amount: 1000 });
    const allocations = await until(
      'on-allocation/_create',
      () => callbacks('on-allocation/_create'),
      (c) => c.length === 2,
    );
    expect(allocations.map((a) => [a.message.type, a.message.net_amount])).toEqual([
      ['ALLOCATION', 500.5],
      ['DEDUCTION', 100],
    ]);
    expect((await runCheck(app)).breaches).toEqual([]);
    // Break the mirror on purpose: the check must see it.
    await app.ledger.write((tx) =>
      tx.run('UPDATE exchange_sanctions SET amount_paise = amount_paise + 1'),
    );
    expect((await runCheck(app)).breaches.map((b) => b.kind)).toContain('exchange');
    await app.ledger.write((tx) =>
      tx.run('UPDATE exchange_sanctions SET amount_paise = amount_paise - 1'),
    );
  });

  it.each([
    ['a tampered signature', { tamper: 'signature' as const }, 401, 'SIGNATURE_ERROR', 'invalid'],
    [
      'a body changed after signing',
      { tamper: 'message' as const },
      401,
      'SIGNATURE_ERROR',
      'invalid',
    ],
    [
      'an unknown sender',
      { header: { sender_id: 'stranger@http://10.0.0.9' } },
      401,
      'UNKNOWN_SENDER',
      'unknown sender',
    ],
    ['a wrong action', { header: { action: 'update' } }, 400, 'ACTION_ERROR', 'not checked'],
    [
      'a wrong message_type',
      { header: { message_type: 'program' } },
      400,
      'MESSAGE_TYPE_ERROR',
      'not checked',
    ],
    [
      'sender = receiver',
      { header: { sender_id: 'payments@http://127.0.0.1' } },
      400,
      'RECEIVER_ID_SENDER_ID_ERROR',
      'not checked',
    ],
    [
      'another receiver',
      { header: { receiver_id: 'other@http://x' } },
      400,
      'RECEIVER_ID_ERROR',
      'not checked',
    ],
    [
      'an id without @',
      { header: { sender_id: 'works' } },
      400,
      'MALFORMED_MESSAGE',
      'not checked',
    ],
    [
      'an unknown program',
      { program: 'PORG/2023-24/OD.ANGUL/09999' },
      400,
      'UNKNOWN_PROGRAM',
      'valid',
    ],
    ['a bad IFSC', { ifsc: 'SBIN3491' }, 400, 'VALIDATION_ERROR', 'valid'],
    ['an IFSC of no bank', { ifsc: 'TIBN0000000' }, 400, 'VALIDATION_ERROR', 'valid'],
    ['an IFSC with O for 0', { ifsc: 'SBIN0OO3491' }, 400, 'VALIDATION_ERROR', 'valid'],
    ['a missing amount', { dropAmount: true }, 400, 'VALIDATION_ERROR', 'valid'],
    [
      'a body that is not JSON',
      { raw: '{"header": nope' },
      400,
      'MALFORMED_MESSAGE',
      'not checked',
    ],
  ])('%s is refused with its code and applies nothing', async (_name, how, status, code, check) => {
    const before = await counts();
    const message = disburse('EP/REFUSED/1', [['R-1', '300012345610', '10']]) as Record<
      string,
      unknown
    >;
    const h = how as Record<string, unknown>;
    if (h.program) message.program_code = h.program;
    if (h.ifsc)
      (message.children as Array<Record<string, unknown>>)[0]!.account_code =
        `300012345610@${h.ifsc}`;
    if (h.dropAmount) delete message.net_amount;
    const res = await peer.send({
      endpoint: 'disburse/_create',
      message,
      tamper: h.tamper as never,
      header: h.header as never,
      raw: h.raw as never,
    });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ errors: [{ code, message: expect.any(String) }] });
    expect(await counts()).toEqual(before);
    const logged = await app.ledger.read.get<{ state: string; check: string; code: string }>(
      `SELECT state, signature_check AS "check", error_code AS code FROM exchange_messages WHERE direction = 'in' ORDER BY id DESC LIMIT 1`,
    );
    expect(logged).toEqual({ state: 'refused', check, code });
  });

  it('the same message_id twice is answered as the first time and applied once', async () => {
    const before = await counts();
    const first = await peer.send({
      endpoint: 'program/_create',
      message: { location_code: 'od.angul,works', name: 'Vendors', start_date: 1696118400 },
    });
    const again = await peer.send({
      endpoint: 'program/_create',
      message: null,
      repeat: String(first.header!.message_id),
    });
    expect(again).toMatchObject({ status: first.status, body: first.body });
    expect((await counts()).programs).toBe(before.programs + 1);
    const states = await app.ledger.read.all<{ state: string }>(
      `SELECT state FROM exchange_messages WHERE direction = 'in' AND message_id = ? ORDER BY id`,
      [first.header!.message_id],
    );
    expect(states.map((s) => s.state)).toEqual(['applied', 'duplicate']);
    await delivered();
    const onCreate = (await callbacks('on-program/_create')).filter(
      (c) => c.message.name === 'Vendors',
    );
    expect(onCreate).toHaveLength(1);
  });

  it('disburse → PI → PAG → PD → FD: every on-disburse in order, the failed beneficiary with its reason', async () => {
    const res = await peer.send({
      endpoint: 'disburse/_create',
      message: disburse('EP/0/2023-24/10/02/000001', [
        ['B-1', '300012345610', '100.50'],
        ['B-2', '300012345699', '200'],
      ]),
    });
    expect(res).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    const pi = await until(
      'the PI to be accepted',
      () =>
        app.ledger.read.get<{ id: number; status: string }>(
          `SELECT id, status FROM pis ORDER BY id DESC LIMIT 1`,
        ),
      (p) => p?.status === 'Initiated',
    );
    // The same target while it is live is refused, through its on-disburse/_create.
    const dup = await peer.send({
      endpoint: 'disburse/_create',
      message: disburse('EP/0/2023-24/10/02/000001', [['B-1', '300012345610', '100.50']]),
    });
    expect(dup.status).toBe(200);
    for (const [advance, service] of [
      [10, 'PIS'],
      [20, 'PAG'],
      [30, 'PD'],
      [60, 'FD'],
    ] as const) {
      sandbox.clock.advance(advance * MIN);
      await run(service);
    }
    await delivered();
    const target = (c: { message: Record<string, unknown> }) =>
      c.message.target_id === 'EP/0/2023-24/10/02/000001';
    const all = (await peer.received()).filter(
      (c) => c.endpoint.startsWith('on-disburse/') && target(c),
    );
    expect(all.every((c) => c.signatureValid && !c.repeat)).toBe(true);
    const creates = all.filter((c) => c.endpoint === 'on-disburse/_create');
    expect(creates.map((c) => (c.message.status as { status_code: string }).status_code)).toEqual([
      'INITIATED',
      'FAILED',
    ]);
    expect((creates[1]!.message.status as { status_message: string }).status_message).toMatch(
      /^DISBURSEMENT_ALREADY_PRESENT_ERROR/,
    );
    const updates = all.filter((c) => c.endpoint === 'on-disburse/_update');
    const codes = (c: (typeof updates)[number]) => [
      (c.message.status as { status_code: string }).status_code,
      ...(c.message.children as Array<{ status: { status_code: string } }>).map(
        (x) => x.status.status_code,
      ),
    ];
    expect(updates.map(codes)).toEqual([
      ['INPROCESS', 'INITIATED', 'INITIATED'],
      ['INPROCESS', 'INPROCESS', 'INPROCESS'],
      ['INPROCESS', 'SUCCESSFUL', 'SUCCESSFUL'],
      ['SUCCESSFUL', 'SUCCESSFUL', 'SUCCESSFUL'],
      ['PARTIAL', 'SUCCESSFUL', 'FAILED'],
    ]);
    const last = updates.at(-1)!.message as {
      children: Array<{ target_id: string; utr_no: string; status: { status_message: string } }>;
    };
    expect(last.children[1]).toMatchObject({
      target_id: 'B-2',
      status: { status_message: 'Account closed or transferred' },
    });
    expect(last.children[0]!.utr_no).toEqual(expect.any(String));
    // Callbacks arrive in the order the changes happened.
    const seqs = all.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await n('SELECT count(*) AS n FROM pis WHERE id = ?', [pi!.id])).toBe(1);
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('a disbursement beyond the funds is refused through on-disburse/_create and leaves no payment', async () => {
    const before = await counts();
    await peer.send({
      endpoint: 'disburse/_create',
      message: disburse('EP/BIG/1', [['G-1', '300012345610', '99999']]),
    });
    await delivered();
    const [cb] = (await callbacks('on-disburse/_create')).filter(
      (c) => c.message.target_id === 'EP/BIG/1',
    );
    expect(cb!.message.status).toMatchObject({
      status_code: 'FAILED',
      status_message: expect.stringMatching(/^FUNDS_ERROR: Not enough funds/),
    });
    const after = await counts();
    expect([after.payments, after.pis]).toEqual([before.payments, before.pis]);
  });

  it('a PI the treasury refuses reports FAILED with its reason; the same target may then come again and gets a new PI', async () => {
    sandbox.faults.inject('PI', 'errorMsgs', {
      times: 1,
      messages: [
        {
          errorCode: '340',
          errorMsg: 'Wrong IFSC provided in Beneficiary Details for BenefId F-1',
        },
      ],
    });
    const message = disburse('EP/FAIL/1', [['F-1', '300012345630', '7']]);
    await peer.send({ endpoint: 'disburse/_create', message });
    const failed = await until(
      'the refused PI to be reported',
      () => callbacks('on-disburse/_update'),
      (c) => c.some((x) => x.message.target_id === 'EP/FAIL/1'),
    );
    const report = failed.find((x) => x.message.target_id === 'EP/FAIL/1')!.message;
    expect(report.status).toMatchObject({
      status_code: 'FAILED',
      status_message: expect.stringMatching(/Wrong IFSC/),
    });
    await peer.send({ endpoint: 'disburse/_create', message });
    const pis = await until(
      'a second PI for the same payment',
      () =>
        app.ledger.read.all<{ status: string }>(
          `SELECT p.status FROM pis p JOIN payments pay ON pay.id = p.payment_id WHERE pay.payment_number = 'EP/FAIL/1' ORDER BY p.id`,
        ),
      (r) => r.length === 2 && r[1]!.status === 'Initiated',
    );
    expect(pis.map((p) => p.status)).toEqual(['Failed', 'Initiated']);
    await delivered();
    const creates = (await callbacks('on-disburse/_create')).filter(
      (c) => c.message.target_id === 'EP/FAIL/1',
    );
    expect(creates.map((c) => (c.message.status as { status_code: string }).status_code)).toEqual([
      'INITIATED',
      'INITIATED',
    ]);
    expect(await n(`SELECT count(*) AS n FROM payments WHERE payment_number = 'EP/FAIL/1'`)).toBe(
      1,
    );
  });

  it('the peer down for a while: its callbacks wait, retried with backoff, then each arrives once, in order', async () => {
    await peer.down('503');
    const res = await peer.send({
      endpoint: 'disburse/_create',
      message: disburse('EP/DOWN/1', [['D-1', '300012345620', '5']]),
    });
    expect(res.status).toBe(200);
    await peer.send({
      endpoint: 'program/_update',
      message: { program_code: programCode, description: 'Wage seekers, Angul' },
    });
    await until(
      'a few failed attempts',
      () =>
        app.ledger.read.get<{ attempts: number }>(
          `SELECT max(attempts) AS attempts FROM exchange_messages WHERE direction = 'out' AND state = 'queued'`,
        ),
      (r) => (r?.attempts ?? 0) >= 3,
    );
    const queued = await app.ledger.read.all<{ messageId: string }>(
      `SELECT message_id AS messageId FROM exchange_messages WHERE direction = 'out' AND state = 'queued' ORDER BY id`,
    );
    expect(queued.length).toBeGreaterThanOrEqual(2);
    await peer.up();
    await delivered();
    const got = await peer.received();
    for (const q of queued)
      expect(got.filter((g) => g.header.message_id === q.messageId)).toHaveLength(1);
    const order = queued.map((q) => got.find((g) => g.header.message_id === q.messageId)!.seq);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(got.some((g) => g.repeat)).toBe(false);
  });

  it("answers every other endpoint: searches and the peer's on-* messages", async () => {
    const ok = async (
      endpoint: Parameters<PeerProcess['send']>[0]['endpoint'],
      message: unknown,
    ) => {
      const res = await peer.send({ endpoint, message });
      expect({ endpoint, status: res.status }).toEqual({ endpoint, status: 200 });
      return res.body as { message?: Array<Record<string, unknown>> };
    };
    expect((await ok('program/_search', { location_code: 'od.angul' })).message).toHaveLength(1);
    const sanctions = (await ok('sanction/_search', { program_code: programCode })).message!;
    expect(sanctions).toMatchObject([
      { program_code: programCode, net_amount: 1000, allocated_amount: 1400.5 },
    ]);
    const sanctionId = String(sanctions[0]!.id);
    expect((await ok('allocation/_search', { sanction_id: sanctionId })).message).toHaveLength(2);
    const found = (await ok('disburse/_search', { target_id: 'EP/0/2023-24/10/02/000001' }))
      .message!;
    expect(found.map((d) => (d.status as { status_code: string }).status_code)).toEqual([
      'PARTIAL',
      'FAILED',
    ]);
    await ok('on-program/_create', {
      program_code: programCode,
      status: { status_code: 'ACTIVE' },
    });
    await ok('on-program/_update', { program_code: programCode });
    await ok('on-sanction/_create', { program_code: programCode, id: sanctionId });
    await ok('on-sanction/_update', {
      program_code: programCode,
      id: sanctionId,
      status: { status_code: 'ACTIVE' },
    });
    await ok('on-allocation/_create', { program_code: programCode, sanction_id: sanctionId });
    await ok('on-allocation/_update', {
      program_code: programCode,
      sanction_id: sanctionId,
      net_amount: 0,
      gross_amount: 0,
    });
    await ok('on-disburse/_create', { target_id: 'EP/0/2023-24/10/02/000001' });
    await ok('on-disburse/_update', {
      target_id: 'EP/0/2023-24/10/02/000001',
      status: { status_code: 'RECEIVED' },
    });
    expect(
      await n(`SELECT count(*) AS n FROM exchange_sanctions WHERE peer_status = 'ACTIVE'`),
    ).toBe(1);
    const unknown = await peer.send({
      endpoint: 'on-sanction/_update',
      message: { program_code: programCode, id: 'nope' },
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { errors: [{ code: 'UNKNOWN_SANCTION' }] },
    });
  });
});
