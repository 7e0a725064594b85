/**
 * Starting the project's worker threads: their entries sit next to the bundle
 * (`dist/<entry>.js`) or, run from source (tests, the bench under tsx), next to
 * this file as `.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export type WorkerEntry = 'index-worker' | 'lint-worker' | 'read-worker' | 'answer-worker';

/** The script of a worker entry, or undefined when it is not there. */
export function workerScript(entry: WorkerEntry): string | undefined {
  for (const name of [`${entry}.js`, `${entry}.ts`]) {
    const p = path.join(__dirname, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

export function startWorker(script: string, options: WorkerOptions): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, options);
  // a worker does not inherit `--import tsx`: load its require hook first
  const hook = `require(require.resolve('tsx/cjs', { paths: [${JSON.stringify(path.dirname(script))}] }))`;
  return new Worker(`${hook}; require(${JSON.stringify(script)});`, { ...options, eval: true });
}
