/** The corpus lists and tallies behind the editor's views, on in-memory corpora. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArticle } from '../../server/src/core/checks';
import type { Diagnostic } from '../../server/src/core/checks/diagnostics';
import { atOnce, SliceCancelled } from '../../server/src/core/loading/slices';
import { linkedFromNowhereSteps, withoutRelatedSteps } from '../../server/src/core/views/lists';
import { ProblemTally } from '../../server/src/core/views/problems';
import { slotStatuses } from '../../server/src/core/views/slots';
import { fixtureArticle, fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11, related: [linkTo(A)] };
/** Links to A by id only (its url is a 404) and to B with a drifted title. */
const C: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-a-cell',
  id: 12,
  related: [
    { ...linkTo(A), url: '/learn/psychology/questions/no-such-question' },
    { ...linkTo(B), title: 'Drifted?' },
  ],
};
/** Links to itself only. */
const TISSUE: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-tissue', id: 13 };
const D: ArticleSpec = { ...TISSUE, related: [linkTo(TISSUE)] };

const rel = (path: string) => path.slice(LEARN_ROOT.length + 1);

describe('corpus lists', () => {
  const corpus = fixtureCorpus([A, B, C, D]);

  it('lists the articles no other article leads to by its url, by path', () => {
    const found = atOnce(linkedFromNowhereSteps([corpus]));
    // A is led to by B (C names its id, but its url is a 404); a self-link does not count
    assert.deepEqual(
      found.map((a) => rel(a.path)),
      ['biology/what-is-a-cell.md', 'biology/what-is-a-tissue.md'],
    );
  });

  it('lists the articles without related slots', () => {
    assert.deepEqual(
      atOnce(withoutRelatedSteps([corpus])).map((a) => rel(a.path)),
      ['psychology/what-is-a-neuron.md'],
    );
  });

  it('leaves out what the filter excludes', () => {
    const notBiology = (a: { subjectKey: string }) => a.subjectKey !== 'biology';
    assert.deepEqual(atOnce(linkedFromNowhereSteps([corpus], notBiology)), []);
  });

  it('goes in steps over a large corpus', () => {
    const many = fixtureCorpus(Array.from({ length: 1000 }, (_, i) => ({ questionKey: `question-${i}`, id: i + 1 })));
    const steps = withoutRelatedSteps([many]);
    let yields = 0;
    for (let r = steps.next(); !r.done; r = steps.next()) yields++;
    assert.ok(yields >= 3, `${yields} yields`);
  });
});

describe('slot statuses', () => {
  const corpus = fixtureCorpus([A, B, C, D]);

  it('gives each slot its target and the diagnostics within its lines', () => {
    const cell = corpus.get(`${LEARN_ROOT}/biology/what-is-a-cell.md`)!;
    const statuses = slotStatuses(cell.model!, corpus, checkArticle(cell, cell.model!, corpus));
    assert.deepEqual(
      statuses.map((s) => [s.slot.n, s.title, s.target && rel(s.target.path), s.problems.map((d) => d.code)]),
      [
        [1, 'What is a neuron?', 'psychology/what-is-a-neuron.md', ['related-broken-url']],
        [2, 'Drifted?', 'psychology/what-is-a-synapse.md', ['related-title-mismatch']],
      ],
    );
  });

  it('says a sound slot has no problems', () => {
    const synapse = corpus.get(`${LEARN_ROOT}/psychology/what-is-a-synapse.md`)!;
    const [only] = slotStatuses(synapse.model!, corpus, checkArticle(synapse, synapse.model!, corpus));
    assert.deepEqual([only.url, only.problems], ['/learn/psychology/questions/what-is-a-neuron', []]);
  });
});

describe('problem tally', () => {
  const corpus = fixtureCorpus([A, B, C, D]);
  const paths = () => [...corpus.articles()].map((a) => a.path);
  let checked: string[] = [];
  const diagnosticsOf = (p: string): Diagnostic[] => {
    checked.push(rel(p));
    const a = corpus.get(p);
    return a ? checkArticle(a, a.model!, corpus) : [];
  };

  it('counts problems by code, most first, and lists the articles of a code', async () => {
    const tally = new ProblemTally();
    await tally.refresh(paths, diagnosticsOf);
    assert.equal(checked.length, 4);
    assert.deepEqual(
      tally.codes().map((c) => [c.code, c.severity, c.count, c.articles]),
      [
        ['related-broken-url', 'error', 1, 1],
        ['related-self', 'warning', 1, 1],
        ['related-title-mismatch', 'warning', 1, 1],
      ],
    );
    const [self] = tally.articles('related-self');
    assert.equal(rel(self.path), 'biology/what-is-a-tissue.md');
    assert.deepEqual([self.problem.count, self.problem.range.start.line], [1, 26]);

    // again: nothing to check
    checked = [];
    await tally.refresh(paths, diagnosticsOf);
    assert.deepEqual(checked, []);
  });

  it('checks again only the articles it is told changed, and follows deletions', async () => {
    const tally = new ProblemTally();
    await tally.refresh(paths, diagnosticsOf);
    const tissue = `${LEARN_ROOT}/biology/what-is-a-tissue.md`;
    corpus.delete(tissue);
    tally.forget([tissue]);
    checked = [];
    await tally.refresh(paths, diagnosticsOf);
    assert.deepEqual(checked, []);
    assert.deepEqual(tally.articles('related-self'), []);

    const fixed = fixtureArticle({ ...C, related: [linkTo(A), linkTo(B)] });
    corpus.set(fixed);
    tally.forget([fixed.path]);
    await tally.refresh(paths, diagnosticsOf);
    assert.deepEqual(checked, ['biology/what-is-a-cell.md']);
    assert.deepEqual(tally.codes(), []);
    corpus.set(fixtureArticle(D));
  });

  it('checks again whatever changed while it was filling', async () => {
    const tally = new ProblemTally();
    const cell = `${LEARN_ROOT}/biology/what-is-a-cell.md`;
    let forgotten = false;
    checked = [];
    await tally.refresh(paths, (p) => {
      // an edit arrives in the middle of the fill: the article it affects was checked already
      if (!forgotten && checked.includes('biology/what-is-a-cell.md')) {
        forgotten = true;
        tally.forget([cell]);
      }
      return diagnosticsOf(p);
    });
    assert.equal(checked.filter((p) => p === 'biology/what-is-a-cell.md').length, 2, checked.join(', '));
  });

  it('stops when cancelled', async () => {
    const many = fixtureCorpus(Array.from({ length: 2000 }, (_, i) => ({ questionKey: `question-${i}`, id: i + 1 })));
    const tally = new ProblemTally();
    let n = 0;
    const check = (p: string) => {
      n++;
      const a = many.get(p)!;
      return checkArticle(a, a.model!, many);
    };
    await assert.rejects(
      tally.refresh(
        () => [...many.articles()].map((a) => a.path),
        check,
        () => n > 100,
      ),
      SliceCancelled,
    );
    assert.ok(n < 2000, `${n} checked`);
  });
});
