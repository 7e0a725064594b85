/** Builds what the extension tests load: the extension (dist/) and the suite (test/e2e/suite → out/e2e/suite). */
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './code-server';

const SUITE_SRC = path.join(PROJECT_ROOT, 'test/e2e/suite');
export const SUITE_OUT = path.join(PROJECT_ROOT, 'out/e2e/suite');
/** The `extensionTestsPath` both runners hand to VS Code. */
export const SUITE_ENTRY = path.join(SUITE_OUT, 'index.js');

export async function buildExtensionAndSuite(): Promise<void> {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  const entries = fs.readdirSync(SUITE_SRC).filter((n) => n === 'index.ts' || n.endsWith('.e2e.ts'));
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((n) => path.join(SUITE_SRC, n)),
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // the extension host provides `vscode`; mocha must be the one instance the suite files register with
    external: ['vscode', 'mocha'],
  });
}
