/**
 * A built product the bench runs: this tree's `dist/` and `bin/quicktakes`, or
 * another checkout's (`npm run bench -- --compare DIR`), so two builds are
 * measured in one run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../test/support/corpus';

export interface Build {
  /** How the tables name it: `new` (this tree) or `old` (the compared checkout). */
  name: string;
  root: string;
  server: string;
  bin: string;
  /**
   * A temp folder of its own (its processes' TMPDIR): its index cache, which a
   * start of the other build would not trust, is not overwritten by the other's.
   */
  tmp?: string;
}

export function buildAt(root: string, name: string, tmp?: string): Build {
  const b: Build = { name, root: path.resolve(root), server: '', bin: '', tmp };
  b.server = path.join(b.root, 'dist/server.js');
  b.bin = path.join(b.root, 'bin/quicktakes');
  for (const f of [b.server, b.bin]) if (!fs.existsSync(f)) throw new Error(`${f} not found: build ${b.root} first (npm run build)`);
  if (tmp) fs.mkdirSync(tmp, { recursive: true });
  return b;
}

export const THIS_BUILD: Build = {
  name: 'new',
  root: PROJECT_ROOT,
  server: path.join(PROJECT_ROOT, 'dist/server.js'),
  bin: path.join(PROJECT_ROOT, 'bin/quicktakes'),
};

/** The environment of a build's processes (undefined: this process's own). */
export function envOf(b: Build): NodeJS.ProcessEnv | undefined {
  return b.tmp ? { ...process.env, TMPDIR: b.tmp } : undefined;
}

/** The newest modification time of a file under `dir` (its index cache being rewritten moves it). */
export function newestWrite(dir: string): number | undefined {
  let newest: number | undefined;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || e.name.endsWith('.tmp')) continue; // a cache being written is not written yet
    const t = fs.statSync(path.join(e.parentPath, e.name), { throwIfNoEntry: false })?.mtimeMs;
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}
