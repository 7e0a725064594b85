/**
 * UI checks of the packaged product: the `.vsix` installed into code-server (as
 * `npm start` does), driven in chromium like a user, with screenshots
 * (test-results/screenshots; `npm run screenshots` refreshes the ones in docs/).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/e2e/browser';
import { freePort } from '../../scripts/e2e/code-server';
import { Unavailable } from '../../scripts/e2e/debian';
import { prepareRealEditor } from '../../scripts/e2e/install';
import { serveProduct, type ServedProduct } from '../../scripts/e2e/product';
import { FIXTURE, writeFixtureWorkspace } from './fixture';
import { Workbench } from './workbench';

const bin = prepareRealEditor();

describe(
  'the packaged extension in code-server, driven like a user',
  { skip: bin instanceof Unavailable && bin.message, timeout: 10 * 60_000 },
  () => {
    let workspace = '';
    let stateDir = '';
    let product: ServedProduct | undefined;
    let browser: Browser | undefined;
    let wb: Workbench;

    before(async () => {
      workspace = writeFixtureWorkspace();
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-ui-state-'));
      product = await serveProduct(bin as string, { port: await freePort(), workspace, stateDir });
      browser = await launchChromium();
      wb = new Workbench(await browser.newPage({ viewport: { width: 1400, height: 850 } }));
      await wb.load(product.url);
    });

    after(async () => {
      await wb?.screenshot('last.png').catch(() => undefined);
      await browser?.close();
      product?.stop();
      for (const d of [workspace, stateDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
    });

    test('the status bar shows the index, and an article opens as a QuickTakes Article', async () => {
      await wb.page.locator('.statusbar-item', { hasText: /QuickTakes: [\d,]+ articles/ }).waitFor({ timeout: 60_000 });
      await wb.openFile(path.basename(FIXTURE.broken.path));
      await wb.page.locator('.statusbar-item', { hasText: 'QuickTakes Article' }).waitFor();
    });

    test('the Problems panel lists the SPEC codes of a broken article', async () => {
      await wb.page.keyboard.press('Control+Shift+M');
      const panel = wb.page.locator('.markers-panel');
      // the panel shows `source(code)`, its parentheses drawn by CSS
      for (const code of FIXTURE.broken.codes) await panel.locator('.marker-code').getByText(code, { exact: true }).first().waitFor();
      const rows = await panel.locator('.monaco-list-row').allInnerTexts();
      assert.ok(
        rows.some((r) => r.includes('/learn/psychology/questions/a-wrong-key')),
        rows.join('\n'),
      );
      await wb.screenshot('diagnostics.png');
    });
  },
);
