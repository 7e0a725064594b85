import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { answerMarkdown, answerOfArticle, answerTree, renderAnswer } from '../../server/src/core/answer/render';
import { articleText } from '../support/fixtures';

/** Every element in the sanitized tree, in document order. */
function elements(tree: Root): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (e: Element) => void out.push(e));
  return out;
}

function tags(answer: string): string[] {
  return elements(answerTree(answer)).map((e) => e.tagName);
}

function classes(e: Element): string[] {
  return (e.properties.className as string[] | undefined) ?? [];
}

/** Every attribute/property name present anywhere in the output. */
function allProperties(answer: string): Set<string> {
  return new Set(elements(answerTree(answer)).flatMap((e) => Object.keys(e.properties)));
}

describe('answerMarkdown', () => {
  it('turns every literal backslash-n into a newline, as the site does', () => {
    assert.equal(answerMarkdown('a\\n\\nb\\nc'), 'a\n\nb\nc');
    // Also inside TeX (`\neq`) and after another backslash: the site's replacement is blind.
    assert.equal(answerMarkdown('$a \\neq b$'), '$a \neq b$');
    assert.equal(answerMarkdown('x\\\\ny'), 'x\\\ny');
  });
});

describe('renderAnswer: Markdown', () => {
  it('renders paragraphs from \\n\\n and emphasis', () => {
    assert.equal(renderAnswer('One **bold** and *it*.\\n\\nTwo.'), '<p>One <strong>bold</strong> and <em>it</em>.</p>\n<p>Two.</p>');
  });

  it('renders GFM tables, strikethrough, task lists and autolinks', () => {
    const html = renderAnswer('| a | b |\\n|:--|--:|\\n| 1 | ~~2~~ |\\n\\n- [x] done\\n- [ ] todo\\n\\nSee www.example.com.');
    assert.match(html, /<table>\n<thead>\n<tr>\n<th align="left">a<\/th>\n<th align="right">b<\/th>/);
    assert.match(html, /<td align="right"><del>2<\/del><\/td>/);
    assert.match(html, /<li class="task-list-item"><input type="checkbox" checked disabled> done<\/li>/);
    assert.match(html, /<a href="http:\/\/www\.example\.com">www\.example\.com<\/a>/);
  });

  it('renders nested lists', () => {
    const t = tags('1. one\\n   - a\\n   - b\\n2. two\\n   1. deep\\n      - deeper');
    assert.deepEqual(t, ['ol', 'li', 'ul', 'li', 'li', 'li', 'ol', 'li', 'ul', 'li']);
  });

  it('renders code spans and fenced code, where \\n is a line break too (as on the site)', () => {
    assert.equal(renderAnswer('Use `a < b` here'), '<p>Use <code>a &#x3C; b</code> here</p>');
    const html = renderAnswer('```python\\nprint("a\\\\n")\\nx = 1\\n```');
    assert.equal(html, '<pre><code class="language-python">print("a\\\n")\nx = 1\n</code></pre>');
  });

  it('keeps Markdown escapes as the characters they escape', () => {
    assert.equal(renderAnswer('\\*not em\\* and \\$5 and 3 \\< 4'), '<p>*not em* and $5 and 3 &#x3C; 4</p>');
  });

  it('links footnotes to their definitions', () => {
    const html = renderAnswer('Claim[^1].\\n\\n[^1]: Source.');
    assert.match(html, /<a href="#user-content-fn-1" id="user-content-fnref-1"/);
    assert.match(html, /<li id="user-content-fn-1">/);
  });
});

describe('renderAnswer: math', () => {
  it('typesets inline math with KaTeX, keeping MathML and the TeX annotation', () => {
    const tree = answerTree('Area $\\pi r^2$ here');
    const all = elements(tree);
    assert.ok(all.some((e) => classes(e).includes('katex')));
    assert.ok(all.some((e) => e.tagName === 'math'));
    const annotation = all.find((e) => e.tagName === 'annotation');
    assert.equal(annotation?.properties.encoding, 'application/x-tex');
    assert.ok(all.some((e) => e.tagName === 'span' && e.properties.ariaHidden === 'true' && classes(e).includes('katex-html')));
    assert.ok(all.some((e) => typeof e.properties.style === 'string' && /height:/.test(e.properties.style)));
  });

  it('typesets display math from $$ blocks', () => {
    const tree = answerTree('Before\\n\\n$$\\n\\frac{a}{b} = \\sqrt{c}\\n$$\\n\\nAfter');
    const display = elements(tree).find((e) => classes(e).includes('katex-display'));
    assert.ok(display, 'katex-display');
    // The radical is an SVG path; sanitizing must keep it.
    const all = elements(tree);
    assert.ok(all.some((e) => e.tagName === 'svg' && e.properties.viewBox));
    assert.ok(all.some((e) => e.tagName === 'path' && typeof e.properties.d === 'string'));
    assert.ok(all.some((e) => e.tagName === 'mfrac'));
  });

  it('keeps KaTeX styling: colors, cancel lines, stretchy arrows', () => {
    const props = allProperties('$\\color{blue}{x} \\cancel{y} \\xrightarrow{f} \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$');
    for (const p of ['mathcolor', 'notation', 'stretchy', 'x1', 'strokeWidth', 'columnalign', 'style']) assert.ok(props.has(p), p);
    assert.match(renderAnswer('$\\color{blue}{x}$'), /style="color:blue;"/);
  });

  it('shows TeX that KaTeX cannot parse as a red error, like the site', () => {
    const html = renderAnswer('Bad $\\frac{a$ math');
    assert.match(html, /<span class="katex-error" title="ParseError: [^"]*" style="color:#cc0000">\\frac\{a<\/span>/);
  });

  it('shows what the site shows for \\neq: the \\n became a line break', () => {
    const annotation = elements(answerTree('$a \\neq b$')).find((e) => e.tagName === 'annotation');
    assert.deepEqual(annotation?.children, [{ type: 'text', value: 'a \neq b' }]);
  });

  it('does not treat \\( … \\) as math (the site does not either)', () => {
    assert.equal(renderAnswer('\\(x^2\\)'), '<p>(x^2)</p>');
  });
});

