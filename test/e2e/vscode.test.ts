/**
 * The extension test suite (test/e2e/suite) inside a real VS Code (code-server),
 * as part of `npm test`. Skipped, with the reason, where code-server or chromium
 * cannot be installed.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSuiteInCodeServer } from './runCodeServer';

test('the extension test suite passes inside a real VS Code (code-server 4.100.3)', { timeout: 20 * 60_000 }, async (t) => {
  const r = await runSuiteInCodeServer({ log: () => undefined });
  if (r.status === 'skipped') return void t.skip(r.reason);
  for (const line of r.report) if (line.trim()) t.diagnostic(line);
  assert.equal(r.status, 'passed', `mocha report:\n${r.report.join('\n')}\nworkbench log (end):\n${r.log.slice(-40).join('\n')}`);
});
