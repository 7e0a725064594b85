import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, relatedChoices, relevanceOf, type CompletionList } from '../../server/src/core/authoring/complete';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { searchArticles } from '../../server/src/core/authoring/search';
import { articleText, fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const NEURAL: ArticleSpec = { questionKey: 'how-do-neural-networks-learn', id: 12, subjectKey: 'computer-science' };
const NEURO_BIO: ArticleSpec = { questionKey: 'how-do-neurons-grow', id: 13, subjectKey: 'biology' };
const NEURO_PSY: ArticleSpec = { questionKey: 'how-do-neurons-fire', id: 14 };
const IONS: ArticleSpec = { questionKey: 'how-do-ions-affect-neurons', id: 1, related: [linkTo(NEURON)] };
const ALL = [NEURON, SYNAPSE, NEURAL, NEURO_BIO, NEURO_PSY];

/** The article's text with `lines` added at the end of its front matter. */
function withLines(spec: ArticleSpec, lines: string[]): string {
  return articleText(spec).replace('\n---\n\n&nbsp;', `\n${lines.join('\n')}\n---\n\n&nbsp;`);
}

/** Completion at the end of the line holding `marker` (the marker is removed). */
function at(spec: ArticleSpec, text: string, marker = '‸'): { list: CompletionList | undefined; text: string } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  const character = lines[line].indexOf(marker);
  const clean = text.replace(marker, '');
  const article = fixtureArticle(spec, clean);
  const corpus = fixtureCorpus(ALL);
  corpus.set(article);
  return { list: complete({ text: clean, model: article.model!, article, corpus }, { line, character }), text: clean };
}

function accept(text: string, list: CompletionList | undefined, index = 0): string {
  const item = list!.items[index];
  return applyEdits(text, [item.edit, ...item.additionalEdits]);
}

describe('completion (core)', () => {
  it('completes a related slot from words of the question; accepting fills the whole slot', () => {
    const { list, text } = at(IONS, withLines(IONS, ['related_article2:', '    id: synap‸']));
    assert.equal(list?.items[0].label, 'What is a synapse?');
    assert.equal(list?.items[0].detail, '#11 · Psychology');
    assert.equal(accept(text, list), articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE)] }));
  });

  it('ranks the same subject first, leaves out the article itself and what it already links to', () => {
    const { list } = at(IONS, withLines(IONS, ['related_article2:', '    id: neur‸']));
    const labels = list!.items.map((i) => i.label);
    assert.deepEqual(labels, ['How do neurons fire?', 'How do neurons grow?', 'How do neural networks learn?']);
    assert.ok(list!.isIncomplete);
  });

  it('matches an id by its digits', () => {
    const { list } = at(IONS, withLines(IONS, ['related_article2:', '    id: 13‸']));
    assert.equal(list?.items[0].label, 'How do neurons grow?');
  });

  it('on a url, the question-key part is the query', () => {
    const { list } = at(IONS, withLines(IONS, ['related_article2:', '    url: /learn/biology/questions/how-do-neurons-g‸']));
    assert.equal(list?.items[0].label, 'How do neurons grow?');
    assert.equal(list?.items[0].edit.newText, '/learn/biology/questions/how-do-neurons-grow');
  });

  it('replaces a partial slot, wherever the cursor is in it, and keeps CRLF', () => {
    const partial = withLines(IONS, ['related_article2:', '    title: >-', '        grow‸', '    url: /learn/x']).replace(/\n/g, '\r\n');
    const { list, text } = at(IONS, partial);
    assert.equal(list?.items[0].label, 'How do neurons grow?');
    const expected = articleText({ ...IONS, related: [linkTo(NEURON), { ...linkTo(NEURO_BIO), subject: 'Biology' }] });
    assert.equal(accept(text, list), expected.replace(/\n/g, '\r\n'));
  });

  it('the main edit is on the cursor line and contains the cursor; the others touch only what changes', () => {
    const { list } = at(IONS, withLines(IONS, ['related_article2:', '    id: synap‸', '    subject: Psychology']));
    const item = list!.items[0];
    assert.equal(item.edit.range.start.line, item.edit.range.end.line);
    assert.equal(item.edit.newText, '11');
    assert.equal(item.filterText.startsWith('synap'), true);
    // title goes in before `subject:`, url after it; the subject line itself is left alone
    assert.deepEqual(
      item.additionalEdits.map((e) => e.newText),
      ['    title: >-\n        What is a synapse?\n', '\n    url: /learn/psychology/questions/what-is-a-synapse'],
    );
  });

  it('with nothing typed, offers the same subject’s articles most like this one', () => {
    const { list } = at(IONS, withLines(IONS, ['related_article2:', '    id: ‸']));
    assert.deepEqual(
      list!.items.map((i) => i.label),
      ['How do neurons fire?'],
    );
  });

  it('a top-level `related_article` becomes the next free slot', () => {
    const { list, text } = at(IONS, withLines(IONS, ['rel‸']));
    assert.equal(list?.items[0].label, 'related_article2');
    assert.ok(list?.items[0].retrigger);
    assert.match(accept(text, list), /\nrelated_article2:\n {4}id: \n---/);
  });

  it('subject values from the corpus, the folder’s own first', () => {
    const text = articleText(IONS).replace('subject: Psychology', 'subject: B‸');
    const { list } = at(IONS, text);
    assert.deepEqual(
      list!.items.map((i) => i.label),
      ['Psychology', 'Biology', 'Computer Science'],
    );
    assert.equal(list!.items[0].edit.newText, 'Psychology');
  });

  it('offers nothing outside the front matter or on other fields', () => {
    assert.equal(at(IONS, articleText(IONS).replace('&nbsp;', '&nb‸sp;')).list, undefined);
    assert.equal(at(IONS, articleText(IONS).replace('author: QuickTakes', 'author: Quick‸Takes')).list, undefined);
  });
});

