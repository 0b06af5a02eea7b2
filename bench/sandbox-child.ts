// The sandbox treasury in its own process for the reconcile benchmark, so the engine's memory
// and CPU are measured alone. The parent sends the bills; the child answers with its address.
import { createSandbox } from '../sandbox/server';
import { INSTANT, T0 } from '../test/support/world';

process.once('message', (bills: Array<Record<string, unknown>>) => {
  void (async () => {
    const sandbox = await createSandbox({
      port: 0,
      now: T0,
      scenario: { delays: INSTANT, fail: { every: 50 } },
    });
    sandbox.seedBills(bills);
    process.send!({ baseUrl: sandbox.baseUrl, credentials: sandbox.credentials });
    process.once('disconnect', () => void sandbox.close().then(() => process.exit(0)));
  })();
});
