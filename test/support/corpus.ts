/**
 * The real corpus for integration tests: extracted once from the shared corpus
 * folder beside the project (or `QUICKTAKES_SHARED`) into the ignored `.corpus/`
 * folder. Without the corpus archive there, tests that need it are skipped with the reason.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SHARED = process.env.QUICKTAKES_SHARED ?? path.resolve(PROJECT_ROOT, '../shared');
export const TARBALL = path.join(SHARED, 'corpus/quicktakes-content.tar.gz');
const TARGET = path.join(PROJECT_ROOT, '.corpus');

export const corpusSkipReason: string | false = fs.existsSync(TARBALL)
  ? false
  : `the real corpus is not available (${TARBALL} not found): these tests need ../shared beside the project`;

/** Extracts the corpus (once) and returns the folder holding `content/learn`. */
export function realCorpus(): string {
  if (fs.existsSync(path.join(TARGET, 'content/learn'))) return TARGET;
  // Test files run in parallel: extract aside, then rename into place atomically.
  const tmp = `${TARGET}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  execFileSync('tar', ['xzf', TARBALL, '-C', tmp]);
  try {
    fs.renameSync(tmp, TARGET);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
  return TARGET;
}
