/**
 * The product as a user gets it: the packaged `.vsix` installed into code-server,
 * serving VS Code on a workspace. `npm start` and the UI checks both go through here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installExtension, PROJECT_ROOT, startCodeServer, type RunningCodeServer } from './code-server';

/** `npm run package` (which builds first) into `out`; returns the `.vsix` path. */
export function packageVsix(out: string): string {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

export interface ServeOptions {
  port: number;
  workspace: string;
  /** code-server's config, user data and extensions. */
  stateDir: string;
  log?: (line: string) => void;
}

export interface ServedProduct extends RunningCodeServer {
  /** The workbench with `workspace` open. */
  url: string;
}

/** Packages the extension, installs it into code-server and serves `workspace`. */
export async function serveProduct(bin: string, opts: ServeOptions): Promise<ServedProduct> {
  const vsix = packageVsix(path.join(opts.stateDir, 'quicktakes-authoring.vsix'));
  installExtension(bin, vsix, opts.stateDir);
  const server = await startCodeServer(bin, { port: opts.port, stateDir: opts.stateDir, workspace: opts.workspace, log: opts.log });
  return { ...server, url: `${server.origin}/?folder=${encodeURI(opts.workspace)}` };
}
