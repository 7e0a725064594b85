import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { markedAnswerHtml } from '../../server/src/core/answer/marks';
import { renderAnswer } from '../../server/src/core/answer/render';
import { withoutSourceLines } from '../support/fixtures';

function text(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && (node.properties.className as string[] | undefined)?.includes('katex-mathml')) return '';
  return 'children' in node ? node.children.map((c) => text(c as ElementContent)).join('') : '';
}

/** The marks in the preview HTML: class, tooltip and what they wrap (as text, KaTeX's MathML left out). */
function marks(html: string): { cls: string; title: string; wraps: string; katexError: boolean }[] {
  const out: { cls: string; title: string; wraps: string; katexError: boolean }[] = [];
  const walk = (n: Root | ElementContent) => {
    if (n.type === 'element' && (n.properties.className as string[] | undefined)?.includes('qt-problem')) {
      const e = n as Element;
      out.push({
        cls: (e.properties.className as string[]).join(' '),
        title: String(e.properties.title),
        wraps: text(e),
        katexError: JSON.stringify(e).includes('katex-error'),
      });
    }
    if ('children' in n) for (const c of n.children) walk(c as ElementContent);
  };
  walk(fromHtml(html, { fragment: true }));
  return out;
}

describe('preview marks (answerMarks)', () => {
  it('marks each problem where the site shows it, with the message as tooltip', () => {
    const answer = 'Since $a \\neq b$, the area \\(A = \\pi r^2\\) costs $5 or $10; bad $x^2^3$ and a<br>break.';
    const found = marks(markedAnswerHtml(answer));
    assert.deepEqual(
      found.map((m) => [m.cls, m.wraps]),
      [
        ['qt-problem qt-problem-warning', 'aeqb'],
        ['qt-problem qt-problem-warning', '(A = \\pi r^2)'],
        ['qt-problem qt-problem-warning', '5or'],
        ['qt-problem qt-problem-error', 'x^2^3'],
        ['qt-problem qt-problem-info', ''],
      ],
    );
    assert.match(found[0].title, /line break/);
    assert.match(found[3].title, /KaTeX parse error: Double superscript/);
    assert.ok(found[3].katexError, 'the red error the site shows is inside the mark');
    assert.ok(!found.some((m) => m.title.includes('`')));
  });

  it('marks a broken display formula and a formula holding two problems once', () => {
    const found = marks(markedAnswerHtml('Then:\\n\\n$$\\nx^^2\\n$$\\n\\nand $\\neg p \\lor \\neg q$.'));
    assert.equal(found.length, 2);
    assert.ok(found[0].katexError, 'the red error of the display formula is inside the mark');
    assert.equal(found[1].title.split('\n').length, 2, 'both `\\neg` messages on one mark');
  });

  it('marks every \\(…\\) of an answer, two in one paragraph too', () => {
    const found = marks(markedAnswerHtml('Both \\(a\\) and \\(b\\) here.\\n\\nThen \\(c\\).'));
    assert.deepEqual(
      found.map((m) => m.wraps),
      ['(a)', '(b)', '(c)'],
    );
  });

  it('keeps the site HTML when there is nothing to mark (its blocks tagged with their lines)', () => {
    for (const answer of ['Plain **bold** and $x^2$.', 'Lists:\\n\\n- $a$\\n- b', '', 'Formula:\\n\\n$$\\nx^2\\n$$']) {
      assert.equal(withoutSourceLines(markedAnswerHtml(answer)), renderAnswer(answer));
    }
  });

  it('keeps raw HTML as the escaped text the site shows, with a badge before it', () => {
    const html = markedAnswerHtml('Text.\\n\\n<script>alert(1)</script>');
    assert.match(
      html,
      /<p data-line="2"><span class="qt-problem qt-problem-info" title="[^"<]*"><\/span>&#x3C;script>alert\(1\)&#x3C;\/script><\/p>/,
    );
    assert.doesNotMatch(html, /<script/);
  });
});
