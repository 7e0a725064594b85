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
import { buildPreview } from '../../server/src/core/answer/preview';
import { renderAnswer } from '../../server/src/core/answer/render';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import type { PreviewAnchors, PreviewPageState, PreviewResult } from '../../server/src/protocol';
import { articleText } from '../support/fixtures';
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

/** A preview as the extension sends it: the server's result for `text`, and its places as offsets (the editor's `offsetAt`). */
function previewMessage(uri: string, text: string): { preview: PreviewResult; anchors: PreviewAnchors } {
  const { source, related, ...shown } = buildPreview(readArticleModel(text));
  const index = new LineIndex(text);
  const anchors: PreviewAnchors = {
    answer: source.answer && { lines: source.answer.lines.map((p) => index.offset(p)), end: index.offset(source.answer.end) },
    related: source.related.map((r) => ({ start: index.offset(r.start), end: index.offset(r.end) })),
  };
  return { preview: { uri, ...shown, related: related.map(({ target: _, ...link }) => link), source }, anchors };
}

describe('preview webview page: scroll sync, double-click, links, state', { skip: webviewSkipReason }, () => {
  const uri = 'file:///ws/content/learn/psychology/how-long-is-this-answer.md';
  // 60 paragraphs on one YAML line (paragraph i on answer line 2(i - 1)), a page much taller than the window
  const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} says something. ${'It goes on and on. '.repeat(12)}`);
  const links =
    'Links: [an article](/learn/physics/questions/what-is-work), [a page](/about), [a web page](https://example.com/) and [a note](#user-content-fn-1).';
  const text = articleText({
    questionKey: 'how-long-is-this-answer',
    answer: [...paragraphs, `${links}[^1]`, '[^1]: A note.'].join('\\n\\n'),
    related: [{ id: 2, title: 'What is work?', url: '/learn/physics/questions/what-is-work' }],
  });
  const { preview, anchors } = previewMessage(uri, text);
  const update = { type: 'update', preview, anchors, locked: true, sourceColumn: 1 };
  let web: WebviewPage;

  before(async () => {
    web = await openWebviewPage();
    await web.send(update);
    await web.page.locator('[data-line="118"]').waitFor();
  });
  after(() => web?.close());

  const messages = async (type: string) => (await web.posted()).filter((m) => m.type === type) as unknown as Record<string, number>[];
  /** The page's answer to a ping: where its top is. */
  async function top(): Promise<{ line: number; offset?: number }> {
    const before = (await messages('rendered')).length;
    await web.send({ type: 'ping' });
    await web.waitUntil(`window.__posted.filter((m) => m.type === 'rendered').length > ${before}`);
    return (await messages('rendered')).at(-1) as { line: number; offset?: number };
  }
  const lineAtTop = () =>
    web.page.evaluate<number>(`Number(document.elementFromPoint(200, 2).closest('[data-line]').getAttribute('data-line'))`);

  it('scrolls to where the editor is: an offset into the article, or a line of the answer document', async () => {
    assert.equal(preview.answerLines, 123);
    assert.equal(anchors.answer!.lines.length, 123);
    await web.send({ type: 'scrollTo', offset: anchors.answer!.lines[40] });
    await web.waitUntil('window.scrollY > 0');
    assert.equal(await lineAtTop(), 40);
    const at = await top();
    assert.ok(Math.abs(at.line - 40) < 0.05, `top line ${at.line}`); // within a pixel
    assert.ok(Math.abs(at.offset! - anchors.answer!.lines[40]) <= 10, `offset ${at.offset}`);
    // the answer document's lines are the answer's
    await web.send({ type: 'scrollTo', line: 20 });
    await web.waitUntil(`Number(document.elementFromPoint(200, 2).closest('[data-line]').getAttribute('data-line')) === 20`);
    // between two paragraphs' lines: between them on the page
    await web.send({ type: 'scrollTo', line: 21 });
    const [p20, p22, y] = await web.page.evaluate<number[]>(
      `[20, 22].map((l) => document.querySelector('[data-line="' + l + '"]').getBoundingClientRect().top + window.scrollY).concat(window.scrollY)`,
    );
    assert.ok(p20 < y && y < p22, `${p20} < ${y} < ${p22}`);
  });

  it('tells where the reader scrolled, without echoing the scrolls the extension asked for', async () => {
    const before = (await messages('revealLine')).length;
    await web.send({ type: 'scrollTo', line: 50 });
    await web.page.evaluate(`window.scrollTo(0, document.querySelector('[data-line="60"]').getBoundingClientRect().top + window.scrollY)`);
    await web.waitUntil(`window.__posted.filter((m) => m.type === 'revealLine').length > ${before}`);
    const told = (await messages('revealLine')).slice(before);
    assert.equal(told.length, 1, 'the reader’s scroll only');
    assert.ok(Math.abs(told[0].line - 60) < 0.05, `line ${told[0].line}`);
    assert.ok(Math.abs(told[0].offset - anchors.answer!.lines[60]) <= 10, `offset ${told[0].offset}`);
  });

  it('asks for the source of a double-clicked block: its line and where it starts in the article', async () => {
    await web.page.locator('[data-line="62"]').dblclick();
    await web.waitUntil(`window.__posted.some((m) => m.type === 'openSource')`);
    assert.deepEqual((await messages('openSource')).at(-1), { type: 'openSource', line: 62, offset: anchors.answer!.lines[62] });
    const related = await web.page.locator('.qt-related-item').getAttribute('data-line');
    assert.equal(related, '123', 'the related links come after the answer’s lines');
    await web.page.locator('.qt-related-item').dblclick({ position: { x: 600, y: 5 } });
    await web.waitUntil(`window.__posted.filter((m) => m.type === 'openSource').length === 2`);
    assert.deepEqual((await messages('openSource')).at(-1), { type: 'openSource', line: 123, offset: anchors.related[0].start });
  });

  it('asks the extension to open site links, and only web addresses reach VS Code’s link handler', async () => {
    for (const name of ['an article', 'a page', 'a note', 'a web page']) await web.page.getByRole('link', { name, exact: true }).click();
    await web.waitUntil(`window.__hostOpened.length === 1`);
    assert.deepEqual(
      (await messages('openLink')).map((m) => m.href),
      ['/learn/physics/questions/what-is-work', '/about'],
    );
    assert.deepEqual(await web.page.evaluate('window.__hostOpened'), ['https://example.com/']);
    assert.equal(new URL(web.page.url()).pathname, '/', 'the page did not navigate away');
  });

  it('keeps the article, its lock and where it was read in its state, and a new page goes back there', async () => {
    await web.send({ type: 'scrollTo', line: 30 });
    await web.waitUntil(`Math.abs(window.__state.scroll[${JSON.stringify(uri)}] - 30) < 0.05`);
    const state = (await web.page.evaluate('window.__state')) as PreviewPageState;
    assert.equal(state.uri, uri);
    assert.equal(state.locked, true);
    assert.equal(state.sourceColumn, 1);
    const reloaded = await openWebviewPage(undefined, state);
    try {
      await reloaded.send(update);
      await reloaded.waitUntil(`Number(document.elementFromPoint(200, 2)?.closest('[data-line]')?.getAttribute('data-line')) === 30`);
    } finally {
      await reloaded.close();
    }
  });
});
