/**
 * `npm start`: builds, packages the `.vsix`, installs it into code-server and serves
 * VS Code with the extension on the bundled sample workspace at 127.0.0.1.
 * Port: `--port N` or `PORT` (default 8080). `--check` starts, checks the page loads, and stops.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer, PROJECT_ROOT } from './code-server';
import { Unavailable } from './debian';
import { serveProduct } from './product';

const { values } = parseArgs({ options: { port: { type: 'string' }, check: { type: 'boolean' } } });
const port = Number(values.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`not a port: ${values.port ?? process.env.PORT}`);

async function main(): Promise<void> {
  let bin: string;
  try {
    bin = ensureCodeServer();
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    console.error(`Cannot serve VS Code here: ${e.message}`);
    console.error(
      'Install the extension into your own VS Code instead: npm run package && code --install-extension quicktakes-authoring-*.vsix',
    );
    process.exit(1);
  }
  console.log('building and packaging the extension…');
  const product = await serveProduct(bin, {
    port,
    workspace: path.join(PROJECT_ROOT, 'sample'),
    // kept between runs, so your VS Code settings and layout survive a restart
    stateDir: path.join(PROJECT_ROOT, '.cache/start'),
  });
  const stop = (code: number) => {
    product.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  if (values.check) {
    const res = await fetch(product.url);
    console.log(`${product.url} answered ${res.status}`);
    stop(res.ok ? 0 : 1);
  }
  console.log(`\nVS Code with QuickTakes Authoring on the sample workspace:\n\n    ${product.url}\n\n(Ctrl+C stops it)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
