import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArticle } from '../../server/src/core/checks';
import { normalizeQuestion } from '../../server/src/core/corpus/article';
import { buildReport, inboundLinks } from '../../server/src/core/lint/report';
import { fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';
import { CELL, NEURON, SYNAPSE } from '../support/healthFixtures';

const [A, B, C] = [NEURON, SYNAPSE, CELL];
/** Shares C's id, links to itself and to B with a drifted title. */
const D: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-a-tissue',
  id: 12,
  related: [
    { ...linkTo(B), title: 'Drifted' },
    { id: 13, title: 'Tissue?', url: '/learn/biology/questions/what-is-a-tissue' },
  ],
};

function report(specs: ArticleSpec[]) {
  const corpus = fixtureCorpus(specs);
  const results = [...corpus.articles()].map((article) => ({ article, diagnostics: checkArticle(article, article.model!, corpus) }));
  return buildReport({ results, corpora: [corpus] }, { name: (p) => p.slice(LEARN_ROOT.length + 1) });
}

describe('corpus health report', () => {
  const r = report([A, B, C, D]);

  it('counts defects per severity and per code, with how many files have each', () => {
    assert.equal(r.articles, 4);
    assert.equal(r.defects, 10);
    assert.deepEqual(r.bySeverity, { error: 5, warning: 5, info: 0, hint: 0 });
    assert.deepEqual(
      r.byCode.map((c) => [c.code, c.severity, c.count, c.files]),
      [
        ['duplicate-id', 'error', 2, 2],
        ['related-title-mismatch', 'warning', 2, 1],
        ['related-unknown-id', 'error', 2, 2],
        ['related-broken-url', 'error', 1, 1],
        ['related-duplicate', 'warning', 1, 1],
        ['related-id-url-mismatch', 'warning', 1, 1],
        ['related-self', 'warning', 1, 1],
      ],
    );
  });

  it('counts per subject folder, and lists the files with defects, most first', () => {
    assert.deepEqual(
      r.bySubject.map((s) => [s.subject, s.articles, s.defects, s.files, s.withoutRelated]),
      [
        ['biology', 2, 9, 2, 0],
        ['psychology', 2, 1, 1, 1],
      ],
    );
    assert.deepEqual(r.bySubject[0].codes, {
      'duplicate-id': 2,
      'related-broken-url': 1,
      'related-id-url-mismatch': 1,
      'related-self': 1,
      'related-title-mismatch': 2,
      'related-unknown-id': 2,
    });
    assert.deepEqual(
      r.files.map((f) => [f.file, f.errors, f.warnings, f.other]),
      [
        ['biology/what-is-a-tissue.md', 2, 4, 0],
        ['biology/what-is-a-cell.md', 3, 0, 0],
        ['psychology/what-is-a-synapse.md', 0, 1, 0],
      ],
    );
    assert.deepEqual(r.files[2], {
      file: 'psychology/what-is-a-synapse.md',
      subject: 'psychology',
      id: 11,
      title: 'What is a synapse?',
      errors: 0,
      warnings: 1,
      other: 0,
      codes: { 'related-duplicate': 1 },
    });
  });

  it('lists articles without related links, the most linked (distinct referrers, by url) and the never linked', () => {
    assert.deepEqual(
      r.withoutRelated.map((a) => a.file),
      ['psychology/what-is-a-neuron.md'],
    );
    // A: from B (twice, counts once) and C; B: from D; a self-link does not count
    assert.deepEqual(
      r.mostLinked.map((a) => [a.file, a.inbound]),
      [
        ['psychology/what-is-a-neuron.md', 2],
        ['psychology/what-is-a-synapse.md', 1],
      ],
    );
    assert.deepEqual(
      r.neverLinked.map((a) => a.file),
      ['biology/what-is-a-cell.md', 'biology/what-is-a-tissue.md'],
    );
  });

  it('counts links from the whole corpus, also when reporting on part of it', () => {
    const corpus = fixtureCorpus([A, B, C, D]);
    const a = [...corpus.articles()].find((x) => x.id === 10)!;
    const part = buildReport({ results: [{ article: a, diagnostics: [] }], corpora: [corpus] });
    assert.equal(part.articles, 1);
    assert.equal(part.defects, 0);
    assert.deepEqual(part.files, []);
    assert.equal(part.mostLinked[0].inbound, 2);
    assert.equal(part.mostLinked[0].file, a.path, 'named by absolute path by default');
    assert.equal(inboundLinks([corpus]).get(a.path), 2);
  });

  it('gives an empty report for no articles', () => {
    const empty = buildReport({ results: [], corpora: [] }, { root: '/ws' });
    assert.deepEqual(empty, {
      root: '/ws',
      articles: 0,
      defects: 0,
      bySeverity: { error: 0, warning: 0, info: 0, hint: 0 },
      byCode: [],
      bySubject: [],
      files: [],
      withoutRelated: [],
      mostLinked: [],
      neverLinked: [],
      questionClusters: [],
    });
  });

  it('lists the clusters of articles asking one question under different ids, with a reported article among them', () => {
    const twin: ArticleSpec = { subjectKey: 'chemistry', questionKey: 'cells', id: 30, question: 'what is a CELL' };
    const corpus = fixtureCorpus([A, B, C, twin]);
    const inBiology = [...corpus.articles()].filter((a) => a.subjectKey === 'biology');
    const results = inBiology.map((article) => ({ article, diagnostics: checkArticle(article, article.model!, corpus) }));
    const name = (p: string) => p.slice(LEARN_ROOT.length + 1);
    const { questionClusters } = buildReport({ results, corpora: [corpus] }, { name });
    assert.deepEqual(questionClusters, [
      {
        kind: 'exact',
        question: 'what is a cell',
        articles: [
          { file: 'biology/what-is-a-cell.md', subject: 'biology', id: 12, title: 'What is a cell?' },
          { file: 'chemistry/cells.md', subject: 'chemistry', id: 30, title: 'Cells ?' },
        ],
      },
    ]);
    const psychology = [...corpus.articles()].filter((a) => a.subjectKey === 'psychology').map((article) => ({ article, diagnostics: [] }));
    assert.deepEqual(buildReport({ results: psychology, corpora: [corpus] }).questionClusters, [], 'no reported article asks it');
  });

  it("lists the near-duplicate groups it is given, the group's first article first", () => {
    const corpus = fixtureCorpus([A, B, C]);
    const results = [...corpus.articles()].map((article) => ({ article, diagnostics: [] }));
    const [a, b] = results.map((r) => r.article);
    const name = (p: string) => p.slice(LEARN_ROOT.length + 1);
    const { questionClusters } = buildReport({ results, corpora: [corpus], nearDuplicates: [[b, a]] }, { name });
    assert.deepEqual(questionClusters, [
      {
        kind: 'near',
        question: normalizeQuestion(b.title)!.replace(/-/g, ' '),
        articles: [
          { file: name(b.path), subject: b.subjectKey, id: b.id, title: b.title },
          { file: name(a.path), subject: a.subjectKey, id: a.id, title: a.title },
        ],
      },
    ]);
  });
});
