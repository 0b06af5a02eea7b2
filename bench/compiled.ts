// The benchmarks' child processes run compiled to JavaScript (bench/tsconfig.engine.json), as
// the console ships: under the TypeScript loader, the loader's own thread and heap added
// ~40 MB to a child's RSS.
import { execFileSync, fork } from 'node:child_process';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');

/** Compile every child (one tsc run); returns the path of `name` (e.g. 'engine-child') compiled. */
export function compiledChild(name: string): string {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'bench/tsconfig.engine.json'],
    { cwd: root, stdio: 'inherit' },
  );
  return path.join(root, `dist/bench-engine/bench/${name}.js`);
}

/** Run a compiled child on one job: it answers with one message, then exits 0. */
export function runChild<Job, Report>(script: string, job: Job, what: string): Promise<Report> {
  const child = fork(script, [], { stdio: 'inherit', execArgv: [] });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as Report));
    child.once('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`${what} process exited (${code})`)),
    );
    child.send(job as object);
  });
}
