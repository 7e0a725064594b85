/**
 * The same extension test suite in desktop VS Code via @vscode/test-electron, for
 * machines that can download VS Code (it fetches a build from update.code.visualstudio.com;
 * on Linux it needs a display, e.g. `xvfb-run -a`). Not part of `npm test`:
 *
 *     node --import tsx test/e2e/runElectron.ts        # VSCODE_VERSION=1.91.0 to pin
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import { buildExtensionAndSuite, SUITE_ENTRY } from '../../scripts/e2e/build';
import { PROJECT_ROOT } from '../../scripts/e2e/code-server';
import { writeFixtureWorkspace } from './fixture';

async function main(): Promise<number> {
  await buildExtensionAndSuite();
  const workspace = writeFixtureWorkspace();
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: SUITE_ENTRY,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
