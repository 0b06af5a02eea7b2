// The out-of-the-box console (embedded sandbox, local ledger) across a restart: the demo
// heads of account are there on first run, and a PI pushed before the restart is still
// known to the sandbox after it.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openConsole } from '../../main/console';
import { importPayments } from '../../main/core/payments/import';
import { pushPayment } from '../../main/core/pi/push';
import { runServices } from '../../main/core/reconcile/jobs';
import { refreshPi } from '../../main/core/reconcile/jobs';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const env = { JIT_CONSOLE_DB: path.join(dir, 'ledger.db') };

describe('the console on its embedded sandbox', () => {
  it('seeds demo heads of account once and remembers pushed PIs across a restart', async () => {
    const first = await openConsole([], env);
    const heads = await first.ledger.read.all<{ hoa: string; ddo_code: string }>(
      'SELECT hoa, ddo_code FROM heads_of_account',
    );
    expect(heads.length).toBeGreaterThan(0);
    await runServices(first, 'VA');
    const funds = await first.handlers['funds.summary']({});
    expect(funds.reduce((a, f) => a + f.availablePaise, 0)).toBeGreaterThan(0);
    const head = heads[0]!;
    const csv = [
      'paymentNumber,tenantId,hoa,purpose,benefId,name,accountNo,ifsc,mobile,address,amount,accountType,beneficiaryType',
      `PAY-DEMO-1,od.angul,${head.hoa},Wages,B1,Sabita Nayak,123456789012,SBIN0003491,9876543210,Angul,1500.50,SB,IND`,
    ].join('\n');
    const imported = await importPayments(first, 'demo.csv', csv);
    expect(imported.errors).toEqual([]);
    const paymentId = (await first.ledger.read.get<{ id: number }>('SELECT id FROM payments'))!.id;
    const pushed = await pushPayment(first, paymentId);
    expect(pushed.status).toBe('Initiated');
    await first.close();

    const second = await openConsole([], env);
    expect(await second.ledger.read.all('SELECT hoa, ddo_code FROM heads_of_account')).toEqual(
      heads,
    );
    // The new sandbox knows the bill: PIS answers about it instead of "No data found".
    const r = await refreshPi(second, pushed.piId);
    expect(r.message).not.toMatch(/No data found/);
    expect(r.outcome).not.toBe('NO_RESPONSE');
    await second.close();
  });
});
