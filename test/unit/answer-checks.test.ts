import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkArticle } from '../../server/src/core/checks';
import { answerFindings, checkAnswer } from '../../server/src/core/checks/answer';
import type { Code, Diagnostic } from '../../server/src/core/checks/diagnostics';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { fixAll, fixesFor } from '../../server/src/core/authoring/fixes';
import { textOf } from '../../server/src/core/frontMatter/model';
import { answerSyntaxTree, renderAnswer } from '../../server/src/core/answer/render';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import { articleText, fixtureArticle, fixtureCorpus } from '../support/fixtures';

const SPEC = { questionKey: 'how-do-formulas-render', id: 7 };

/** An article in the corpus's exact layout whose `>-` answer line is `answer` (written as in the file). */
function withAnswer(answer: string): string {
  return articleText({ ...SPEC, answer });
}

/** An article whose `answer` entry is these raw lines (any YAML style). */
function withAnswerLines(lines: string[], eol = '\n'): string {
  const text = withAnswer('PLACEHOLDER').split('\n');
  const at = text.findIndex((l) => l.trim() === 'PLACEHOLDER');
  text.splice(at - 1, 2, ...lines);
  return text.join(eol);
}

function answerDiagnostics(text: string): Diagnostic[] {
  return checkAnswer(readArticleModel(text));
}

function covered(text: string, d: Diagnostic): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(d.range.start), lines.offset(d.range.end));
}

function only(text: string, code: Code): Diagnostic[] {
  return answerDiagnostics(text).filter((d) => d.code === code);
}

/** The text after applying a diagnostic's quick fix (through core/authoring/fixes.ts, as the editor and `quicktakes fix` do). */
function fixed(text: string, d: Diagnostic): string {
  const article = fixtureArticle(SPEC, text);
  const fixes = fixesFor({ text, model: article.model!, article, corpus: fixtureCorpus([]) }, d);
  assert.ok(fixes.length > 0, `a fix for ${d.code}`);
  return applyEdits(text, fixes[0].edits);
}

function answerOf(text: string): string {
  return textOf(readArticleModel(text).fields.get('answer')) ?? '';
}

function mathNodes(answer: string): string[] {
  const out: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'inlineMath' || n.type === 'math') out.push(n.value ?? '');
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  walk(answerSyntaxTree(answer));
  return out;
}

