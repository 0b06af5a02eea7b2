// Random sequences of allotments, imports, pushes, treasury answers and revisions. After every
// step the funds and conservation rules must hold (runCheck finds no breach) and no sanction
// has negative available funds. Seeded, so a failure names the seed and step to replay.
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  allot,
  applyAs,
  HOA,
  HOA2,
  importPayment,
  openTestApp,
  result,
  scriptedTreasury,
  vaRow,
  type TestApp,
} from './funds-support';
import { applyPiResult } from '../../main/core/pi/push';
import { createPi } from '../../main/core/pi/pi-create';
import { createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';
import { logCall } from '../../main/core/pi/history';
import { AppError } from '../../main/core/errors';
import { pisPoller } from '../../main/core/reconcile/pollers/pis';
import { pagPoller } from '../../main/core/reconcile/pollers/pag';
import { pdPoller } from '../../main/core/reconcile/pollers/pd';
import { fdPoller } from '../../main/core/reconcile/pollers/fd';
import { ftpsPoller } from '../../main/core/reconcile/pollers/ftps';
import { ftfpsPoller } from '../../main/core/reconcile/pollers/ftfps';
import type { Outcome } from '../../shared/status';
import type { VaRow } from '../../main/core/funds/allotments';

const SEQUENCES = 30;
const STEPS = 40;
const dir = tempDir();
const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.ledger.close();
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class World {
  private readonly rand: () => number;
  private payments = 0;
  private readonly seen: VaRow[] = [];
  constructor(
    readonly app: TestApp,
    seed: number,
    private readonly cor: { outcome: Outcome },
  ) {
    this.rand = mulberry32(seed);
  }

  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  pick<T>(list: T[]): T | undefined {
    return list.length ? list[this.int(list.length)] : undefined;
  }
  outcome(): Outcome {
    return this.pick<Outcome>(['OK', 'OK', 'ERROR', 'NO_RESPONSE'])!;
  }

  ids(sql: string): Promise<number[]> {
    return this.app.ledger.read.all<{ id: number }>(sql).then((r) => r.map((x) => x.id));
  }

  async step(): Promise<string> {
    // Weighted so a PI gets through the whole treasury pipeline within a sequence.
    const actions: Array<[number, () => Promise<string | null>]> = [
      [1, () => this.allotment()],
      [1, () => this.importOne()],
      [2, () => this.push()],
      [2, () => this.pushAnswer()],
      [3, () => this.pis()],
      [3, () => this.pag()],
      [3, () => this.pd()],
      [3, () => this.fd()],
      [4, () => this.revise()],
      [3, () => this.ftps()],
      [3, () => this.ftfps()],
    ];
    // An action with nothing to act on (no Pending PI yet, say) gives way to another.
    for (let tries = 0; tries < 30; tries++) {
      let roll = this.int(actions.reduce((n, [w]) => n + w, 0));
      for (const [w, act] of actions) {
        if (roll < w) {
          const done = await act();
          if (done) return done;
          break;
        }
        roll -= w;
      }
    }
    return 'nothing to do';
  }

  async allotment(): Promise<string | null> {
    if (this.seen.length && this.int(5) === 0) {
      await allot(this.app, [this.pick(this.seen)!]);
      return 'repeat allotment';
    }
    const type = this.pick([
      'Initial Allotment',
      'Additional allotment',
      'Allotment withdrawal',
      'allotment WITHDRAWAL',
    ])!;
    const row = vaRow(
      type,
      this.pick(['A', 'B', 'C', 'X'])!,
      1 + this.int(3000) + this.int(100) / 100,
    );
    this.seen.push(row);
    await allot(this.app, [row], this.pick([HOA, HOA2]));
    return `${type} ${row.mstAllotmentDistId} ${row.allotmentAmount}`;
  }

  async importOne(): Promise<string | null> {
    const n = 1 + this.int(3);
    await importPayment(
      this.app,
      `P${++this.payments}`,
      Array.from({ length: n }, () => 1 + this.int(800) + this.int(100) / 100),
      this.pick([HOA, HOA2]),
    );
    return `import ${n}`;
  }

  async push(): Promise<string | null> {
    const id = this.pick(await this.ids('SELECT id FROM payments'));
    if (!id) return null;
    try {
      await createPi(this.app, id);
      return `push ${id}`;
    } catch (err) {
      if (err instanceof AppError && err.code === 'REFUSED') return `push ${id} refused`;
      throw err;
    }
  }

  async pushAnswer(): Promise<string | null> {
    const id = this.pick(
      await this.ids("SELECT id FROM pis WHERE kind = 'PI' AND status = 'Pending'"),
    );
    if (!id) return null;
    const outcome = this.outcome();
    const billNo = (await this.app.ledger.read.get<{ b: string }>(
      'SELECT bill_no AS b FROM pis WHERE id = ?',
      [id],
    ))!.b;
    const res = result('PI', outcome, { jitBillNo: billNo }, 'Wrong IFSC provided');
    await this.app.ledger.write(async (tx) => {
      const callId = await logCall(tx, res, { piId: id });
      await applyPiResult(tx, id, res, { callId, at: this.app.now(), runId: null });
    });
    return `PI answer ${outcome} ${id}`;
  }

  async pis(): Promise<string | null> {
    const t = this.pick(await pisPoller.select(this.app));
    if (!t) return null;
    const decline = this.int(4) === 0;
    const res = decline
      ? result('PIS', 'ERROR', undefined, `This Bill Number ${t.key} is rejected by SSU angul_op`)
      : result('PIS', 'OK', { pmtInstId: `PMT-${t.piId}`, payInstDate: '2023-10-03' });
    await applyAs(this.app, pisPoller, (x) => x.piId === t.piId, res);
    return `PIS ${decline ? 'decline' : 'approve'} ${t.piId}`;
  }

  async bens(piId: number) {
    return this.app.ledger.read.all<{ benfId: string; amount: number; status: string }>(
      'SELECT benf_id AS benfId, amount_paise AS amount, status FROM beneficiaries WHERE pi_id = ?',
      [piId],
    );
  }

  async pag(): Promise<string | null> {
    const t = this.pick(await pagPoller.select(this.app));
    if (!t) return null;
    const bens = await this.bens(t.piId);
    await applyAs(
      this.app,
      pagPoller,
      (x) => x.piId === t.piId,
      result('PAG', 'OK', {
        finYear: '2023-24',
        adviceId: `ADV-${t.piId}`,
        adviceDate: '2023-10-04',
        onlineBillRefNo: `REF-${t.piId}`,
        tokenNumber: `TOK-${t.piId}`,
        tokenDate: '2023-10-04',
        benfList: bens.map((b) => ({ benfId: b.benfId, amount: b.amount })),
      }),
    );
    return `PAG ${t.piId}`;
  }

  async pd(): Promise<string | null> {
    const t = this.pick(await pdPoller.select(this.app));
    if (!t) return null;
    const bens = (await this.bens(t.piId)).filter(() => this.int(4) > 0);
    await applyAs(
      this.app,
      pdPoller,
      (x) => x.piId === t.piId,
      result('PD', 'OK', {
        voucherNo: 'V1',
        benfDtls: bens.map((b) => ({ benfId: b.benfId, utrNo: `U-${t.piId}-${b.benfId}` })),
      }),
    );
    return `PD ${t.piId} (${bens.length} paid)`;
  }

  failedDetails(bens: Array<{ benfId: string; status: string }>, piId: number) {
    const failing = bens.filter((b) => b.status === 'Payment Successful' && this.int(3) > 0);
    return failing.map((b) => ({
      benfId: b.benfId,
      utrNo: `U-${piId}-${b.benfId}`,
      orgBillRefNumber: `ORG-${piId}-${b.benfId}`,
      failedReason: 'Account closed',
    }));
  }

  async fd(): Promise<string | null> {
    const t = this.pick(await fdPoller.select(this.app));
    if (!t) return null;
    const benfDtls = this.failedDetails(await this.bens(t.piId), t.piId);
    await applyAs(this.app, fdPoller, (x) => x.piId === t.piId, result('FD', 'OK', { benfDtls }));
    return `FD ${t.piId} (${benfDtls.length} failed)`;
  }

  async revise(): Promise<string | null> {
    const failed = await this.app.ledger.read.all<{ id: number; piId: number; revised: number }>(
      `SELECT b.id, b.pi_id AS piId,
              EXISTS (SELECT 1 FROM beneficiaries r JOIN pis rp ON rp.id = r.pi_id
                       WHERE r.parent_beneficiary_id = b.id AND rp.status NOT IN ('Failed', 'Declined')) AS revised
         FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
        WHERE p.status = 'Completed' AND b.status = 'Payment Failed'`,
    );
    // Mostly a beneficiary still to revise; sometimes one already revised, or a paid one with
    // it: those must be refused, never paid twice.
    const b = this.int(4) === 0 ? this.pick(failed) : this.pick(failed.filter((f) => !f.revised));
    if (!b) return null;
    this.cor.outcome = this.outcome();
    const other =
      this.int(4) === 0
        ? this.pick(await this.ids(`SELECT id FROM beneficiaries WHERE pi_id = ${b.piId}`))
        : undefined;
    const picks = [
      { beneficiaryId: b.id, correctedAccountNo: this.int(2) ? '112233445566' : undefined },
    ];
    if (other && other !== b.id)
      picks.push({ beneficiaryId: other, correctedAccountNo: undefined });
    try {
      await createRevisedPi(this.app, { piId: b.piId, beneficiaries: picks });
      return `COR ${b.piId} OK`;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'REFUSED' || err.code === 'TREASURY'))
        return `COR ${b.piId} ${err.code}: ${err.message}`;
      throw err;
    }
  }

  async ftps(): Promise<string | null> {
    const t = this.pick(await ftpsPoller.select(this.app));
    if (!t) return null;
    const bens = (await this.bens(t.piId)).filter(() => this.int(4) > 0);
    await applyAs(
      this.app,
      ftpsPoller,
      (x) => x.piId === t.piId,
      result('FTPS', 'OK', {
        jitCorBillNo: t.key,
        billRefNo: `CREF-${t.piId}`,
        tokenNumber: `CTOK-${t.piId}`,
        tokenDate: '2023-10-06',
        voucherNo: 'CV1',
        benfDtls: bens.map((b) => ({ benfId: b.benfId, utrNo: `CU-${t.piId}-${b.benfId}` })),
      }),
    );
    return `FTPS ${t.piId}`;
  }

  async ftfps(): Promise<string | null> {
    const t = this.pick(await ftfpsPoller.select(this.app));
    if (!t) return null;
    const benfDtls = this.failedDetails(await this.bens(t.piId), t.piId);
    await applyAs(
      this.app,
      ftfpsPoller,
      (x) => x.piId === t.piId,
      result('FTFPS', 'OK', { jitCorBillNo: t.key, benfDtls }),
    );
    return `FTFPS ${t.piId} (${benfDtls.length} failed)`;
  }
}

