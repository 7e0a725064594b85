/** Running the built `quicktakes` executable as a process, as users and CI do. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from './corpus';

export const BIN = path.join(PROJECT_ROOT, 'bin/quicktakes');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function quicktakes(args: string[], cwd = PROJECT_ROOT, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
