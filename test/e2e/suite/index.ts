/**
 * The extension test entry (`extensionTestsPath`): runs every `*.e2e.js` beside it
 * with mocha inside the real extension host. Both runners (code-server, test-electron) load it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { REPORT_PREFIX } from '../report';

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(REPORT_PREFIX + format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000, grep: process.env.QUICKTAKES_E2E_GREP });
  for (const name of fs.readdirSync(__dirname).sort()) if (name.endsWith('.e2e.js')) mocha.addFile(path.join(__dirname, name));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