describe('article search', () => {
  it('needs every word (as a word prefix or part of one), and can keep one result per id', () => {
    const corpus = fixtureCorpus([...ALL, { ...NEURON, subjectKey: 'biology' }]);
    const titles = (q: string, uniqueIds = false) =>
      searchArticles(corpus, q, { limit: 10, uniqueIds }).articles.map((a) => `${a.subjectKey}/${a.questionKey}`);
    assert.deepEqual(titles('neurons gr'), ['biology/how-do-neurons-grow']);
    assert.deepEqual(titles('what neuron').length, 2);
    assert.deepEqual(titles('what neuron', true).length, 1);
    assert.deepEqual(titles('biology grow'), ['biology/how-do-neurons-grow']);
    assert.deepEqual(titles('xyz'), []);
  });
});

describe('relatedChoices with suggestion relevance', () => {
  const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
  const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
  const C: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
  const SELF: ArticleSpec = { questionKey: 'how-do-signals-travel', id: 1, related: [linkTo(B)] };
  const corpus = fixtureCorpus([A, B, C, SELF]);
  const self = corpus.get(fixtureArticle(SELF).path)!;
  const pathOf = (s: ArticleSpec) => fixtureArticle(s).path;
  const relevance = relevanceOf(
    new Map([
      [pathOf(C), 9],
      [pathOf(B), 8],
      [pathOf(A), 1],
      [self.path, 99],
    ]),
  );

  it('with nothing typed, offers the most relevant articles that may be linked', () => {
    const found = relatedChoices(corpus, self, '', { limit: 5, relevance });
    assert.deepEqual(
      found.articles.map((a) => a.id),
      [12, 10],
      'itself and the already linked synapse are left out',
    );
  });

  it('with a query, keeps only matches and ranks them by relevance', () => {
    assert.deepEqual(
      relatedChoices(corpus, self, 'what', { limit: 5 }).articles.map((a) => a.id),
      [10, 12],
      'without relevance: same subject first',
    );
    assert.deepEqual(
      relatedChoices(corpus, self, 'what', { limit: 5, relevance }).articles.map((a) => a.id),
      [12, 10],
    );
  });
});
