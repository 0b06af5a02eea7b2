// The set-based apply is taken for a batch of answers, not silently left for the per-answer
// path: real answers from the sandbox for PAG, PD and FD, one of each batch contradicted by
// the ledger, each batch given to applyAnswers whole, every answer's verdict (the refusal
// too) from the set-based part. (batch-same shows the two paths write the same ledger; a
// set-based part that always failed, or threw on a refusal, would pass it.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAnswers } from '../../main/core/reconcile/apply-answer';
import { allPollers } from '../../main/core/reconcile/pollers';
import { openCalls } from '../../main/core/pi/history';
import type { Answer } from '../../main/core/reconcile/batch';
import type { Service } from '../../shared/status';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { seedPis, startWorld, type World } from '../support/world';

const dir = tempDir('jit-batch-set-');
let w: World;
let ids: number[];

beforeAll(async () => {
  // Every account ending 00002 fails at the bank: FD has failures to report.
  w = await startWorld(dir, 'set-path', { scenario: { fail: { accountSuffixes: ['00002'] } } });
  ids = await seedPis(
    w,
    Array.from({ length: 6 }, (_, i) =>
      samplePi(`PI-1013/2023-24/${String(i + 1).padStart(6, '0')}`, 3),
    ),
  );
  await w.app.engine.run('PIS', { trigger: 'manual' });
});
afterAll(() => w?.close());

/** One batch of every due target's answer, applied as the engine applies a batch. */
async function applyBatch(service: Service) {
  const poller = allPollers().get(service)!;
  const targets = await poller.select(w.app);
  const at = w.app.now();
  const { runId, callIds } = await w.app.ledger.write(async (tx) => {
    const { lastID } = await tx.run(
      `INSERT INTO job_runs (service, trigger, started_at, state, total) VALUES (?, 'manual', ?, 'running', ?)`,
      [service, at, targets.length],
    );
    const calls = targets.map((t) => ({
      request: { serviceId: service, params: poller.params(t) },
      at,
      ctx: { piId: t.piId, runId: lastID },
    }));
    return { runId: lastID, callIds: await openCalls(tx, service, calls) };
  });
  const answers: Answer[] = [];
  for (const [i, target] of targets.entries())
    answers.push({
      target,
      callId: callIds[i]!,
      attempt: 1,
      result: await w.client.call(service, poller.params(target)),
    });
  const verdicts = await w.app.ledger.write((tx) =>
    applyAnswers(tx, poller, answers, runId, w.app.now),
  );
  return { targets, verdicts };
}

const statuses = () =>
  w.app.ledger.read.all<{ status: string; n: number }>(
    `SELECT status, count(*) AS n FROM beneficiaries WHERE pi_id IN (SELECT value FROM json_each(?))
      GROUP BY status ORDER BY status`,
    [JSON.stringify(ids)],
  );

/** Make the ledger contradict what the treasury will answer for one beneficiary. */
const contradict = (sql: string, piId: number, benfId: string) =>
  w.app.ledger.write((tx) => tx.run(`${sql} WHERE pi_id = ? AND benf_id = ?`, [piId, benfId]));

describe('a batch of ordinary answers and one the ledger contradicts', () => {
  // Each service's batch holds one answer that must not apply (a Mismatch, found by the
  // set-based part's own checks) beside ordinary ones.
  it.each([
    ['PAG', 0, 'UPDATE beneficiaries SET amount_paise = amount_paise + 1', 'B0001'],
    ['PD', 1, "UPDATE beneficiaries SET ifsc = 'HDFC0009999'", 'B0003'],
    ['FD', 2, "UPDATE beneficiaries SET account_no = '999999999999'", 'B0002'],
  ] as const)(
    '%s: every verdict comes from the set-based part, the contradicted one refused',
    async (service, pi, sql, benfId) => {
      await contradict(sql, ids[pi]!, benfId);
      const { targets, verdicts } = await applyBatch(service);
      expect(targets.length).toBeGreaterThan(2);
      expect(verdicts.map((v) => v?.outcome)).toEqual(
        targets.map((t) => (t.piId === ids[pi] ? 'ERROR' : 'OK')),
      );
    },
  );

  it('left the ledger as the rules say: paid, failed at the bank where the account says, the refused untouched', async () => {
    // PI 0 refused by PAG (3 still Initiated), PI 1 by PD (3 In Process); on the rest B0002
    // fails at the bank, except PI 2's, whose account the ledger no longer has (refused).
    expect(await statuses()).toEqual([
      { status: 'Payment Failed', n: 3 },
      { status: 'Payment In Process', n: 3 },
      { status: 'Payment Initiated', n: 3 },
      { status: 'Payment Successful', n: 9 },
    ]);
    // One SMS for each beneficiary paid (the sandbox's PD reports the failing accounts paid
    // first) and one for each failed at the bank.
    const sms = await w.app.ledger.read.all<{ event: string; n: number }>(
      'SELECT event, count(*) AS n FROM sms_outbox GROUP BY event ORDER BY event',
    );
    const moves = await w.app.ledger.read.all<{ event: string; n: number }>(
      `SELECT CASE to_status WHEN 'Payment Failed' THEN 'FD' ELSE 'PD' END AS event, count(*) AS n
         FROM status_history WHERE to_status IN ('Payment Failed', 'Payment Successful')
        GROUP BY event ORDER BY event`,
    );
    expect(sms).toEqual(moves);
    expect(moves.map((m) => m.event)).toEqual(['FD', 'PD']);
  });
});
