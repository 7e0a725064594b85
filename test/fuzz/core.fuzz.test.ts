/**
 * Property-based fuzzing of the core on mutated real articles: the parser and
 * checks never throw or hang, every range lies inside the document, and the
 * fast reader (the byte walker) builds the exact parser's model whenever it
 * does not defer, on mutated articles and on front matter built from scratch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { articleFromText } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import { Corpus } from '../../server/src/core/corpus/corpus';
import type { ArticleModel, Range } from '../../server/src/core/frontMatter/model';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { locateArticle } from '../../server/src/core/site/paths';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { modelFromText } from '../../server/src/core/frontMatter/walkModel';
import { LineIndex, stripBom } from '../../server/src/core/frontMatter/lineIndex';
import { frontMatterArb } from '../support/frontMatterArb';
import { FUZZ, mutate, mutationArb, sampleTexts } from '../support/mutations';
import { plainModel } from '../support/summary';

const samples = sampleTexts();
const corpus = new Corpus(locateArticle(samples[0].path)!.learnRoot);
for (const s of samples) corpus.set(articleFromText(locateArticle(s.path)!, s.text));

function assertInside(range: Range, lines: LineIndex, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside 0..${lines.lineCount - 1}`);
    assert.ok(
      p.character >= 0 && p.character <= lines.lineText(p.line).length + 1,
      `${what}: character ${p.character} past line ${p.line}`,
    );
  }
}

const plain = (m: ArticleModel) => JSON.stringify(plainModel(m, { producer: false }));

describe('fuzzing the core with mutated real articles', () => {
  it('parse + checks: no throw, bounded time, ranges inside the document', () => {
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (which, mutations) => {
        const sample = samples[which];
        const text = mutate(sample.text, mutations);
        const started = Date.now();
        const article = articleFromText(locateArticle(sample.path)!, text);
        const diagnostics = checkArticle(article, article.model!, corpus);
        assert.ok(Date.now() - started < 2000, 'one article takes well under 2 s');
        const lines = new LineIndex(stripBom(text));
        for (const d of diagnostics) assertInside(d.range, lines, `${d.code} ${d.message}`);
      }),
      FUZZ,
    );
  });

  it('the walker builds the exact parser’s model whenever it does not defer: mutated articles', () => {
    let walked = 0;
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const text = mutate(samples[which].text, mutations);
        const model = modelFromText(text);
        if (model) walked++;
        if (model) assert.equal(plain(model), plain(parseArticle(text)));
        else assert.deepEqual(readArticleModel(text), parseArticle(text));
      }),
      FUZZ,
    );
    assert.ok(walked > FUZZ.numRuns / 5, `only ${walked} of ${FUZZ.numRuns} mutants were walked`);
  });

  it('the walker builds the exact parser’s model whenever it does not defer: front matter from scratch', () => {
    let walked = 0;
    fc.assert(
      fc.property(frontMatterArb, (text) => {
        const model = modelFromText(text);
        if (model) walked++;
        if (model) assert.equal(plain(model), plain(parseArticle(text)));
        else assert.deepEqual(readArticleModel(text), parseArticle(text));
      }),
      FUZZ,
    );
    assert.ok(walked > FUZZ.numRuns / 5, `only ${walked} of ${FUZZ.numRuns} texts were walked`);
  });
});
