import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { insertRelated, relatedCandidates } from '../../server/src/core/authoring/relatedInsert';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { articleText, fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const C: ArticleSpec = { questionKey: 'what-is-dopamine', id: 12 };
const D: ArticleSpec = { subjectKey: 'biology', questionKey: 'how-do-cells-divide', id: 30 };
const corpus = fixtureCorpus([A, B, C, D]);
const target = (spec: ArticleSpec) => corpus.get(fixtureArticle(spec).path)!;

function insert(spec: ArticleSpec, to: ArticleSpec, transform = (t: string) => t) {
  const text = transform(articleText(spec));
  const r = insertRelated(text, readArticleModel(text), target(to));
  assert.ok('edit' in r, JSON.stringify(r));
  return { n: r.n, text: applyEdits(text, [r.edit]) };
}

describe('insertRelated', () => {
  it('adds related_article1 before the closing fence, in the corpus layout', () => {
    const r = insert({ questionKey: 'q', id: 1 }, A);
    assert.equal(r.n, 1);
    assert.equal(r.text, articleText({ questionKey: 'q', id: 1, related: [linkTo(A)] }));
  });

  it('fills the first free slot and keeps slots in order', () => {
    const full = articleText({ questionKey: 'q', id: 1, related: [linkTo(A), linkTo(B), linkTo(C)] });
    const withoutSecond = full.replace(/related_article2:\n(?: {4}.*\n)+/, '');
    const text = withoutSecond;
    const r = insertRelated(text, readArticleModel(text), target(B));
    assert.ok('edit' in r);
    assert.equal(r.n, 2);
    assert.equal(applyEdits(text, [r.edit]), full);
  });

  it('keeps CRLF line ends', () => {
    const r = insert({ questionKey: 'q', id: 1 }, D, (t) => t.replace(/\n/g, '\r\n'));
    assert.equal(r.text, articleText({ questionKey: 'q', id: 1, related: [{ ...linkTo(D), subject: 'Biology' }] }).replace(/\n/g, '\r\n'));
  });

  it('refuses when all five slots are used, or without front matter', () => {
    const five = articleText({ questionKey: 'q', id: 1, related: [A, B, C, D, A].map(linkTo) });
    assert.deepEqual(insertRelated(five, readArticleModel(five), target(A)), {
      error: 'All 5 related slots are used; the site shows no more.',
    });
    assert.ok('error' in insertRelated('text', readArticleModel('text'), target(A)));
  });
});

describe('relatedCandidates', () => {
  it('matches every word of the query in titles, excluding the article and what it links to', () => {
    const self = fixtureArticle({ questionKey: 'what-is-a-synapse', id: 11, related: [linkTo(C)] });
    assert.deepEqual(
      relatedCandidates(corpus, { query: 'WHAT is', self }).map((a) => a.id),
      [10],
    );
    assert.deepEqual(
      relatedCandidates(corpus, { query: 'cells divide', self }).map((a) => a.id),
      [30],
    );
  });

  it('with an empty query lists the same subject’s articles most like this one, one per id (as completion does)', () => {
    const copyOfA = { ...A, subjectKey: 'biology', url: '/learn/psychology/questions/what-is-a-neuron' };
    const dup = fixtureCorpus([A, B, C, D, copyOfA]);
    const self = fixtureArticle({ questionKey: 'how-does-a-neuron-release-dopamine', id: 13 });
    const found = relatedCandidates(dup, { query: '', self, limit: 3 });
    assert.deepEqual(found.map((a) => a.id).sort(), [10, 12]);
    assert.ok(found.every((a) => a.subjectKey === 'psychology'));
  });
});
