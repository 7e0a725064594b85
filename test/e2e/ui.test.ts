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
import { articleText } from '../support/fixtures';
import { quicktakes } from '../support/process';
import { until } from '../support/until';
import { FIXTURE, writeFixtureWorkspace } from './fixture';
import { Workbench } from './workbench';

const bin = prepareRealEditor();
/** A real article of the sample with display math, a list and related links: the preview's showcase. */
const SHOWCASE = 'content/learn/physics/what-is-bernoullis-principle-in-fluid-dynamics.md';
/** A real article of the sample that 8 articles link to, with a related link the site answers with a 404: the views' showcase. */
const VIEWS_SHOWCASE = 'content/learn/mathematics/what-is-the-difference-between-open-and-closed-intervals-in-interval-notation.md';
/** An article whose answer links to another article of the site. */
const LINKING = {
  path: 'content/learn/psychology/which-article-does-this-answer-link-to.md',
  text: articleText({
    questionKey: 'which-article-does-this-answer-link-to',
    answer: `Read [the linked question](${FIXTURE.target.path.replace(/^content\/learn\/([^/]+)\/(.*)\.md$/, '/learn/$1/questions/$2')}) first.`,
  }),
};

describe(
  'the packaged extension in code-server, driven like a user',
  { skip: bin instanceof Unavailable && bin.message, timeout: 10 * 60_000 },
  () => {
    let workspace = '';
    let stateDir = '';
    let product: ServedProduct | undefined;
    let browser: Browser | undefined;
    let wb: Workbench;
    const uiTest = (name: string, fn: () => Promise<void>): void => void test(name, () => wb.step(name, fn));

    before(async () => {
      workspace = writeFixtureWorkspace();
      fs.writeFileSync(path.join(workspace, LINKING.path), LINKING.text);
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-ui-state-'));
      product = await serveProduct(bin as string, { port: await freePort(), workspace, stateDir });
      browser = await launchChromium();
      wb = new Workbench(await browser.newPage({ viewport: { width: 1400, height: 850 } }));
      await wb.load(product.url);
    });

    after(async () => {
      await browser?.close();
      product?.stop();
      for (const d of [workspace, stateDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
    });

    uiTest('the status bar shows the index, and an article opens as a QuickTakes Article', async () => {
      await wb.page.locator('.statusbar-item', { hasText: /QuickTakes: [\d,]+ articles/ }).waitFor({ timeout: 60_000 });
      await wb.openFile(path.basename(FIXTURE.broken.path));
      await wb.page.locator('.statusbar-item', { hasText: 'QuickTakes Article' }).waitFor();
    });

    uiTest('clicking the status-bar item offers the main commands', async () => {
      await wb.page.locator('.statusbar-item', { hasText: /QuickTakes: [\d,]+ articles/ }).click();
      for (const title of ['Open Preview to the Side', 'New Question', 'Corpus Health', 'Get Started'])
        await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await wb.page.keyboard.press('Escape');
    });

    uiTest('the Problems panel lists the diagnostic codes of a broken article', async () => {
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

    uiTest('typing in a broken related slot pops up articles from the corpus', async () => {
      const lines = fs.readFileSync(path.join(workspace, FIXTURE.broken.path), 'utf8').split('\n');
      const line = lines.indexOf('    id: 123456789');
      await wb.goTo(line + 1, '    id: '.length + 1);
      await wb.page.keyboard.press('Shift+End');
      await wb.page.keyboard.type('memory');
      await wb.suggest('How are schemata organized in memory');
      await wb.screenshot('vscode-diagnostics-completion.png', { readme: true });
      await wb.page.keyboard.press('Escape');
      await wb.runCommand('File: Revert File');
    });

    uiTest('the grammar scopes the answer: a literal \\n stands out', async () => {
      const text = fs.readFileSync(path.join(workspace, FIXTURE.broken.path), 'utf8');
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('\\n'));
      await wb.goTo(line + 1, lines[line].indexOf('\\n') + 2);
      await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
      const widget = wb.page.locator('.token-inspect-widget');
      await widget.getByText('constant.character.escape.newline.quicktakes').first().waitFor();
      assert.match(await widget.innerText(), /text\.quicktakes/);
      await wb.page.keyboard.press('Escape');
    });

    uiTest('the preview opens to the side and shows the answer as the site does, math typeset', async () => {
      await wb.runCommand('View: Hide Panel');
      await wb.runCommand('View: Toggle Primary Side Bar Visibility');
      await wb.openFile(path.basename(SHOWCASE));
      await wb.runCommand('QuickTakes: Open Preview to the Side');
      const preview = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await preview.locator('.qt-answer .katex-display').first().waitFor();
      await preview.getByRole('heading', { name: 'Related Questions' }).waitFor();
      assert.match(await preview.locator('.qt-question').innerText(), /Bernoulli/);
      await wb.screenshot('vscode-preview.png', { readme: true });
    });

    uiTest('Edit Answer opens the answer as Markdown, and the preview follows it', async () => {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile(path.basename(SHOWCASE));
      await wb.runCommand('QuickTakes: Edit Answer');
      const answerTab = `${path.basename(SHOWCASE, '.md')}.answer.md`;
      await wb.page.locator('.tab.active', { hasText: answerTab }).first().waitFor();
      // the answer alone beside its preview: the article's tab closes (its close button, as a user would)
      const articleTab = wb.page.locator('.tab', { hasText: path.basename(SHOWCASE) }).first();
      await articleTab.hover();
      await articleTab.locator('.codicon-close').click();
      await articleTab.waitFor({ state: 'detached' });
      await wb.page.locator('.tab', { hasText: answerTab }).first().click();
      await wb.runCommand('QuickTakes: Open Preview to the Side');
      const preview = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await preview.locator('.qt-answer .katex-display').first().waitFor();
      await wb.page.locator('.monaco-editor .view-line', { hasText: '$$' }).first().waitFor();
      await wb.screenshot('answer-editor.png', { readme: true });
    });

    /** The preview's page (the webview's inner frame). */
    const previewFrame = () => wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    /** Whether the preview is scrolled past its heading (the heading is above the webview's top). */
    const scrolledPastHeading = async () => {
      const frame = await wb.page.locator('iframe.webview.ready').boundingBox();
      const heading = await previewFrame().locator('h1.qt-question').boundingBox();
      return !!frame && !!heading && heading.y + heading.height < frame.y;
    };

    uiTest('the preview scrolls the editor and jumps to the source on a double-click', async () => {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile(path.basename(SHOWCASE));
      await wb.runCommand('QuickTakes: Open Preview to the Side');
      await previewFrame().locator('.qt-answer .katex-display').first().waitFor();
      const firstLine = wb.page.locator('.editor-group-container').first().locator('.line-numbers').filter({ hasText: /^1$/ });
      await firstLine.waitFor();
      await wb.page.locator('iframe.webview.ready').hover();
      await wb.page.mouse.wheel(0, 800);
      // the editor follows: the answer's long line is at its top, the file's first line out of view
      await firstLine.waitFor({ state: 'detached' });
      // a double-click on the second paragraph puts the cursor where it starts, in the answer's one YAML line
      const lines = fs.readFileSync(path.join(workspace, SHOWCASE), 'utf8').split('\n');
      const answerLine = lines.findIndex((l) => l.startsWith('answer:')) + 1;
      const column = lines[answerLine].indexOf('Mathematically') + 1;
      await previewFrame()
        .locator('.qt-answer > p')
        .nth(1)
        .dblclick({ position: { x: 10, y: 5 } });
      // the status bar shows the cursor of the focused editor (the double-click may leave the focus in the preview)
      await wb.focusEditor();
      await wb.page.locator('.statusbar-item', { hasText: `Ln ${answerLine + 1}, Col ${column}` }).waitFor();
    });

    uiTest('a link to an article in an answer opens that article', async () => {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile(path.basename(LINKING.path));
      await wb.runCommand('QuickTakes: Open Preview to the Side');
      await previewFrame().getByRole('link', { name: 'the linked question' }).click();
      await wb.page
        .locator('.tab.active', { hasText: path.basename(FIXTURE.target.path) })
        .first()
        .waitFor();
      // the (dynamic) preview follows the article that opened; nothing else opened the link
      await wb.page.locator('.tab', { hasText: `Preview ${path.basename(FIXTURE.target.path)}` }).waitFor();
      assert.equal(wb.page.context().pages().length, 1, 'no browser window for the link');
    });

    uiTest('a locked preview comes back after a window reload, on its article, where it was read', async () => {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile(path.basename(SHOWCASE));
      await wb.runCommand('QuickTakes: Open Locked Preview to the Side');
      const tab = wb.page.locator('.tab', { hasText: `[Preview] ${path.basename(SHOWCASE)}` });
      await tab.waitFor();
      await previewFrame().locator('.qt-answer .katex-display').first().waitFor();
      await wb.page.locator('iframe.webview.ready').hover();
      await wb.page.mouse.wheel(0, 600);
      await until(scrolledPastHeading, 'the preview to scroll');
      await wb.reload();
      await tab.waitFor({ timeout: 60_000 });
      await previewFrame().locator('.qt-answer .katex-display').first().waitFor({ timeout: 60_000 });
      assert.match(await previewFrame().locator('.qt-question').innerText(), /Bernoulli/);
      await until(scrolledPastHeading, 'the preview to be where it was read');
    });

    uiTest('New Question creates an article that passes the checks, and opens it', async () => {
      await wb.runCommand('QuickTakes: New Question');
      const input = wb.page.locator('.quick-input-widget input');
      await input.fill('Psychology');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Psychology' }).first().waitFor();
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.quick-input-widget', { hasText: 'New Question in Psychology' }).waitFor();
      await input.fill('How do end-to-end tests create questions?');
      await wb.page.keyboard.press('Enter');
      // the sample may hold articles sharing some of these words: then create it anyway
      const createdTab = wb.page.locator('.tab.active', { hasText: 'how-do-end-to-end-tests-create-questions.md' }).first();
      const anyway = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'anyway' }).first();
      await createdTab.or(anyway).waitFor();
      if (await anyway.isVisible()) await anyway.click();
      await createdTab.waitFor();
      const created = path.join(workspace, 'content/learn/psychology/how-do-end-to-end-tests-create-questions.md');
      assert.ok(fs.existsSync(created), `${created} exists`);
      const lint = quicktakes(['lint', created, '--format', 'json']);
      const errors = (JSON.parse(lint.stdout) as { diagnostics: { severity: string }[] }).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], lint.stdout);
    });

    uiTest('New Question shows the articles that already ask the question, in other words too, and opens one', async () => {
      await wb.runCommand('QuickTakes: New Question');
      const input = wb.page.locator('.quick-input-widget input');
      await input.fill('Accounting and Finance');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Accounting and Finance' }).first().waitFor();
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.quick-input-widget', { hasText: 'New Question in Accounting and Finance' }).waitFor();
      await input.fill('How does the accrual basis change when revenue is recognized?');
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.quick-input-widget', { hasText: 'this already' }).waitFor();
      const existing = wb.page.locator('.quick-input-list .monaco-list-row', {
        hasText: 'Explain the accrual basis of accounting and its impact on revenue recognition.',
      });
      await existing.waitFor();
      await existing.click();
      await wb.page
        .locator('.tab.active', { hasText: 'explain-the-accrual-basis-of-accounting-and-its-impact-on-revenue-recognition.md' })
        .first()
        .waitFor();
      const asked = path.join(
        workspace,
        'content/learn/accounting-and-finance/how-does-the-accrual-basis-change-when-revenue-is-recognized.md',
      );
      assert.ok(!fs.existsSync(asked), 'nothing created');
    });

    uiTest('a subject folder offers New Question in the Explorer, for its subject', async () => {
      await wb.runCommand('View: Close All Editors');
      await wb.runCommand('View: Show Explorer');
      const item = (name: string) =>
        wb.page.locator('.explorer-folders-view .monaco-list-row', { has: wb.page.getByText(name, { exact: true }) });
      for (const folder of ['content', 'learn']) {
        await item(folder).waitFor();
        if ((await item(folder).getAttribute('aria-expanded')) !== 'true') await item(folder).click();
      }
      await item('psychology').click({ button: 'right' });
      // a click that lands while the menu is still opening is lost: click until the menu has closed
      const entry = wb.page.locator('.monaco-menu .action-label', { hasText: 'New Question' });
      await until(async () => {
        if (await entry.isVisible()) await entry.click({ timeout: 5_000 }).catch(() => undefined);
        return !(await entry.isVisible());
      }, 'the context menu entry to run');
      // no subject to pick: the folder's
      await wb.page.locator('.quick-input-widget', { hasText: 'New Question in Psychology' }).waitFor();
      await wb.page.keyboard.press('Escape');
    });

    uiTest('the QuickTakes views show who links to an article and where its related links lead', async () => {
      await wb.openFile(path.basename(VIEWS_SHOWCASE));
      await wb.page.getByRole('tab', { name: /^QuickTakes/ }).click();
      // a side bar wide enough for each row's subject and each link's status
      const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
      assert.ok(sidebar);
      const sash = { x: sidebar.x + sidebar.width, y: sidebar.y + sidebar.height / 2 };
      await wb.page.mouse.move(sash.x, sash.y);
      await wb.page.mouse.down();
      await wb.page.mouse.move(sash.x + 420, sash.y, { steps: 5 });
      await wb.page.mouse.up();
      const rows = wb.page.locator('.pane-body .monaco-list-row');
      await rows.filter({ hasText: 'related_article' }).first().waitFor();
      await rows.filter({ hasText: 'related-broken-url' }).first().waitFor();
      assert.ok((await rows.filter({ hasText: 'related_article' }).count()) >= 8);
      await wb.screenshot('vscode-views.png', { readme: true });
    });

    uiTest('the getting-started walkthrough shows its steps', async () => {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with QuickTakes Authoring' }).first().click();
      const page = wb.page.locator('.gettingStartedContainer');
      for (const step of [
        'Open an article',
        'Preview it as the site shows it',
        'Fix a problem',
        'Edit the answer as Markdown',
        'Write a new question',
      ])
        await page.getByText(step, { exact: true }).first().waitFor();
    });
  },
);
