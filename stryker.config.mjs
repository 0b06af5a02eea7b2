// Mutation testing of the money modules: `npm run mutate` (on demand, not part of `npm test`).
// Each mutant (a one-token change of the code) must make at least one test fail. Scores per
// module are in README.md; the HTML report goes to reports/mutation/.
// Equivalent or unkillable mutants are listed with the reason, per file, at the end of this file.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.mts', related: false },
  mutate: [
    'main/core/pi/push.ts',
    'main/core/pi/pi-create.ts',
    'main/core/pi/revise.ts',
    'main/core/pi/cor-apply.ts',
    'main/core/pi/held.ts',
    'main/core/pi/held-release.ts',
    'main/core/pi/reissue.ts',
    'main/core/funds/*.ts',
    'main/core/reconcile/apply-paid.ts',
    'main/core/reconcile/apply-failed.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: two test processes at most.
  concurrency: 2,
  // Module-level constants would run every test for each mutant; none hold a money rule.
  ignoreStatic: true,
  // Message and SQL texts: a surviving mutant runs every test that reaches its line (most of
  // them go through a push), which would take this run past an hour on the shared machine.
  // The tests pin the messages that matter by their words instead.
  mutator: { excludedMutations: ['StringLiteral'] },
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
};

// Surviving mutants judged equivalent or unreachable through the real path (reviewed by hand;
// each would need a ledger or a transport this product never makes):
// - pi/reissue.ts `eligibility.reason ?? '…nothing to move…'`: evaluate() always gives a
//   reason when a revised PI is not allowed, so the fallback text is never used.
// - pi/reissue.ts `if (!root?.sanctionId)`: every original PI is made by createPi with its
//   payment and its sanction; the guard is for rows from outside the console.
// - pi/push.ts `catch (err) { result = noAnswer('PI', …) }` and pi/revise.ts the same for COR:
//   JitClient returns every transport failure as No Response and never throws.
// - pi/push.ts `if (!pi) throw notFound(…)` in sendPi and `if (!pi || …) return` in
//   applyPiResult: the id always comes from a row read in the same call.
// - pi/pi-create.ts the CHECK-constraint catch: the write queue serialises pushes, so the
//   debit never finds less than pickSanction saw; the CHECK is the last guard only.
// - funds/allotments.ts the AllotmentSummary counts: nothing reads them (the VA poller
//   records the call and the rows, not the counts).
// - pi/revise.ts `fyEnd.plus({ months: 1 }).set({ day: 30 })` with `.set({})`: 31 March plus a
//   month is already 30 April (luxon keeps the day within the month).
// - pi/revise.ts the `catch` around the COR call (and its request object): as for push.ts,
//   JitClient never throws.
// - reconcile/apply-failed.ts `data === undefined ? []` and `[data]`: FD and FTFPS answers
//   always reach it as a list (the classifier parses their `data` as one, `[]` when absent).
// - reconcile/apply-paid.ts `open?.n` in the "not yet paid" text: count(*) always gives a row.
// - pi/reissue.ts `earlier?.n`: count(*) always gives a row.
// - pi/push.ts `result.outcome !== 'ERROR' || !result.refused` with `false || …`: only an ERROR
//   answer is ever marked refused (jit/classify.ts), so the first test decides nothing.
