import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/core/authoring/fixes';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { fillRelatedSlots, SuggestionIndex, termsOf, wordsOf } from '../../server/src/core/authoring/suggest';
import { articleText, fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';

const NEURON: ArticleSpec = {
  questionKey: 'what-is-a-neuron',
  id: 10,
  answer: 'A neuron is a nerve cell: its dendrites receive impulses,\\n\\nits axon carries impulses to synapses.',
};
const SIGNALS: ArticleSpec = {
  questionKey: 'how-do-neurons-transmit-signals',
  id: 11,
  answer: 'Neurons transmit impulses along the axon to synapses, where the dendrites of the next neuron receive them.',
};
const SYNAPSE: ArticleSpec = {
  questionKey: 'what-happens-at-a-synapse',
  id: 12,
  answer: 'At a synapse, neurotransmitters cross the synaptic cleft and bind to receptors of the next neuron.',
};
const MYELIN: ArticleSpec = {
  questionKey: 'what-does-myelin-do-for-an-axon',
  id: 13,
  answer: 'Myelin insulates the axon so that action potentials jump between nodes and travel faster.',
};
const PHOTOSYNTHESIS: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-photosynthesis',
  id: 20,
  answer: 'Photosynthesis turns light, water and carbon dioxide into glucose and oxygen in chloroplasts.',
};
/** The same article as SIGNALS in another subject folder (same id). */
const SIGNALS_COPY: ArticleSpec = { ...SIGNALS, subjectKey: 'biology' };
/** An article with the neuron's own id in another folder. */
const NEURON_TWIN: ArticleSpec = { ...NEURON, subjectKey: 'medicine', questionKey: 'what-are-neurons-made-of' };

/** Articles on other topics, as a real corpus has: words most articles share are not distinctive. */
const OTHERS: ArticleSpec[] =
  'volcano glacier tariff sonnet enzyme orbit parliament bacteria sculpture inflation vaccine opera monsoon genome'
    .split(' ')
    .map((w, i) => ({ subjectKey: 'science', questionKey: `what-is-a-${w}`, id: 100 + i, answer: `A ${w} is studied in many courses.` }));

const ALL = [NEURON, SIGNALS, SYNAPSE, MYELIN, PHOTOSYNTHESIS, SIGNALS_COPY, NEURON_TWIN, ...OTHERS];

function ids(index: SuggestionIndex, spec: ArticleSpec, limit = 5): number[] {
  const article = index.corpus.get(fixtureArticle(spec).path)!;
  return index.suggest(article, { limit }).map((s) => s.article.id!);
}