describe('answer checks', () => {
  describe('answer-tex-newline', () => {
    it('flags a `\\n` command inside a formula, on its exact characters, with a fix the site survives', () => {
      const text = withAnswer('Assume $a \\neq b$ and $\\nabla f = 0$.\\n\\nThen $\\nu$ follows.');
      const ds = only(text, 'answer-tex-newline');
      assert.deepEqual(
        ds.map((d) => covered(text, d)),
        ['\\neq', '\\nabla', '\\nu'],
      );
      assert.equal(ds[0].severity, 'warning');
      assert.match(ds[0].message, /line break/);
      let after = text;
      for (const d of [...ds].reverse()) after = fixed(after, d);
      assert.equal(answerOf(after), 'Assume $a ≠ b$ and $∇ f = 0$.\\n\\nThen $ν$ follows.');
      assert.deepEqual(only(after, 'answer-tex-newline'), []);
      const html = renderAnswer(answerOf(after));
      for (const ch of ['≠', '∇', 'ν']) assert.ok(html.includes(ch), `the site now shows ${ch}`);
      assert.ok(!html.includes('katex-error'));
    });

    it('fixes `\\newline` with `\\\\` and `\\neg` with `¬`, verified by KaTeX', () => {
      const text = withAnswer('$$a \\newline b \\land \\neg c$$');
      const ds = only(text, 'answer-tex-newline');
      assert.deepEqual(
        ds.map((d) => d.data?.edits?.[0].newText),
        ['\\\\', '¬'],
      );
    });

    it('leaves alone a `\\n` that is a line break in the author’s layout, and `\\n` words outside formulas', () => {
      for (const answer of [
        'The controller:\\n\\n$$\\nu(t) = K_p e(t)\\n$$\\n\\nwhere $u$ is the output.', // `$$` then a line break
        'First paragraph.\\n\\neq is not a command here, and \\neq is not in a formula.',
        'Text $x$ then a new line.\\nextra words and $y$.',
      ]) {
        assert.deepEqual(only(withAnswer(answer), 'answer-tex-newline'), [], answer);
      }
    });

    it('finds the command when the broken `\\n` changes the page structure (a list item’s formula)', () => {
      // The site's line break before `u` ends the list item, and the next `$$` then runs away.
      const text = withAnswer('1. **Energy**:\\n   $$\\n   E = h \\nu\\n   $$\\n   where $h$ is constant.');
      assert.deepEqual(
        only(text, 'answer-tex-newline').map((d) => covered(text, d)),
        ['\\nu'],
      );
      assert.deepEqual(only(text, 'answer-math-error'), [], 'the runaway formula is explained by the tex-newline diagnostic');
    });

    it('also flags commands inside `\\(…\\)` (math once the delimiters are fixed)', () => {
      const text = withAnswer('where \\( x \\neq 0 \\) holds');
      assert.deepEqual(
        only(text, 'answer-tex-newline').map((d) => covered(text, d)),
        ['\\neq'],
      );
    });
  });

  describe('answer-math-delimiter', () => {
    it('flags `\\(…\\)` shown as text and converts it to `$…$`', () => {
      const text = withAnswer('The area \\(A = \\pi r^2\\) grows.');
      const [d] = only(text, 'answer-math-delimiter');
      assert.equal(covered(text, d), '\\(A = \\pi r^2\\)');
      assert.match(d.message, /\(A = \\pi r\^2\)/);
      const after = fixed(text, d);
      assert.equal(answerOf(after), 'The area $A = \\pi r^2$ grows.');
      assert.deepEqual(mathNodes(answerOf(after)), ['A = \\pi r^2']);
      assert.deepEqual(only(after, 'answer-math-delimiter'), []);
    });

    it('converts a `\\[…\\]` block to a `$$` display formula', () => {
      const text = withAnswer('Then:\\n\\[\\nx = \\frac{1}{2}\\n\\]\\nso on.');
      const [d] = only(text, 'answer-math-delimiter');
      const after = answerOf(fixed(text, d));
      assert.equal(after, 'Then:\\n$$\\nx = \\frac{1}{2}\\n$$\\nso on.');
      assert.ok(renderAnswer(after).includes('katex-display'));
    });

    it('leaves delimiters in code and inside formulas to the other checks', () => {
      assert.deepEqual(only(withAnswer('Write `\\(x\\)` in LaTeX.'), 'answer-math-delimiter'), []);
      assert.deepEqual(only(withAnswer('Pairs \\( a on one line\\n\\nand b \\) on another.'), 'answer-math-delimiter'), []);
    });
  });

  describe('answer-math-error', () => {
    it('reports KaTeX’s own message for a formula the site shows in red', () => {
      const text = withAnswer('Bad: $x^2^3$ and good: $x^2$.');
      const [d] = only(text, 'answer-math-error');
      assert.equal(covered(text, d), '$x^2^3$');
      assert.equal(d.severity, 'error');
      assert.match(d.message, /KaTeX parse error: Double superscript/);
      assert.ok(renderAnswer(answerOf(text)).includes('katex-error'), 'the site does show an error');
      assert.equal(d.data, undefined, 'no fix is offered');
    });

    it('reports a `$$` that is never closed', () => {
      const text = withAnswer('As:\\n\\n$$\\nM = r \\times F$$\\n\\nwhere M is the moment.');
      const [d] = only(text, 'answer-math-error');
      assert.equal(covered(text, d), '$$');
      assert.match(d.message, /never closed/);
    });

    it('is quiet on formulas KaTeX renders', () => {
      assert.deepEqual(answerDiagnostics(withAnswer('$$\\n\\int_0^1 x^2 \\, dx = \\frac{1}{3}\\n$$\\n\\nand $\\sqrt{2}$')), []);
    });
  });

  describe('answer-currency-dollar', () => {
    it('flags prices the site pairs into a formula and escapes them', () => {
      const text = withAnswer('It costs $5 and the other costs $10 today.');
      const [d] = only(text, 'answer-currency-dollar');
      assert.equal(covered(text, d), '$5 and the other costs $');
      assert.deepEqual(only(text, 'answer-math-error'), []);
      const after = answerOf(fixed(text, d));
      assert.equal(after, 'It costs \\$5 and the other costs \\$10 today.');
      assert.deepEqual(mathNodes(after), []);
      assert.ok(renderAnswer(after).includes('It costs $5 and the other costs $10 today.'));
    });

    it('escapes only the price when the next `$` opens a real formula', () => {
      const text = withAnswer('A budget of $100 gives the equation $ x + y = 100 $ here.');
      const [d] = only(text, 'answer-currency-dollar');
      const after = answerOf(fixed(text, d));
      assert.deepEqual(mathNodes(after), ['x + y = 100']);
    });

    it('leaves formulas that start with a digit and lone prices alone', () => {
      for (const answer of ['Use $5x + 3$ and $2^n$ here.', 'It costs $5 in total.', 'Between $a$ and $b$, $3$ values.']) {
        assert.deepEqual(only(withAnswer(answer), 'answer-currency-dollar'), [], answer);
      }
    });
  });

  describe('answer-raw-html', () => {
    it('flags raw HTML the site shows as text', () => {
      const text = withAnswer('First<br>second and <sup>2</sup>.');
      const ds = only(text, 'answer-raw-html');
      assert.deepEqual(
        ds.map((d) => covered(text, d)),
        ['<br>', '<sup>', '</sup>'],
      );
      assert.equal(ds[0].severity, 'info');
      assert.ok(renderAnswer(answerOf(text)).includes('&#x3C;br>'), 'the site escapes it');
    });

    it('leaves comparisons and code alone', () => {
      assert.deepEqual(only(withAnswer('If a < b and `<br>` in code, $x<y$.'), 'answer-raw-html'), []);
    });
  });

  describe('answer-empty', () => {
    it('flags an empty answer in any form', () => {
      for (const lines of [['answer: ""'], ['answer:'], ['answer: >-', '    \\n\\n'], ["answer: ''"]]) {
        const text = withAnswerLines(lines);
        const ds = only(text, 'answer-empty');
        assert.equal(ds.length, 1, lines.join(' / '));
        assert.equal(
          ds[0].range.start.line,
          text.split('\n').findIndex((l) => l.startsWith('answer:')),
        );
      }
      assert.deepEqual(only(withAnswer('Some text.'), 'answer-empty'), []);
    });
  });

  describe('positions', () => {
    it('map through a folded scalar over several lines and CRLF', () => {
      for (const eol of ['\n', '\r\n']) {
        const text = withAnswerLines(['answer: >-', '    First line with $a', '    \\neq b$ and \\(x', '    + 1\\) end.'], eol);
        const ds = answerDiagnostics(text);
        assert.deepEqual(
          ds.map((d) => [d.code, covered(text, d)]),
          [
            ['answer-tex-newline', '\\neq'],
            ['answer-math-delimiter', `\\(x${eol}    + 1\\)`],
          ],
        );
        const after = fixed(text, ds[1]);
        assert.equal(answerOf(after), 'First line with $a \\neq b$ and $x + 1$ end.');
        assert.ok(after.includes(`$x${eol}    + 1$`), 'the edit keeps the folding and line endings');
      }
    });

    it('map through double-quoted escapes', () => {
      const text = withAnswerLines(['answer: "Say \\"so\\": \\\\(x\\\\) and $a \\\\neq b$"']);
      const ds = answerDiagnostics(text);
      assert.deepEqual(
        ds.map((d) => covered(text, d)),
        ['\\\\(x\\\\)', '\\\\neq'],
      );
      const after = fixed(text, ds[1]);
      assert.equal(answerOf(after), 'Say "so": \\(x\\) and $a ≠ b$');
    });
  });

  it('runs with the other checks (editor and lint share checkOwn)', () => {
    const text = withAnswer('Bad $x^2^3$.');
    const article = fixtureArticle(SPEC, text);
    const codes = checkArticle(article, article.model!, fixtureCorpus([SPEC])).map((d) => d.code);
    assert.deepEqual(codes, ['answer-math-error']);
  });

  it('fixes everything in one go (fix all) and leaves a clean answer', () => {
    const text = withAnswer('Costs $5 or $10; \\(x \\neq 1\\) and $\\nabla$.');
    const article = fixtureArticle(SPEC, text);
    const corpus = fixtureCorpus([SPEC]);
    const { edits } = fixAll({ text, model: article.model!, article, corpus }, checkArticle(article, article.model!, corpus));
    const after = applyEdits(text, edits);
    assert.deepEqual(answerDiagnostics(after), []);
    assert.equal(answerOf(after), 'Costs \\$5 or \\$10; $x ≠ 1$ and $∇$.');
  });

  it('gives in-range findings, and fixes that remove their problem, on generated answers (property)', () => {
    const pieces = ['x', 'a b', '5', '10', ' ', '$', '$$', '$5', '\\n', '\\n\\n', '\\n   ', '\\n- ', '\\(', '\\)', '\\[', '\\]'];
    const more = ['`', '```', '### ', '**', '\\neq', '\\nu', '\\neg', '\\newline', '\\frac{a}{b}', '|', '<br>', '\\$', '^', '{', '}'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces, ...more), { maxLength: 25 }), (parts) => {
        const answer = parts.join('');
        const count = (a: string, code: string) => answerFindings(a).filter((g) => g.code === code).length;
        for (const f of answerFindings(answer)) {
          assert.ok(0 <= f.start && f.start <= f.end && f.end <= answer.length);
          assert.ok(f.shows().length > 0);
          if (!f.fix) continue;
          let fixedAnswer = answer;
          for (const r of [...f.fix.replacements].sort((x, y) => y.start - x.start)) {
            fixedAnswer = fixedAnswer.slice(0, r.start) + r.text + fixedAnswer.slice(r.end);
          }
          assert.ok(
            count(fixedAnswer, f.code) < count(answer, f.code),
            `${f.code}: ${JSON.stringify(answer)} → ${JSON.stringify(fixedAnswer)}`,
          );
        }
      }),
      { numRuns: 1500, seed: 8 },
    );
  });

  it('does not parse answers that have nothing to read', () => {
    assert.deepEqual(answerFindings('Plain text\\n\\n- with a list\\n- and **bold**'), []);
  });
});