describe('renderAnswer: raw HTML and security', () => {
  it('shows raw HTML as escaped text, inline and as a block', () => {
    assert.equal(renderAnswer('a <b>bold</b> c'), '<p>a &#x3C;b>bold&#x3C;/b> c</p>');
    assert.equal(renderAnswer('<div class="x">\\nhi\\n</div>'), '<p>&#x3C;div class="x">\nhi\n&#x3C;/div></p>');
    assert.equal(renderAnswer('- <i>item</i>'), '<ul>\n<li>&#x3C;i>item&#x3C;/i></li>\n</ul>');
  });

  it('renders script tags and event handlers inert', () => {
    for (const payload of [
      '<script>alert(1)</script>',
      'x <img src=x onerror=alert(1)> y',
      '<svg onload=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil"></iframe>',
    ]) {
      const tree = answerTree(payload);
      assert.deepEqual(
        elements(tree).map((e) => e.tagName),
        ['p'],
        payload,
      );
      const html = renderAnswer(payload);
      assert.doesNotMatch(html, /<(script|img|svg|a|iframe)\b/i, payload);
    }
  });

  it('drops javascript:, data: and vbscript: URLs but keeps http(s), mailto and relative links', () => {
    const html = renderAnswer(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](https://x.org) [f](mailto:a@b.c) [g](/learn/psychology/questions/q) ![i](data:image/png;base64,AA) ![j](https://x.org/i.png)',
    );
    assert.equal(
      html,
      '<p><a>a</a> <a>b</a> <a>c</a> <a>d</a> <a href="https://x.org">e</a> <a href="mailto:a@b.c">f</a> <a href="/learn/psychology/questions/q">g</a> <img alt="i"> <img src="https://x.org/i.png" alt="j"></p>',
    );
  });

  it('keeps math with \\href, \\url and \\htmlStyle inert (KaTeX untrusted)', () => {
    for (const tex of [
      '$\\href{javascript:alert(1)}{x}$',
      '$\\url{javascript:alert(1)}$',
      '$\\htmlStyle{background:url(x)}{y}$',
      '$\\includegraphics{x.png}$',
    ]) {
      assert.deepEqual(
        tags(tex).filter((t) => t === 'a' || t === 'img'),
        [],
        tex,
      );
      assert.ok(!allProperties(tex).has('href'), tex);
      const styles = elements(answerTree(tex)).map((e) => String(e.properties.style ?? ''));
      assert.deepEqual(
        styles.filter((s) => /url\(/.test(s)),
        [],
        tex,
      );
    }
  });

  it('never emits event-handler attributes', () => {
    const props = allProperties('[x](https://a.b "t") $x$ <b onclick=1> ![y](https://a.b/y.png "onerror")');
    assert.deepEqual(
      [...props].filter((p) => /^on/i.test(p)),
      [],
    );
  });
});

describe('answerOfArticle', () => {
  it('reads the folded answer value of an article', () => {
    assert.equal(answerOfArticle(articleText({ questionKey: 'q', answer: 'Hello \\n\\n- a' })), 'Hello \\n\\n- a');
  });

  it('is undefined without an answer field and empty for an empty answer', () => {
    const text = articleText({ questionKey: 'q' });
    assert.equal(answerOfArticle(text.replace(/^answer: >-\n.*\n/m, '')), undefined);
    assert.equal(answerOfArticle(text.replace(/^answer: >-\n.*\n/m, 'answer:\n')), '');
    assert.equal(answerOfArticle('no front matter'), undefined);
  });
});

describe('renderAnswer on arbitrary input', () => {
  // Pieces that mean something to Markdown, GFM, math, HTML and the `\n` step.
  const TOKENS = [
    '$',
    '$$',
    '\\n',
    '\\',
    '\\neq',
    '\\frac{',
    '}',
    '{',
    '*',
    '_',
    '`',
    '```',
    '|',
    '---',
    '- ',
    '1. ',
    '> ',
    '[',
    '](',
    ')',
    '<',
    '>',
    '<script>',
    '<img src=x onerror=alert(1)>',
    'javascript:',
    '&',
    '#',
    ' ',
    'x',
    '\n',
    '^',
    '~~',
    '[^1]',
    '[^1]: ',
  ];

  it('never throws, and gives parseable HTML without scripts or handlers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (parts) => {
        const html = renderAnswer(parts.join(''));
        const errors: string[] = [];
        const tree = fromHtml(html, { fragment: true, onerror: (e) => void errors.push(e.reason) });
        assert.deepEqual(errors, []);
        visit(tree, 'element', (e: Element) => {
          assert.notEqual(e.tagName, 'script');
          for (const [k, v] of Object.entries(e.properties)) {
            assert.doesNotMatch(k, /^on/i);
            assert.doesNotMatch(String(v), /^\s*javascript:/i);
          }
        });
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
