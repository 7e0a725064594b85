/**
 * The preview webview's page (client/src/previewHtml.ts + media/preview.js +
 * the bundled KaTeX CSS and fonts) in headless chromium, with a stand-in for
 * VS Code's webview API: its Content-Security-Policy keeps even unsanitized
 * HTML inert, it renders what the extension sends, and it answers messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { contentSecurityPolicy, previewPage } from '../../client/src/previewHtml';
import { renderAnswer } from '../../server/src/core/answer/render';
import type { PreviewResult } from '../../server/src/protocol';
import { openWebviewPage, webviewSkipReason, type WebviewPage } from '../support/webviewPage';

const PREVIEW: PreviewResult = {
  uri: 'file:///ws/content/learn/physics/what-is-energy.md',
  question: 'What is energy?',
  postOnText: 'Posted on',
  date: 'Jan 28, 2025',
  answerHtml: renderAnswer(
    'Energy is $E = mc^2$.\\n\\n$$\\n\\int_0^1 x\\,dx = \\frac{1}{2}\\n$$\\n\\n<img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=2)',
  ),
  answerLines: 7,
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

describe('preview webview page in chromium', { skip: webviewSkipReason }, () => {
  let web: WebviewPage;
  let page: Page;
  let violations: string[];

  before(async () => {
    web = await openWebviewPage();
    ({ page, violations } = web);
  });

  after(() => web?.close());

  const posted = () => web.posted();
  const send = (message: unknown) => web.send(message);

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
    await web.waitUntil(`window.__violations.some((d) => d.startsWith('script-src'))`);
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
    await web.waitUntil(`window.__posted.some((m) => m.type === 'rendered')`);
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
