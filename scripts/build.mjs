// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { QUICKTAKES_VERSION: JSON.stringify(pkg.version) },
  // jsonc-parser's `main` is a UMD build whose inner requires a bundler cannot follow: take its ES modules
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};
const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  {
    ...common,
    // the indexing, lint and read-ahead worker threads (server/src/core/loading) next to the server and the CLI
    entryPoints: {
      server: 'server/src/server.ts',
      cli: 'server/src/cli.ts',
      'index-worker': 'server/src/core/loading/index-worker.ts',
      'lint-worker': 'server/src/core/loading/lint-worker.ts',
      'read-worker': 'server/src/core/loading/read-worker.ts',
      'answer-worker': 'server/src/core/loading/answer-worker.ts',
    },
    outdir: 'dist',
  },
];
// The preview's KaTeX stylesheet and fonts ship inside the extension (no network);
// Chromium takes the woff2 fonts first, so the older formats are left out.
function copyKatex() {
  const from = new URL('../node_modules/katex/dist/', import.meta.url);
  const to = new URL('../dist/katex/', import.meta.url);
  mkdirSync(new URL('fonts/', to), { recursive: true });
  copyFileSync(new URL('katex.min.css', from), new URL('katex.min.css', to));
  for (const font of readdirSync(new URL('fonts/', from)).filter((f) => f.endsWith('.woff2'))) {
    copyFileSync(new URL(`fonts/${font}`, from), new URL(`fonts/${font}`, to));
  }
}
copyKatex();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
