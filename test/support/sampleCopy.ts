/**
 * Throwaway copies of the bundled sample workspace, for tests that run the CLI
 * on files they change (optionally as a git repository), and lint's JSON output
 * read back.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from './corpus';
import { quicktakes } from './process';

export interface JsonDiagnostic {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface LintJson {
  status: number | null;
  stderr: string;
  files: number;
  diagnostics: JsonDiagnostic[];
  /** With a baseline: how many problems it held. */
  known?: number;
}

const made: string[] = [];
// one cleanup for the whole test process, however many test files use copies
process.once('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A git command with a fixed identity, so commits work on a machine without one. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** A new empty temporary folder, removed when the test process exits. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quicktakes-test-'));
  made.push(dir);
  return dir;
}

/** A copy of the sample workspace in a new temporary folder; with `repo`, committed in a fresh git repository. */
export function sampleCopy({ repo = false }: { repo?: boolean } = {}): string {
  const dir = tempDir();
  fs.cpSync(path.join(PROJECT_ROOT, 'sample'), dir, { recursive: true });
  if (repo) {
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'sample');
  }
  return dir;
}

/** `quicktakes lint <args> --format json` in `cwd`, its output parsed. */
export function lintJson(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): LintJson {
  const r = quicktakes(['lint', ...args, '--format', 'json'], cwd, env);
  return {
    status: r.status,
    stderr: r.stderr,
    ...(JSON.parse(r.stdout) as { files: number; diagnostics: JsonDiagnostic[]; known?: number }),
  };
}
