/**
 * The answer checks on the real corpus (from the shared corpus folder beside the
 * project): per-code counts in the amounts the corpus is known to have,
 * hand-checked examples, every quick fix of a sample applied and re-checked, and
 * the fast scanner agreeing with the site's parser.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { articleFromText } from '../../server/src/core/corpus/article';
import { scanAnswerView } from '../../server/src/core/answer/scan';
import { literalNewlines, parsedAnswerView, SiteMarkdown, type AnswerView } from '../../server/src/core/answer/view';
import { checkAnswer } from '../../server/src/core/checks/answer';
import { Corpus } from '../../server/src/core/corpus/corpus';
import type { Diagnostic } from '../../server/src/core/checks/diagnostics';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { fixAll } from '../../server/src/core/authoring/fixes';
import { textOf } from '../../server/src/core/frontMatter/model';
import type { ArticleLocation } from '../../server/src/core/site/paths';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import { listArticles, readArticleText } from '../../server/src/core/loading/workspace';
import { corpusSkipReason, realCorpus } from '../support/corpus';

interface Flagged {
  loc: ArticleLocation;
  text: string;
  diagnostics: Diagnostic[];
}

describe('answer checks on the real corpus', { skip: corpusSkipReason }, () => {
  let learn: string;
  const flagged: Flagged[] = [];
  const answers: string[] = [];
  const byCode = new Map<string, { file: string; covered: string; d: Diagnostic }[]>();

  before(() => {
    learn = path.join(realCorpus(), 'content/learn');
    for (const loc of listArticles(learn)) {
      const text = readArticleText(loc.path);
      const model = readArticleModel(text);
      answers.push(textOf(model.fields.get('answer')) ?? '');
      const diagnostics = checkAnswer(model);
      if (diagnostics.length === 0) continue;
      flagged.push({ loc, text, diagnostics });
      const lines = new LineIndex(text);
      for (const d of diagnostics) {
        const covered = text.slice(lines.offset(d.range.start), lines.offset(d.range.end));
        byCode.set(d.code, [...(byCode.get(d.code) ?? []), { file: path.relative(learn, loc.path), covered, d }]);
      }
    }
  });

  const count = (code: string) => byCode.get(code)?.length ?? 0;
  const files = (code: string) => new Set(byCode.get(code)?.map((x) => x.file)).size;

  it('counts each defect in the amounts the corpus is known to have', () => {
    // ranges around the known amounts, so that a count outside one means a check changed
    assert.ok(
      files('answer-tex-newline') >= 140 && files('answer-tex-newline') <= 165,
      `tex-newline in ${files('answer-tex-newline')} answers`,
    );
    assert.ok(
      files('answer-math-delimiter') >= 1050 && files('answer-math-delimiter') <= 1200,
      `delimiters in ${files('answer-math-delimiter')}`,
    );
    assert.ok(count('answer-math-delimiter') >= 6000 && count('answer-math-delimiter') <= 7500, `${count('answer-math-delimiter')} pairs`);
    assert.ok(files('answer-math-error') >= 15 && files('answer-math-error') <= 40, `math errors in ${files('answer-math-error')}`);
    assert.ok(
      files('answer-currency-dollar') >= 150 && files('answer-currency-dollar') <= 220,
      `prices in ${files('answer-currency-dollar')}`,
    );
    // defects the real corpus does not have (raw HTML only appears inside code there)
    assert.equal(count('answer-raw-html'), 0);
    assert.equal(count('answer-empty'), 0);
  });

  it('hand-checked examples', () => {
    const find = (code: string, file: string) => byCode.get(code)?.filter((x) => x.file === file) ?? [];
    // Poisson's ratio is ν: `$$\n\nu = …` loses it; the PID controller's `$$\nu(t) = …` is u(t) after a line break
    assert.deepEqual(
      find('answer-tex-newline', 'engineering/how-is-poissons-ratio-used-to-describe-the-mechanical-behavior-of-materials.md').map(
        (x) => x.covered,
      ),
      ['\\nu'],
    );
    assert.deepEqual(find('answer-tex-newline', 'engineering/how-does-a-pid-controller-work-and-what-are-its-components.md'), []);
    // mhchem's \ce is not loaded on the site
    const ce = find('answer-math-error', 'chemistry/can-you-provide-some-examples-of-combustion-reactions.md');
    assert.ok(ce.length >= 5 && ce.every((x) => /Undefined control sequence: \\ce/.test(x.d.message)));
    // a closing `$$` at the end of a content line never closes
    const torque = find('answer-math-error', 'education-studies/how-does-torque-relate-to-the-moment-of-force.md');
    assert.deepEqual(
      torque.map((x) => [x.covered, /never closed/.test(x.d.message)]),
      [['$$', true]],
    );
    const prices = find(
      'answer-currency-dollar',
      'accounting-and-finance/what-is-a-contra-asset-account-and-how-does-it-impact-the-calculation-of-an-assets-book-value.md',
    );
    assert.ok(prices.some((x) => x.covered === '$10,000 and has recorded $'));
    const delimiter = find(
      'answer-math-delimiter',
      'accounting-and-finance/how-is-the-compounding-interest-formula-derived-and-applied.md',
    );
    assert.equal(delimiter[0].covered, '\\(A\\)');
  });

  it('every fix of a sample resolves its problem without breaking a formula', () => {
    const codes = new Set(['answer-tex-newline', 'answer-math-delimiter', 'answer-currency-dollar']);
    const corpus = new Corpus(learn);
    let i = 0;
    const sample = flagged.filter((f) => f.diagnostics.some((d) => d.code !== 'answer-math-delimiter') || i++ % 10 === 0);
    assert.ok(sample.length > 300);
    for (const { loc, text, diagnostics } of sample) {
      const model = readArticleModel(text);
      const { edits } = fixAll({ text, model, article: articleFromText(loc, text), corpus }, diagnostics, { codes });
      const after = checkAnswer(readArticleModel(applyEdits(text, edits)));
      // `\not` is the one command without an equivalent the site survives
      const left = after.filter((d) => codes.has(d.code) && !/`\\not`/.test(d.message));
      assert.deepEqual(left, [], loc.path);
      const errors = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'answer-math-error').length;
      assert.ok(errors(after) <= errors(diagnostics), `${loc.path}: a fix made a formula KaTeX rejects`);
    }
  });

  it('the fast scanner reads answers exactly as the site parser does wherever it does not decline', () => {
    const comparable = (v: AnswerView) => ({ ...v, math: v.math.map((m) => ({ ...m, tex: m.tex.replace(/\s+/g, ' ').trim() })) });
    let scanned = 0;
    let compared = 0;
    for (const [k, answer] of answers.entries()) {
      const interesting = answer.includes('$') || answer.includes('\\(') || answer.includes('```');
      if (!interesting || k % 7 !== 0) continue;
      // as the check reads it: with the `\n` of TeX commands kept, and as the site does
      for (const keep of [undefined, new Set(literalNewlines(answer).filter((at) => /^\\n(?:eg|eq|u|abla)\b/.test(answer.slice(at))))]) {
        const site = new SiteMarkdown(answer, keep);
        compared++;
        const fast = scanAnswerView(site);
        if (!fast) continue;
        scanned++;
        assert.deepEqual(comparable(fast), comparable(parsedAnswerView(site)), answer.slice(0, 200));
      }
    }
    assert.ok(scanned / compared > 0.95, `${scanned} of ${compared} read by the scanner`);
  });
});
