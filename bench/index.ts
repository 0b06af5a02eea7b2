// `npm run bench` reconciles against the sandbox beside its floors; `npm run bench -- review`
// times the review screens on a large ledger.
import { parseArgs } from '../main/cli/args';
import { reconcileBench } from './reconcile';
import { reviewBench } from './review';

const args = parseArgs(process.argv.slice(2));
(args.words[0] === 'review' ? reviewBench(args) : reconcileBench(args)).catch((err) => {
  console.error(err);
  process.exit(1);
});
