import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Temp folders of the tests go inside Stryker's sandbox (removed with it): a mutant run that
// selects none of a file's tests skips the file's clean-up hooks.
const tmp = path.resolve('.test-tmp');
fs.mkdirSync(tmp, { recursive: true });

// Only the tests that exercise the money modules, for `npm run mutate` (stryker.config.mjs):
// Stryker runs the tests covering each mutant, so no lint, typecheck, renderer or e2e here.
// The random-sequence property test is left out: it covers every line, so it would run for
// every mutant; the focused tests below must kill what it would.
export default defineConfig({
  plugins: [
    {
      // Stryker's runner asks for worker threads; sqlite3 crashes the whole runner (SIGSEGV)
      // when a worker ends with a database a mutant left open. Child processes contain that.
      name: 'sqlite3-in-forks',
      configureVitest({ project }) {
        project.config.pool = 'forks';
        // One process per runner, kept across mutants: importing the app costs seconds.
        project.config.isolate = false;
      },
    },
  ],
  test: {
    environment: 'node',
    env: { TMPDIR: tmp },
    include: [
      'test/integration/funds-{push,revise,reissue,boundaries,allotments}.test.ts',
      'test/integration/check-breaches.test.ts',
      'test/integration/lifecycle.test.ts',
      'test/integration/paid-once.test.ts',
      'test/integration/check-live-bills.test.ts',
      // Verify ledger on a damaged file (funds/check.ts's first branch).
      'test/integration/ledger-integrity.test.ts',
      // The funds preview of a multi-push (funds/preview.ts) is reached only from here.
      'test/integration/payments-push-many.test.ts',
      // PD/FD/FTPS/FTFPS answers reach apply-paid and apply-failed through the engine here.
      'test/integration/engine.test.ts',
      // The set-based apply of a batch (PD's applyPaidMany, PAG's applyAdviceMany, FD's
      // applyFailedMany) against applying each answer singly.
      'test/integration/batch-same.test.ts',
      // The same three take every ordinary answer of a batch (not the per-answer path).
      'test/integration/batch-set-path.test.ts',
      // A batch's beneficiaries read as JSON arrays against the one-PI read (beneficiaries.ts).
      'test/integration/beneficiaries-many.test.ts',
      // Matching an answer's beneficiaries by benfId or account + IFSC, and its refusals.
      'test/unit/match-beneficiaries.test.ts',
      'test/integration/reference-samples.test.ts',
      'test/integration/contradictions.test.ts',
      'test/unit/held-unknown.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
