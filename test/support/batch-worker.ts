// One console process of the batch-crash test (run with `node --import tsx`): opened as the
// CLI opens it, it runs PD once over every PI In Process. The test kills it while the answers
// are held by the sandbox, after the batch's call rows were written and before they applied.
import { openConsole } from '../../main/console';

async function main(): Promise<void> {
  const app = await openConsole(process.argv.slice(2), process.env);
  process.stdout.write('work\n');
  try {
    await app.engine.run('PD', { trigger: 'manual' });
  } finally {
    await app.close();
  }
  process.stdout.write('done\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
