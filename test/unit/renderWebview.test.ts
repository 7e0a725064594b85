/**
 * The preview webview's page (client/src/previewHtml.ts + media/preview.js +
 * the bundled KaTeX CSS and fonts) in headless chromium, with a stand-in for
 * VS Code's webview API: its Content-Security-Policy keeps even unsanitized
 * HTML inert, it renders what the extension sends, and it answers messages.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { contentSecurityPolicy, previewPage } from '../../client/src/previewHtml';
import { renderAnswer } from '../../server/src/core/render';
import type { PreviewResult } from '../../server/src/protocol';
import { CHROMIUM, launchChromium } from '../../scripts/e2e/browser';
import { PROJECT_ROOT } from '../support/corpus';

const KATEX_DIST = path.join(PROJECT_ROOT, 'dist/katex/katex.min.css');
const skip = !fs.existsSync(CHROMIUM)
  ? `no chromium at ${CHROMIUM}`
  : !fs.existsSync(KATEX_DIST)
    ? 'dist/katex is missing: run `npm run build` first'
    : false;

const PREVIEW: PreviewResult = {
  uri: 'file:///ws/content/learn/physics/what-is-energy.md',
  question: 'What is energy?',
  postOnText: 'Posted on',
  date: 'Jan 28, 2025',
  answerHtml: renderAnswer(
    'Energy is $E = mc^2$.\\n\\n$$\\n\\int_0^1 x\\,dx = \\frac{1}{2}\\n$$\\n\\n<img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=2)',
  ),
  related: [
    {
      n: 1,
      title: 'What is work?',
      url: '/learn/physics/questions/what-is-work',
      targetUri: 'file:///ws/content/learn/physics/what-is-work.md',
    },
    { n: 2, title: 'Gone', url: '/learn/physics/questions/gone', broken: 'No article has the question-key of `gone`.' },
  ],
};

describe('preview webview page in chromium', { skip }, () => {
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  before(async () => {
    // Serves the extension's files the way the webview's resource origin does.
    server = http.createServer((req, res) => {
      const file = path.join(PROJECT_ROOT, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
      if (req.url === '/') {
        res.setHeader('content-type', 'text/html');
        res.end(
          previewPage({
            cspSource: origin,
            katexCss: `${origin}/dist/katex/katex.min.css`,
            css: `${origin}/media/preview.css`,
            script: `${origin}/media/preview.js`,
          }),
        );
      } else if (file.startsWith(PROJECT_ROOT) && fs.existsSync(file)) {
        const type =
          { '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2' }[path.extname(file)] ?? 'application/octet-stream';
        res.setHeader('content-type', type);
        res.end(fs.readFileSync(file));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    // A string, not a function: tsx's transform would wrap a function in helpers the page does not have.
    await page.addInitScript({
      content: `
        window.__posted = [];
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
        window.acquireVsCodeApi = () => ({
          postMessage: (m) => window.__posted.push(m),
          getState: () => window.__state,
          setState: (s) => { window.__state = s; },
        });`,
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(`window.__posted.some((m) => m.type === 'ready')`);
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  // Page-side code as strings: this program has no DOM types (and tsx would wrap functions in helpers the page lacks).
  const posted = () => page.evaluate<{ type: string }[]>('window.__posted');
  const send = (message: unknown) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);

  it('has a strict policy: nonce scripts only, no inline handlers, local styles and fonts', () => {
    const csp = contentSecurityPolicy('https://res.example', 'abc');
    assert.equal(
      csp,
      "default-src 'none'; style-src https://res.example; style-src-elem https://res.example; style-src-attr 'unsafe-inline'; " +
        "font-src https://res.example; img-src https://res.example https:; script-src 'nonce-abc'; form-action 'none'; base-uri 'none'",
    );
    const html = previewPage({ cspSource: 'https://res.example', katexCss: 'k.css', css: 'p.css', script: 'p.js', nonce: 'abc' });
    assert.match(html, /<script nonce="abc" src="p.js"><\/script>/);
    assert.doesNotMatch(html, /\son\w+=/);
  });

  it('renders the article: heading, date, typeset answer with KaTeX fonts, related links', async () => {
    await send({ type: 'update', preview: PREVIEW });
    await page.locator('.qt-answer .katex-display').waitFor();
    assert.equal(await page.locator('h1.qt-question').innerText(), 'What is energy?');
    assert.equal(await page.locator('.qt-posted').innerText(), 'Posted on Jan 28, 2025');
    await page.evaluate('document.fonts.ready');
    assert.ok(await page.evaluate(`document.fonts.check('16px KaTeX_Main')`), 'KaTeX_Main font loaded from the extension');
    assert.equal(await page.locator('.qt-related h2').innerText(), 'Related Questions');
    assert.equal(await page.locator('.qt-related a').count(), 1);
    assert.match(await page.locator('.qt-related .qt-broken').innerText(), /Gone/);
  });

  it('keeps unsanitized HTML inert (the policy is the second line of defence)', async () => {
    const hostile = {
      ...PREVIEW,
      answerHtml: '<img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">x</a>',
    };
    await send({ type: 'update', preview: hostile });
    await page.locator('.qt-answer img').waitFor({ state: 'attached' });
    await page.locator('.qt-answer a').click();
    // The image's error event fires once it failed to load; the policy reports the handler it blocked.
    await page.waitForFunction(`window.__violations.some((d) => d.startsWith('script-src'))`);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.ok(violations.length > 0, 'the console shows the blocked inline handler');
  });

  it('asks the extension to open a clicked related article', async () => {
    await send({ type: 'update', preview: PREVIEW });
    await page.locator('.qt-related a').click();
    const messages = await posted();
    assert.deepEqual(messages.at(-1), { type: 'openRelated', uri: 'file:///ws/content/learn/physics/what-is-work.md' });
  });

  it('answers a ping with what it shows', async () => {
    await send({ type: 'ping' });
    await page.waitForFunction(`window.__posted.some((m) => m.type === 'rendered')`);
    const rendered = (await posted()).find((m) => m.type === 'rendered') as unknown as { uri: string; html: string; length: number };
    assert.equal(rendered.uri, PREVIEW.uri);
    assert.ok(rendered.html.includes('class="katex-display"'));
    assert.ok(rendered.length > 10);
  });

  it('shows why there is nothing to preview', async () => {
    await send({ type: 'empty', reason: 'Not an article.' });
    assert.equal(await page.locator('.qt-empty').innerText(), 'Not an article.');
  });
});
