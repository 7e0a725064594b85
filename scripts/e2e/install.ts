/**
 * `npm run e2e:install`: installs everything the real-editor tests use, idempotently:
 * code-server (with its build packages), chromium and neovim. Prints what is unavailable.
 */
import { ensureChromium } from './browser';
import { ensureCodeServer } from './code-server';
import { ensureDebianPackages, Unavailable } from './debian';

const steps: [string, () => unknown][] = [
  ['code-server', () => ensureCodeServer()],
  ['chromium', () => ensureChromium()],
  ['neovim', () => ensureDebianPackages(['neovim'])],
];
let failed = false;
for (const [name, step] of steps) {
  try {
    step();
    console.log(`${name}: ready`);
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    failed = true;
    console.log(`${name}: unavailable: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
