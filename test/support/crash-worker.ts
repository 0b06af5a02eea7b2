// One console process of the crash test (run with `node --import tsx`): opened as the CLI
// opens it, it does a finance user's work until nothing is left — push every payment that
// may get a PI, run every nightly service, revise every failed beneficiary with corrected
// details — and may be killed at any point. It prints "work" once it starts changing the
// ledger and "done" when there is nothing left to do.
import { openConsole } from '../../main/console';
import { dispatch } from '../../main/ipc/dispatch';
import { runServices } from '../../main/core/reconcile/jobs';
import type { App } from '../../main/app';

/** The account that pays after the bank returned `account` (the sandbox fails "…00002"). */
export const corrected = (account: string) => `${account.slice(0, -5)}00007`;

async function pushAll(app: App): Promise<number> {
  const due = await app.ledger.read.all<{ id: number }>(
    `SELECT id FROM payments p WHERE NOT EXISTS (
       SELECT 1 FROM pis WHERE pis.payment_id = p.id AND kind = 'PI' AND status NOT IN ('Failed', 'Declined'))
     ORDER BY id`,
  );
  for (const p of due) await dispatch(app.handlers, 'pi.push', { paymentId: p.id });
  return due.length;
}

async function reviseAll(app: App): Promise<number> {
  const failed = await app.ledger.read.all<{ piId: number; id: number; accountNo: string }>(
    `SELECT b.pi_id AS piId, b.id, b.account_no AS accountNo FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
      WHERE p.status = 'Completed' AND b.status = 'Payment Failed' AND NOT EXISTS (
        SELECT 1 FROM beneficiaries r JOIN pis rp ON rp.id = r.pi_id
         WHERE r.parent_beneficiary_id = b.id AND rp.status NOT IN ('Failed', 'Declined'))
      ORDER BY b.pi_id, b.id`,
  );
  const byPi = new Map<number, typeof failed>();
  for (const f of failed) byPi.set(f.piId, [...(byPi.get(f.piId) ?? []), f]);
  for (const [piId, rows] of byPi) {
    const beneficiaries = rows.map((r) => ({
      beneficiaryId: r.id,
      correctedAccountNo: corrected(r.accountNo),
    }));
    await dispatch(app.handlers, 'cor.create', { piId, beneficiaries });
  }
  return byPi.size;
}

async function main(): Promise<void> {
  const app = await openConsole(process.argv.slice(2), process.env);
  process.stdout.write('work\n');
  try {
    for (let round = 0; round < 5; round++) {
      const pushed = await pushAll(app);
      await runServices(app, 'ALL');
      const revised = await reviseAll(app);
      if (revised > 0) await runServices(app, 'ALL');
      // A process restarted after a kill first finishes what was under way, then looks again.
      if (round > 0 && pushed === 0 && revised === 0) break;
    }
  } finally {
    await app.close();
  }
  process.stdout.write('done\n');
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error((err as Error).stack ?? String(err));
      process.exit(1);
    },
  );
}
