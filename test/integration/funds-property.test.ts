// Random sequences of allotments, imports, pushes, nightly runs, revised PIs and reissues,
// all through the real path: the sandbox treasury over loopback decides approvals, declines,
// partial payments and returned credits from a seeded scenario, and a seeded draw of its fault
// switches loses or spoils answers. After every step the funds and conservation rules must
// hold (runCheck finds no breach; funds-check.test.ts shows it finds each kind). Seeded, so a
// failure names the seed and step to replay.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  allotmentRow,
  DAY,
  fund,
  HOA,
  HOA2,
  importPayment,
  MIN,
  openWorld,
  run,
  type FundsWorld,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { corCheck, createRevisedPi } from '../../main/core/pi/revise';
import { reissueFailed } from '../../main/core/pi/reissue';
import { runCheck } from '../../main/core/funds/check';
import { AppError } from '../../main/core/errors';
import type { Service } from '../../shared/status';
import type { FaultKind } from '../../sandbox/faults';

const SEQUENCES = 6;
const STEPS = 60;
const dir = tempDir();

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

/** What the sandbox may do to a call, drawn per call: mostly nothing. */
const PUSH_FAULTS: Array<FaultKind | null> = [null, null, null, 'errorMsgs', 'reset', 'http500'];
const POLL_FAULTS: Array<FaultKind | null> = [
  ...Array<null>(10).fill(null),
  'reset',
  'http500',
  'duplicate',
  'unknownBenfId',
  'missingFields',
];

class Sequence {
  private readonly rand: () => number;
  private payments = 0;
  private readonly rows: number[] = [];
  constructor(
    readonly w: FundsWorld,
    seed: number,
  ) {
    this.rand = mulberry32(seed);
  }

  get app() {
    return this.w.app;
  }
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  pick<T>(list: T[]): T | undefined {
    return list.length ? list[this.int(list.length)] : undefined;
  }
  ids(sql: string): Promise<number[]> {
    return this.app.ledger.read.all<{ id: number }>(sql).then((r) => r.map((x) => x.id));
  }

  /** Arm one drawn fault for the next call of `service`; returns its name for the log. */
  arm(service: Service, faults: Array<FaultKind | null>): string {
    this.w.sandbox.faults.clear();
    const fault = this.pick(faults) ?? null;
    if (!fault) return '';
    this.w.sandbox.faults.inject(service, fault, {
      times: 1,
      messages: [{ errorCode: '340', errorMsg: 'Wrong IFSC provided in Beneficiary Details' }],
      message: 'Invalid beneficiary account',
    });
    return ` [${fault}]`;
  }

  async step(): Promise<string> {
    const actions: Array<[number, () => Promise<string | null>]> = [
      [1, () => this.allotment()],
      [3, () => this.importOne()],
      [4, () => this.push()],
      [1, () => this.resend()],
      [2, () => this.night()],
      [5, () => this.nightlyJob()],
      [5, () => this.revise()],
      [1, () => this.reissue()],
    ];
    // An action with nothing to act on (no failed line yet, say) gives way to another.
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
    if (this.rows.length && this.int(5) === 0) {
      const repeatOf = this.pick(this.rows)!;
      this.w.sandbox.addAllotments([allotmentRow(this.w, 'A', 1, { repeatOf })]);
      await run(this.w, 'VA');
      return `repeat allotment ${repeatOf}`;
    }
    const type = this.pick([
      'Additional allotment',
      'Allotment withdrawal',
      'allotment WITHDRAWAL',
      'Initial Allotment',
    ])!;
    const hoa = this.pick([HOA, HOA2])!;
    const distId = this.pick(hoa === HOA ? ['A', 'C'] : ['B', 'D'])!;
    const amount = 1 + this.int(3000) + this.int(100) / 100;
    const { slNo } = await fund(this.w, distId, amount, { type, hoa });
    this.rows.push(slNo);
    return `${type} ${distId} ${amount}`;
  }

  async importOne(): Promise<string | null> {
    const n = 1 + this.int(3);
    const failing = Array.from({ length: n }, (_, i) => i + 1).filter(() => this.int(3) === 0);
    await importPayment(
      this.app,
      `P${++this.payments}`,
      Array.from({ length: n }, () => 1 + this.int(800) + this.int(100) / 100),
      { hoa: this.pick([HOA, HOA2]), failing },
    );
    return `import ${n} (failing ${failing.join(',') || 'none'})`;
  }

  async push(): Promise<string | null> {
    // Mostly a payment with no live PI; sometimes any, whose second PI must be refused.
    const id = this.pick(
      await this.ids(
        this.int(5) === 0
          ? 'SELECT id FROM payments'
          : `SELECT id FROM payments p WHERE NOT EXISTS (SELECT 1 FROM pis WHERE payment_id = p.id AND status NOT IN ('Failed', 'Declined'))`,
      ),
    );
    if (!id) return null;
    const fault = this.arm('PI', PUSH_FAULTS);
    try {
      const res = await pushPayment(this.app, id);
      return `push ${id}${fault}: ${res.status}`;
    } catch (err) {
      if (err instanceof AppError && err.code === 'REFUSED') return `push ${id} refused`;
      throw err;
    }
  }

  async resend(): Promise<string | null> {
    const fault = this.arm('PI', PUSH_FAULTS);
    const s = await run(this.w, 'PI');
    return s.total ? `PI run${fault}: ${JSON.stringify(s.outcomes)}` : null;
  }

  async night(): Promise<string> {
    const minutes = this.int(90);
    this.w.sandbox.clock.advance(minutes * MIN);
    const service = this.pick<Service>(['VA', 'PIS', 'PAG', 'PD', 'FD', 'FTPS', 'FTFPS'])!;
    const fault = this.arm(service, POLL_FAULTS);
    const s = await run(this.w, service);
    return `+${minutes} min ${service}${fault}: ${JSON.stringify(s.outcomes)}`;
  }

