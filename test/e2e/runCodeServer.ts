/**
 * Runs the extension test suite (test/e2e/suite) inside a real VS Code: code-server's
 * workbench in Debian's chromium, with the extension loaded from this folder as the
 * extension under development, through the workbench's `payload` URL parameter.
 * Offline; installs code-server and chromium when missing. `npm test` runs it via
 * vscode.test.ts; run alone with `node --import tsx test/e2e/runCodeServer.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from '../../scripts/e2e/browser';
import { buildExtensionAndSuite, SUITE_ENTRY } from '../../scripts/e2e/build';
import { freePort, PROJECT_ROOT, startCodeServer } from '../../scripts/e2e/code-server';
import { Unavailable } from '../../scripts/e2e/debian';
import { prepareRealEditor } from '../../scripts/e2e/install';
import { writeFixtureWorkspace } from './fixture';
import { reportLines } from './report';

export type E2EResult =
  | { status: 'passed' | 'failed'; /** mocha's report */ report: string[]; /** the workbench's console */ log: string[] }
  | { status: 'skipped'; reason: string };

export interface RunOptions {
  /** Whole-run bound, start-up included. */
  timeoutMs?: number;
  /** Progress and each line of mocha's report as it arrives. */
  log?: (line: string) => void;
}

/** A bound, not a wait: a whole run takes minutes on a loaded 2-core machine (vscode.test.ts allows 20). */
const RUN_TIMEOUT_MS = 15 * 60_000;

export async function runSuiteInCodeServer(opts: RunOptions = {}): Promise<E2EResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const bin = prepareRealEditor(log);
  if (bin instanceof Unavailable) return { status: 'skipped', reason: bin.message };
  await buildExtensionAndSuite();

  const workspace = writeFixtureWorkspace();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-e2e-state-'));
  const port = await freePort();
  const report: string[] = [];
  const workbenchLog: string[] = [];
  // The web workbench auto-saves by default (desktop VS Code does not): a suite slow under load would have
  // its edits written to the fixture, and the revert meant to undo them would keep them.
  const server = await startCodeServer(bin, { port, stateDir, settings: { 'files.autoSave': 'off' } });
  const browser = await launchChromium();
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      timer = setTimeout(() => {
        report.push(`timed out after ${(opts.timeoutMs ?? RUN_TIMEOUT_MS) / 1000} s`);
        resolve(1);
      }, opts.timeoutMs ?? RUN_TIMEOUT_MS);
    });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...args);
      const lines = reportLines(line);
      if (!lines) return void workbenchLog.push(line);
      report.push(...lines);
      lines.forEach(log);
    });
    // the extension and suite paths as the remote extension host sees them: on the same host:port as the page
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(PROJECT_ROOT)],
      ['extensionTestsPath', remote(SUITE_ENTRY)],
    ];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await exitCode;
    return { status: code === 0 ? 'passed' : 'failed', report, log: workbenchLog };
  } finally {
    clearTimeout(timer);
    await browser.close();
    server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runSuiteInCodeServer().then(
    (r) => {
      if (r.status === 'skipped') console.log(`SKIPPED: ${r.reason}`);
      else if (r.status === 'failed') console.log(`FAILED; the workbench log ends:\n${r.log.slice(-40).join('\n')}`);
      process.exit(r.status === 'failed' ? 1 : 0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
