// `npm run package [-- vsce options]`: the extension's .vsix (vsce package, which
// builds first) and, beside it, the standalone CLI tarball (package-cli.mjs).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const vsce = fileURLToPath(import.meta.resolve('@vscode/vsce/vsce'));

const run = (script, argv) => {
  const r = spawnSync(process.execPath, [script, ...argv], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(vsce, ['package', '--no-dependencies', '--skip-license', ...args]);
// vsce's --out is a file or a folder; the tarball goes to the same folder
const i = args.findIndex((a) => a === '--out' || a === '-o');
const out = i < 0 ? root : args[i + 1].endsWith('.vsix') ? dirname(resolve(root, args[i + 1])) : resolve(root, args[i + 1]);
run(join(root, 'scripts/package-cli.mjs'), ['--out', out]);
