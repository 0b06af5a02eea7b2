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
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
};