describe('funds and conservation under random sequences', () => {
  it(`hold after every step of ${SEQUENCES} sequences of ${STEPS} steps`, async () => {
    const tally = { pushes: 0, revisions: 0, failed: 0 };
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      // The treasury answers COR with the outcome the sequence drew for that step.
      const drawn: { outcome: Outcome } = { outcome: 'OK' };
      const treasury = scriptedTreasury((service, params) =>
        drawn.outcome === 'OK'
          ? result(service, 'OK', {
              jitCorBillNo: params.jitCorBillNo,
              jitCorBillDate: params.jitCorBillDate,
              successCode: '0',
            })
          : result(service, drawn.outcome, undefined, 'Invalid account'),
      );
      const app = await openTestApp(dir, `seed-${seed}`, treasury);
      apps.push(app);
      const world = new World(app, seed, drawn);
      await allot(app, [vaRow('Initial Allotment', 'A', 5_000)]);
      await allot(app, [vaRow('Initial Allotment', 'B', 2_000)], HOA2);
      const log: string[] = [];
      for (let step = 1; step <= STEPS; step++) {
        log.push(await world.step());
        const check = await runCheck(app);
        const negative = await app.ledger.read.get<{ n: number }>(
          'SELECT count(*) AS n FROM funds_summary WHERE available_paise < 0',
        );
        if (!check.ok || negative!.n > 0) {
          throw new Error(
            `seed ${seed}, step ${step}: ${JSON.stringify(check.breaches)}\nsteps:\n${log.join('\n')}`,
          );
        }
      }
      const counts = await app.ledger.read.get<{ pis: number; cors: number; failed: number }>(
        "SELECT sum(kind = 'PI') AS pis, sum(kind = 'COR') AS cors, sum(status IN ('Failed', 'Declined')) AS failed FROM pis",
      );
      tally.pushes += counts!.pis ?? 0;
      tally.revisions += counts!.cors ?? 0;
      tally.failed += counts!.failed ?? 0;
    }
    // The sequences must actually exercise pushes, failures and revisions to mean anything.
    expect(tally.pushes).toBeGreaterThan(80);
    expect(tally.failed).toBeGreaterThan(20);
    expect(tally.revisions).toBeGreaterThan(10);
  }, 120_000);
});
