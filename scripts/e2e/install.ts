/**
 * Everything the real-editor tests use, installed idempotently: code-server (with its
 * build packages), chromium and neovim. `npm run e2e:install` runs it ahead of time.
 * `--browser`: chromium alone, never failing (`npm test` runs it first: the tests that
 * drive chromium decide whether to skip as they load, before the e2e tests install it).
 */
import { ensureChromium } from './browser';
import { ensureCodeServer } from './code-server';
import { ensureDebianPackages, Unavailable } from './debian';

/** code-server's executable once it and chromium are installed, or why they cannot be here. */
export function prepareRealEditor(log?: (line: string) => void): string | Unavailable {
  try {
    ensureChromium(log);
    return ensureCodeServer(log);
  } catch (e) {
    if (e instanceof Unavailable) return e;
    throw e;
  }
}

function prepareBrowser(): void {
  try {
    ensureChromium();
    console.log('chromium: ready');
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    console.log(`chromium: unavailable (the tests that drive it will say so as they skip): ${e.message}`);
  }
}

if (require.main === module && process.argv.includes('--browser')) prepareBrowser();
else if (require.main === module) {
  const editor = prepareRealEditor();
  console.log(editor instanceof Unavailable ? `code-server/chromium: unavailable: ${editor.message}` : 'code-server and chromium: ready');
  let neovim = 'ready';
  try {
    ensureDebianPackages(['neovim']);
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    neovim = `unavailable: ${e.message}`;
  }
  console.log(`neovim: ${neovim}`);
  process.exit(editor instanceof Unavailable || neovim !== 'ready' ? 1 : 0);
}
