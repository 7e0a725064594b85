// The standalone `quicktakes` CLI package: the built CLI, its worker threads and
// what it reads at run time, in a package with no dependencies, packed with
// `npm pack` into quicktakes-cli-<version>.tgz, so that a content repository
// can `npm install --save-dev` the tarball offline.
//
//   node scripts/package-cli.mjs [--out DIR]   (after `npm run build`; the tarball goes to DIR, by default the project root)
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? root);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// the CLI starts these threads from files beside itself, and `report --html` inlines media/health.*
const FILES = [
  'dist/cli.js',
  'dist/index-worker.js',
  'dist/lint-worker.js',
  'dist/read-worker.js',
  'dist/answer-worker.js',
  'media/health.js',
  'media/health.css',
];
const missing = FILES.filter((f) => !existsSync(join(root, f)));
if (missing.length) {
  console.error(`package-cli: ${missing.join(', ')} missing; run \`npm run build\` first.`);
  process.exit(1);
}

const stage = join(root, 'out/cli-package');
rmSync(stage, { recursive: true, force: true });
for (const f of FILES) {
  mkdirSync(dirname(join(stage, f)), { recursive: true });
  copyFileSync(join(root, f), join(stage, f));
}
mkdirSync(join(stage, 'bin'));
writeFileSync(join(stage, 'bin/quicktakes'), "#!/usr/bin/env node\nrequire('../dist/cli.js');\n");
chmodSync(join(stage, 'bin/quicktakes'), 0o755);

const manifest = {
  name: '@quicktakes/cli',
  version: pkg.version,
  description: 'The quicktakes command: checks QuickTakes articles (front matter, related links, answers) in CI and hooks.',
  license: pkg.license,
  repository: pkg.repository,
  bin: { quicktakes: 'bin/quicktakes' },
  files: ['bin/', 'dist/', 'media/'],
  engines: { node: pkg.engines.node },
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(
  join(stage, 'README.md'),
  `# ${manifest.name}

The \`quicktakes\` command of QuickTakes Authoring ${pkg.version}, bundled into itself: no
dependencies, no install scripts, Node ${pkg.engines.node}.

\`\`\`sh
npm install --save-dev ./quicktakes-cli-${pkg.version}.tgz
npx quicktakes lint content/learn
npx quicktakes --help
\`\`\`

CI and pre-commit set-up: docs/ci.md in ${pkg.repository.url}.
`,
);

mkdirSync(out, { recursive: true });
// nothing to fetch and nothing to run: the package has no dependencies and no scripts
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', out], {
    cwd: stage,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
console.log(join(out, packed[0].filename));
