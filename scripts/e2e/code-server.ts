/**
 * A real VS Code for this machine: code-server 4.100.3 (VS Code 1.100.3, the last
 * release on Node 20), installed offline and idempotently into `.cache/code-server`,
 * and started on a free local port. It goes into a folder of its own, not `-g`: the
 * global flag would leak into its inner install of VS Code, which then fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDebianPackages, Unavailable } from './debian';
import { withLock } from './lock';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_DIR = path.join(PROJECT_ROOT, '.cache/code-server');
const INSTALLED_MARKER = path.join(CACHE_DIR, `installed-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = path.join(CACHE_DIR, 'node_modules/.bin/code-server');

/** What code-server's native modules need to build, plus `rg` for its ripgrep dependency. */
const BUILD_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3', 'pkg-config', 'ripgrep'];

/** The prebuilt `rg` download @vscode/ripgrep 1.15.11 looks for in its cache before going to GitHub. */
function ripgrepCachePath(): string {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch as 'x64' | 'arm64'];
  if (!target) throw new Unavailable(`no ripgrep cache recipe for ${process.arch}`);
  return path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11', `ripgrep-v13.0.0-10-${target}.tar.gz`);
}

/** Packs Debian's /usr/bin/rg as that cached download, so the install never reaches GitHub. */
function seedRipgrepCache(): void {
  const tarball = ripgrepCachePath();
  if (fs.existsSync(tarball)) return;
  fs.mkdirSync(path.dirname(tarball), { recursive: true });
  const r = spawnSync('tar', ['czf', tarball, '-C', '/usr/bin', 'rg'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Unavailable(`could not pack /usr/bin/rg: ${r.stderr}`);
}

/** The npm environment for the inner install, without the settings of an enclosing `npm test`/`npm start`. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));
  // node-pty's build runs `npx node-gyp`, which would otherwise wait for a "yes"
  return { ...env, npm_config_yes: 'true' };
}

/** Installs code-server when it is not there yet; returns its executable. Throws `Unavailable` with the reason. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  const ready = () => fs.existsSync(INSTALLED_MARKER) && fs.existsSync(CODE_SERVER_BIN);
  if (ready()) return CODE_SERVER_BIN;
  return withLock(`${CACHE_DIR}.lock`, () => (ready() ? CODE_SERVER_BIN : installCodeServer(log)));
}

function installCodeServer(log: (line: string) => void): string {
  if (process.platform !== 'linux') throw new Unavailable(`the code-server e2e setup is for Linux, not ${process.platform}`);
  ensureDebianPackages(BUILD_PACKAGES, log);
  seedRipgrepCache();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(PROJECT_ROOT, CACHE_DIR)} (about a minute)`);
  // install aside and move into place, so an interrupted install is never taken for a finished one
  const staging = `${CACHE_DIR}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  // its own package.json, or npm would walk up and install into the project
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  const r = spawnSync('npm', ['install', '--unsafe-perm', '--omit=dev', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: staging,
    env: npmEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Unavailable(`npm install code-server@${CODE_SERVER_VERSION} failed:\n${tail}`);
  }
  fs.writeFileSync(path.join(staging, path.basename(INSTALLED_MARKER)), new Date().toISOString());
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  fs.renameSync(staging, CACHE_DIR);
  return CODE_SERVER_BIN;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  port: number;
  /** Holds user data and extensions; a fresh temp folder keeps runs independent. */
  stateDir: string;
  /** Opened when the page has no `?folder=`. */
  workspace?: string;
  /** User settings on top of the quiet workbench's, for a fresh `stateDir`. */
  settings?: Record<string, unknown>;
  log?: (line: string) => void;
}

export interface RunningCodeServer {
  origin: string;
  process: ChildProcess;
  stop(): void;
}

/** Everything code-server writes (config, user data, extensions) stays under `stateDir`. */
function stateArgs(stateDir: string): string[] {
  return [
    '--config',
    path.join(stateDir, 'config.yaml'),
    '--user-data-dir',
    path.join(stateDir, 'user-data'),
    '--extensions-dir',
    path.join(stateDir, 'extensions'),
  ];
}

/** Installs a packaged `.vsix` into the extensions folder of `stateDir` (a folder does not work there). */
export function installExtension(bin: string, vsix: string, stateDir: string): void {
  const r = spawnSync(bin, [...stateArgs(stateDir), '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Starts code-server and resolves once it answers HTTP. `stop()` kills its whole process group. */
export async function startCodeServer(bin: string, opts: CodeServerOptions): Promise<RunningCodeServer> {
  const settingsDir = path.join(opts.stateDir, 'user-data/User');
  fs.mkdirSync(settingsDir, { recursive: true });
  const settingsFile = path.join(settingsDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    // a quiet workbench: no welcome page, tips or trust prompts in the way of tests and screenshots
    const settings = {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'workbench.colorTheme': 'Default Light Modern',
      ...opts.settings,
    };
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  }
  const args = [
    '--bind-addr',
    `127.0.0.1:${opts.port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...stateArgs(opts.stateDir),
    ...(opts.workspace ? [opts.workspace] : []),
  ];
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (d: Buffer) => {
    output += String(d);
    for (const line of String(d).split('\n')) if (line.trim()) opts.log?.(`[code-server] ${line}`);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const stop = () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', stop);
  const origin = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer on ${origin} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { origin, process: child, stop };
}