  /** The nightly job: every polled service in order, each with its own drawn fault. */
  async nightlyJob(): Promise<string> {
    const minutes = 30 + this.int(90);
    this.w.sandbox.clock.advance(minutes * MIN);
    const done: string[] = [];
    for (const service of ['VA', 'PI', 'PIS', 'PAG', 'PD', 'FD', 'FTPS', 'FTFPS'] as const) {
      const fault = this.arm(service, service === 'PI' ? PUSH_FAULTS : POLL_FAULTS);
      const s = await run(this.w, service);
      if (s.total) done.push(`${service}${fault} ${JSON.stringify(s.outcomes)}`);
    }
    return `+${minutes} min nightly: ${done.join('; ')}`;
  }

  async failedLines() {
    return this.app.ledger.read.all<{ id: number; piId: number; revised: number }>(
      `SELECT b.id, b.pi_id AS piId,
              EXISTS (SELECT 1 FROM beneficiaries r JOIN pis rp ON rp.id = r.pi_id
                       WHERE r.parent_beneficiary_id = b.id AND rp.status NOT IN ('Failed', 'Declined')) AS revised
         FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
        WHERE p.status = 'Completed' AND b.status = 'Payment Failed' AND b.moved_to_payment_id IS NULL`,
    );
  }

  async revise(): Promise<string | null> {
    const failed = await this.failedLines();
    // Mostly a line still to revise; sometimes one already revised, or a paid one with it:
    // those must be refused, never paid twice.
    const b = this.int(4) === 0 ? this.pick(failed) : this.pick(failed.filter((f) => !f.revised));
    if (!b) return null;
    const other =
      this.int(4) === 0
        ? this.pick(await this.ids(`SELECT id FROM beneficiaries WHERE pi_id = ${b.piId}`))
        : undefined;
    // A corrected account that still ends in 99 fails again.
    const picks = [
      {
        beneficiaryId: b.id,
        correctedAccountNo: this.pick([undefined, '112233445566', '112233445599']),
      },
    ];
    if (other && other !== b.id)
      picks.push({ beneficiaryId: other, correctedAccountNo: undefined });
    const fault = this.arm('COR', [null, null, 'error', 'reset']);
    try {
      const res = await createRevisedPi(this.app, { piId: b.piId, beneficiaries: picks });
      return `COR ${b.piId}${fault}: ${res.billNo}`;
    } catch (err) {
      if (err instanceof AppError && ['REFUSED', 'TREASURY'].includes(err.code))
        return `COR ${b.piId}${fault} ${err.code}: ${err.message}`;
      throw err;
    }
  }

  /** Weeks pass; a failed line past its revised-PI window becomes a new payment. */
  async reissue(): Promise<string | null> {
    const b = this.pick((await this.failedLines()).filter((f) => !f.revised));
    if (!b) return null;
    // Mostly past the 90-day revised-PI window of a bill pushed in the last few weeks.
    const days = 60 + this.int(60);
    this.w.sandbox.clock.advance(days * DAY);
    if (!(await corCheck(this.app, b.piId)).newPiOffered) return `+${days} days`;
    const res = await reissueFailed(this.app, {
      piId: b.piId,
      beneficiaries: [{ beneficiaryId: b.id }],
    });
    return `+${days} days, reissued ${res.paymentNumber}`;
  }
}

describe('funds and conservation under random sequences through the sandbox', () => {
  it(`hold after every step of ${SEQUENCES} sequences of ${STEPS} steps`, async () => {
    const tally = { pushes: 0, revisions: 0, failed: 0, reissued: 0 };
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const w = await openWorld(dir, `seed-${seed}`, {
        scenario: {
          seed,
          delays: {
            approveAfterMs: 10 * MIN,
            adviceAfterMs: 20 * MIN,
            paidAfterMs: 30 * MIN,
            failedAfterMs: 60 * MIN,
          },
          decline: { every: 6 },
          holdBack: { every: 4, extraMs: 120 * MIN },
        },
      });
      try {
        const seq = new Sequence(w, seed);
        await fund(w, 'A', 20_000);
        await fund(w, 'B', 10_000, { hoa: HOA2 });
        const log: string[] = [];
        for (let step = 1; step <= STEPS; step++) {
          log.push(await seq.step());
          const check = await runCheck(w.app);
          if (!check.ok) {
            throw new Error(
              `seed ${seed}, step ${step}: ${JSON.stringify(check.breaches)}\nsteps:\n${log.join('\n')}`,
            );
          }
        }
        const counts = await w.app.ledger.read.get<{
          pis: number;
          cors: number;
          failed: number;
          reissued: number;
        }>(
          `SELECT sum(kind = 'PI') AS pis, sum(kind = 'COR') AS cors, sum(status IN ('Failed', 'Declined')) AS failed,
                  (SELECT count(*) FROM payments WHERE reissue_of_pi_id IS NOT NULL) AS reissued FROM pis`,
        );
        tally.pushes += counts!.pis ?? 0;
        tally.revisions += counts!.cors ?? 0;
        tally.failed += counts!.failed ?? 0;
        tally.reissued += counts!.reissued ?? 0;
      } finally {
        await w.close();
      }
    }
    // The sequences must actually exercise pushes, failures and revisions to mean anything.
    expect(tally.pushes).toBeGreaterThan(40);
    expect(tally.failed).toBeGreaterThan(5);
    expect(tally.revisions).toBeGreaterThan(5);
    expect(tally.reissued).toBeGreaterThan(0);
  }, 180_000);
});
