/**
 * Webview security, end to end: articles carrying XSS payloads in the answer,
 * the question and the related titles and urls go through the real language
 * server's preview request into the real preview page in chromium. Everything
 * must stay inert: no script runs, no handler or unsafe URL survives, KaTeX's
 * HTML extensions stay off, and injected CSS cannot restyle the page.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { PREVIEW_REQUEST, type PreviewResult } from '../../server/src/protocol';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient } from '../support/lsp';
import { openWebviewPage, webviewSkipReason, type WebviewPage } from '../support/webviewPage';

const ANSWER_PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '[click me](javascript:window.__pwned="js-link")',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  '![pic](javascript:window.__pwned="js-img")',
  '<svg onload="window.__pwned=\'svg\'"><script>window.__pwned="svg-script"</script></svg>',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '<a href="javascript:window.__pwned=\'raw-a\'">raw link</a>',
  '<style>body { display: none }</style>',
  '<div style="background:url(https://attacker.example/x)">styled</div>',
  '$\\href{javascript:window.__pwned="katex-href"}{x}$',
  '$\\url{javascript:window.__pwned="katex-url"}$',
  '$\\htmlClass{qt-article}{x}$ $\\htmlId{preview}{y}$ $\\htmlStyle{background:url(https://attacker.example/y)}{z}$',
  '$\\htmlData{foo=bar}{w}$',
  '<javascript:window.__pwned="autolink">',
  '<form action="https://attacker.example"><input type=submit></form>',
];

const HOSTILE: ArticleSpec = {
  questionKey: 'what-is-hostile',
  id: 1,
  title: '<img src=x onerror="window.__pwned=\'title\'"> What is hostile?',
  answer: ANSWER_PAYLOADS.join('\\n\\n'),
  related: [
    { id: 2, title: '<script>window.__pwned="related-title"</script>', url: '/learn/psychology/questions/what-is-safe' },
    { id: 3, title: 'Sneaky', url: 'javascript:window.__pwned="related-url"' },
    { id: 4, title: 'Data', url: 'data:text/html,<script>window.__pwned=1</script>' },
  ],
};
const SAFE: ArticleSpec = { questionKey: 'what-is-safe', id: 2 };

describe('webview security: XSS payloads from article text stay inert', { skip: webviewSkipReason }, () => {
  let client: TestClient;
  let web: WebviewPage;
  let preview: PreviewResult;

  before(async () => {
    const ws = writeWorkspace(workspaceOf([HOSTILE, SAFE]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    const uri = await client.open(path.join(ws, 'content/learn/psychology/what-is-hostile.md'), articleText(HOSTILE));
    preview = (await client.connection.sendRequest(PREVIEW_REQUEST, { uri }))!;
    web = await openWebviewPage();
    await web.send({ type: 'update', preview });
    await web.page.locator('.qt-answer').waitFor();
  });
  after(async () => {
    await web?.close();
    await client?.stop();
  });

  it('sends sanitized answer HTML: no scripts, handlers, unsafe URLs, frames, forms or styles', () => {
    const elements: Element[] = [];
    visit(fromHtml(preview.answerHtml, { fragment: true }), 'element', (e: Element) => void elements.push(e));
    assert.ok(elements.length > 20);
    for (const e of elements) {
      assert.ok(!['script', 'iframe', 'style', 'form', 'input', 'object', 'embed', 'foreignObject'].includes(e.tagName), e.tagName);
      for (const [name, value] of Object.entries(e.properties)) {
        const v = String(value);
        assert.ok(!/^on/i.test(name), `${e.tagName} has a handler ${name}`);
        if (['href', 'src', 'action', 'xLinkHref'].includes(name))
          assert.doesNotMatch(v, /^\s*(javascript|data|vbscript):/i, `${e.tagName} ${name}=${v}`);
        if (name === 'style') assert.doesNotMatch(v, /url\(/i);
        // KaTeX's HTML extensions (\htmlClass, \htmlId, \htmlData) are not trusted
        if (name === 'className') assert.ok(!(value as string[]).includes('qt-article'));
        if (name === 'id') assert.notEqual(v, 'preview');
        // the only data attribute: the block's line, a number the renderer sets after sanitizing
        if (name === 'dataLine') assert.match(v, /^\d+$/);
        else assert.ok(!/^data/.test(name), `${e.tagName} has ${name}`);
      }
    }
    // the raw HTML is there, as text the reader sees (as on the site)
    assert.match(preview.answerHtml, /&#x3C;script>window.__pwned = "script"&#x3C;\/script>/);
  });

  it('runs nothing and navigates nowhere when everything is clicked', async () => {
    const { page } = web;
    const links = page.locator('a');
    for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ force: true, noWaitAfter: true });
    // the related link posts when clicked: once a last click on it is handled, so is every click before it
    await page.locator('.qt-related a').click({ noWaitAfter: true });
    await web.waitUntil(`window.__posted.filter((m) => m.type === 'openRelated').length === 2`);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(new URL(page.url()).pathname, '/', 'the page did not navigate away');
    assert.equal(await page.locator('script').count(), 1, 'only the nonce script of the page');
    const handlers = await page.evaluate<number>(
      `[...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length`,
    );
    assert.equal(handlers, 0);
  });

  it('shows titles as text, not markup', async () => {
    const { page } = web;
    assert.match(await page.locator('h1.qt-question').innerText(), /<img src=x onerror=/);
    assert.equal(await page.locator('h1.qt-question img').count(), 0);
    const related = await page.locator('.qt-related').innerText();
    assert.match(related, /<script>window.__pwned="related-title"<\/script>/);
  });

  it('links related articles only to resolved workspace files; other urls are shown as broken', async () => {
    const { page } = web;
    const anchors = await page
      .locator('.qt-related a')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('data-target-uri')]));
    assert.equal(anchors.length, 1);
    assert.equal(anchors[0][0], '/learn/psychology/questions/what-is-safe');
    assert.match(anchors[0][1]!, /^file:\/\/.*\/content\/learn\/psychology\/what-is-safe\.md$/);
    assert.equal(await page.locator('.qt-related .qt-broken').count(), 2);
    await page.locator('.qt-related a').click();
    const posted = await web.posted();
    assert.deepEqual(posted.at(-1), { type: 'openRelated', uri: anchors[0][1] });
  });

  it('keeps page styles intact: injected CSS does not hide or restyle the page', async () => {
    const { page } = web;
    assert.ok(await page.locator('h1.qt-question').isVisible());
    assert.equal(await page.evaluate<string>('getComputedStyle(document.body).display'), 'block');
  });
});
