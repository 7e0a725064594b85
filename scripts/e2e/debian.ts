/**
 * Debian packages the real-editor tests need, installed with apt when we are root
 * and they are missing. Anything that cannot be had is reported as a reason, so
 * callers can skip with it instead of failing or silently passing.
 */
import { spawnSync } from 'node:child_process';

/** Thrown when a tool the e2e tests need cannot be installed on this machine. */
export class Unavailable extends Error {}

export function isInstalled(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

const hasCommand = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

let updated = false;

/** Installs the missing packages (one apt call); throws `Unavailable` with the reason when it cannot. */
export function ensureDebianPackages(pkgs: string[], log: (line: string) => void = console.log): void {
  if (!hasCommand('dpkg-query')) {
    throw new Unavailable(`not a Debian-like system (no dpkg-query); needs: ${pkgs.join(' ')}`);
  }
  const missing = pkgs.filter((p) => !isInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Unavailable(`missing Debian packages (${missing.join(' ')}) and not root to apt-get install them`);
  if (!hasCommand('apt-get')) throw new Unavailable(`missing Debian packages (${missing.join(' ')}) and no apt-get`);
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // wait for a concurrent apt (another test file installing its tools) instead of failing
  const install = () => apt(['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
  let r = install();
  if (r.status !== 0 && !updated) {
    // a fresh machine has no package lists yet
    updated = true;
    apt(['-o', 'DPkg::Lock::Timeout=600', 'update', '-q']);
    r = install();
  }
  if (r.status !== 0)
    throw new Unavailable(`apt-get install ${missing.join(' ')} failed:\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
}
