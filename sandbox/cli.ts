// npm run sandbox -- --port 8700 --scenario sandbox/scenarios/default.json --public-key-out jit.pem
import fs from 'node:fs';
import path from 'node:path';
import { flagValue } from '../main/config';
import { loadScenario } from './scenario';
import { createSandbox } from './server';

async function main(): Promise<void> {
  const argv = process.argv;
  const scenarioFile = flagValue(argv, 'scenario');
  const keyOut = path.resolve(flagValue(argv, 'public-key-out') ?? 'sandbox-public-key.pem');
  const keyIn = flagValue(argv, 'private-key');
  const sandbox = await createSandbox({
    port: Number(flagValue(argv, 'port') ?? 0),
    scenario: loadScenario(scenarioFile ? path.resolve(scenarioFile) : undefined),
    privateKeyPem: keyIn ? fs.readFileSync(path.resolve(keyIn), 'utf8') : undefined,
    clientSecret: flagValue(argv, 'client-secret'),
  });
  fs.writeFileSync(keyOut, sandbox.credentials.publicKeyPem);
  const admin = new URL('/sandbox', sandbox.baseUrl).toString();
  console.log(`Sandbox treasury (${sandbox.scenario.name}) listening.
  JIT_BASE_URL=${sandbox.baseUrl}
  JIT_CLIENT_ID=${sandbox.credentials.clientId}
  JIT_CLIENT_SECRET=${sandbox.credentials.clientSecret}
  JIT_PUBLIC_KEY_FILE=${keyOut}
Admin: curl -X POST '${admin}/advance?ms=3600000'   (also GET ${admin}/state, POST ${admin}/expire-sessions,
       POST ${admin}/faults {"service":"PD","fault":"timeout","times":1}, DELETE ${admin}/faults)`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
