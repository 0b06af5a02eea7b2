// The out-of-the-box console (embedded sandbox, local ledger) across a restart: the demo
// heads of account are there on first run, and a PI pushed before the restart is still
// known to the sandbox after it. The demo scenario answers every step at once, so what the
// sandbox says does not depend on how long the test takes on the machine's clock.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import demo from '../../sandbox/scenarios/default.json';
import { openConsole } from '../../main/console';
import { importPayments } from '../../main/core/payments/import';
import { pushPayment } from '../../main/core/pi/push';
import { runServices } from '../../main/core/reconcile/jobs';
import { refreshPi } from '../../main/core/reconcile/jobs';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const scenario = path.join(dir, 'instant-demo.json');
fs.writeFileSync(
  scenario,
  JSON.stringify({
    ...demo,
    delays: { approveAfterMs: 0, adviceAfterMs: 0, paidAfterMs: 0, failedAfterMs: 0 },
  }),
);
const env = { JIT_CONSOLE_DB: path.join(dir, 'ledger.db'), JIT_SANDBOX_SCENARIO: scenario };

describe('the console on its embedded sandbox', () => {
  it('seeds demo heads of account once and remembers pushed PIs across a restart', async () => {
    const first = await openConsole([], env);
    const heads = await first.ledger.read.all<{ hoa: string; ddo_code: string }>(
      'SELECT hoa, ddo_code FROM heads_of_account',
    );
    expect(heads).toContainEqual({ hoa: '2217-05-191-2634-01-00-00-00', ddo_code: 'DDO1013' });
    await runServices(first, 'VA');
    // The demo's allotments of the first hour: Rs. 25,00,000 and Rs. 12,00,000.
    const funds = await first.handlers['funds.summary']({});
    expect(funds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mstAllotmentDistId: 'MAD-1013-01', availablePaise: 250_000_000 }),
        expect.objectContaining({ mstAllotmentDistId: 'MAD-1013-02', availablePaise: 120_000_000 }),
      ]),
    );
    const head = { hoa: '2217-05-191-2634-01-00-00-00' };
    const csv = [
      'paymentNumber,tenantId,hoa,purpose,benefId,name,accountNo,ifsc,mobile,address,amount,accountType,beneficiaryType',
      `PAY-DEMO-1,od.angul,${head.hoa},Wages,B1,Sabita Nayak,123456789012,SBIN0003491,9876543210,Angul,1500.50,SB,IND`,
    ].join('\n');
    const imported = await importPayments(first, 'demo.csv', csv);
    expect(imported.errors).toEqual([]);
    const paymentId = (await first.ledger.read.get<{ id: number }>('SELECT id FROM payments'))!.id;
    const pushed = await pushPayment(first, paymentId);
    expect(pushed).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    await first.close();

    const second = await openConsole([], env);
    expect(await second.ledger.read.all('SELECT hoa, ddo_code FROM heads_of_account')).toEqual(
      heads,
    );
    // The new sandbox knows the bill: PIS approves it (an unknown bill gets "No data found").
    const r = await refreshPi(second, pushed.piId);
    expect(r).toMatchObject({
      outcome: 'OK',
      message: 'On call of PIS API: Response is received and updated successfully',
    });
    expect(
      await second.ledger.read.get('SELECT bill_no AS billNo, status FROM pis WHERE id = ?', [
        pushed.piId,
      ]),
    ).toEqual({ billNo: pushed.billNo, status: 'Approved' });
    await second.close();
  });
});