describe('related-article suggestions', () => {
  it('ranks articles by shared distinctive terms, never the article itself, its id or an article twice', () => {
    const index = SuggestionIndex.build(fixtureCorpus(ALL));
    const found = index.suggest(index.corpus.get(fixtureArticle(NEURON).path)!);
    assert.equal(found[0].article.id, 11, 'the article sharing the most words first');
    assert.deepEqual(found.map((s) => s.article.id).sort(), [11, 12, 13], 'neither itself (10), its twin (10) nor photosynthesis');
    assert.ok(found[0].score >= found[1].score && found[1].score >= found[2].score);
    assert.equal(new Set(found.map((s) => s.article.id)).size, found.length);
  });

  it('leaves out the articles it already links to, by id or by url', () => {
    const linking = { ...NEURON, related: [linkTo(SIGNALS), { ...linkTo(SYNAPSE), id: 999 }] };
    const index = SuggestionIndex.build(fixtureCorpus([linking, ...ALL.slice(1)]));
    assert.deepEqual(ids(index, linking), [13]);
  });

  it('is deterministic: the same ranking whatever order the corpus was built in, ties by lower id', () => {
    const twinA: ArticleSpec = { questionKey: 'what-is-an-axon-a', id: 31, answer: 'The axon carries impulses away from the neuron body.' };
    const twinB: ArticleSpec = { ...twinA, questionKey: 'what-is-an-axon-b', id: 30 };
    const forward = SuggestionIndex.build(fixtureCorpus([...ALL, twinA, twinB]));
    const backward = SuggestionIndex.build(fixtureCorpus([twinB, twinA, ...[...ALL].reverse()]));
    const got = forward.suggest(forward.corpus.get(fixtureArticle(NEURON).path)!, { limit: 10 });
    assert.deepEqual(
      got.map((s) => s.article.id),
      ids(backward, NEURON, 10),
    );
    const a = got.findIndex((s) => s.article.id === 30);
    const b = got.findIndex((s) => s.article.id === 31);
    assert.equal(got[a].score, got[b].score, 'the twins tie');
    assert.ok(a < b, 'the tie goes to the lower id');
  });

  it('follows the corpus: a changed, added or removed article is seen by the next query', () => {
    const corpus = fixtureCorpus(ALL);
    const index = SuggestionIndex.build(corpus);
    assert.ok(!ids(index, PHOTOSYNTHESIS).includes(13));
    // the myelin article now talks about chloroplasts and light
    const changed = { ...MYELIN, answer: 'Chloroplasts capture light for photosynthesis, making glucose and oxygen.' };
    corpus.set(fixtureArticle(changed));
    assert.deepEqual(ids(index, PHOTOSYNTHESIS), [13]);
    corpus.delete(fixtureArticle(SIGNALS).path);
    corpus.delete(fixtureArticle(SIGNALS_COPY).path);
    assert.ok(!ids(index, NEURON).includes(11));
    const added: ArticleSpec = { questionKey: 'what-are-dendrites', id: 40, answer: 'Dendrites of a neuron receive impulses at synapses.' };
    corpus.set(fixtureArticle(added));
    assert.ok(ids(index, NEURON).includes(40));
    assert.equal(index.size, corpus.size);
  });

  it('weighs the candidates by the corpus as it is now, after a change too (no stale term vectors)', () => {
    const similarity = (index: SuggestionIndex) => {
      const neuron = index.corpus.get(fixtureArticle(NEURON).path)!;
      return index.candidates(neuron).find((c) => c.article.id === 11)!.signals.similarity;
    };
    const corpus = fixtureCorpus(ALL);
    const index = SuggestionIndex.build(corpus);
    const before = similarity(index);
    // 'axon' and 'synapses' become common words: they say less about what the neuron articles share
    const axons = ['a', 'b', 'c', 'd'].map((k, i): ArticleSpec => ({
      questionKey: `axons-${k}`,
      id: 60 + i,
      answer: 'The axon reaches synapses.',
    }));
    for (const spec of axons) corpus.set(fixtureArticle(spec));
    const after = similarity(index);
    assert.notEqual(after, before);
    assert.equal(after, similarity(SuggestionIndex.build(fixtureCorpus([...ALL, ...axons]))));
  });

  it('suggests for an edited text given as a model, without the index knowing it', () => {
    const index = SuggestionIndex.build(fixtureCorpus(ALL));
    const edited = fixtureArticle({ ...NEURON, answer: 'Chloroplasts and photosynthesis, light and glucose.' });
    assert.equal(index.suggest(edited, { model: edited.model })[0].article.id, 20, 'the edited answer is about photosynthesis');
  });

  it('ranks by relevance and finds free text with prefix and fuzzy matching', () => {
    const index = SuggestionIndex.build(fixtureCorpus(ALL));
    const relevance = index.relevance(index.corpus.get(fixtureArticle(NEURON).path)!);
    assert.ok(relevance.get(fixtureArticle(SIGNALS).path)! > relevance.get(fixtureArticle(MYELIN).path)!);
    assert.ok(!relevance.has(fixtureArticle(PHOTOSYNTHESIS).path));
    assert.equal(index.searchText('photosynthes')[0].article.id, 20, 'a prefix');
    assert.equal(index.searchText('photosyntesis')[0].article.id, 20, 'a typo');
  });

  it('indexes words, not the answer markup: literal \\n and TeX commands separate words', () => {
    assert.deepEqual(termsOf('Neurons.\\n\\nThe $\\alpha$ waves of the Brain'), ['neuron', 'wave', 'brain']);
  });

  it('folds plurals into index terms, and keeps the words as written apart (`wordsOf`)', () => {
    const text = 'Neurons and glass: the $\\alpha$ waves of a virus, analysis and Brains';
    assert.deepEqual(wordsOf(text), ['neurons', 'glass', 'waves', 'virus', 'analysis', 'brains']);
    assert.deepEqual(termsOf(text), ['neuron', 'glass', 'wave', 'virus', 'analysis', 'brain']);
  });
});

describe('filling empty related slots', () => {
  const target = fixtureArticle(SIGNALS);
  const other = fixtureArticle(MYELIN);

  it('inserts each suggestion as the next free slot, in the file layout, touching no other line', () => {
    const text = articleText({ ...NEURON, related: [linkTo(SYNAPSE)] });
    const model = readArticleModel(text);
    const { edits, filled } = fillRelatedSlots(text, model, [
      { article: target, score: 2 },
      { article: other, score: 1 },
    ]);
    assert.deepEqual(
      filled.map((f) => [f.n, f.article.id]),
      [
        [2, 11],
        [3, 13],
      ],
    );
    const after = applyEdits(text, edits);
    const lines = after.split('\n');
    const start = lines.indexOf('related_article2:');
    assert.deepEqual(lines.slice(start, start + 12), [
      'related_article2:',
      '    id: 11',
      '    title: >-',
      '        How do neurons transmit signals?',
      '    subject: Psychology',
      '    url: /learn/psychology/questions/how-do-neurons-transmit-signals',
      'related_article3:',
      '    id: 13',
      '    title: >-',
      '        What does myelin do for an axon?',
      '    subject: Psychology',
      '    url: /learn/psychology/questions/what-does-myelin-do-for-an-axon',
    ]);
    // only lines were added: removing them gives the original back
    assert.equal(lines.filter((_, i) => i < start || i >= start + 12).join('\n'), text);
  });

  it('keeps CRLF line endings and stops when all five slots are used', () => {
    const text = articleText({ ...NEURON, related: [linkTo(SYNAPSE), linkTo(MYELIN), linkTo(PHOTOSYNTHESIS), linkTo(SIGNALS)] }).replace(
      /\n/g,
      '\r\n',
    );
    const { edits, filled } = fillRelatedSlots(text, readArticleModel(text), [
      { article: fixtureArticle({ questionKey: 'what-are-dendrites', id: 40 }), score: 2 },
      { article: other, score: 1 },
    ]);
    assert.deepEqual(
      filled.map((f) => f.n),
      [5],
    );
    const after = applyEdits(text, edits);
    assert.ok(!/[^\r]\n/.test(after), 'every line break is CRLF');
    assert.deepEqual(
      readArticleModel(after).related.map((s) => s.n),
      [1, 2, 3, 4, 5],
    );
  });
});
