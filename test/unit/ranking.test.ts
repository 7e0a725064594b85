import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SuggestionIndex } from '../../server/src/core/authoring/suggest';
import { DEFAULT_WEIGHTS, scoreOf, TEXT_ONLY_WEIGHTS } from '../../server/src/core/authoring/ranking';
import { fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';

// The article to suggest for, and two candidates that share exactly the same words with it:
// only the signal under test tells them apart.
const SUBJECT: ArticleSpec = {
  questionKey: 'how-do-glaciers-shape-valleys',
  id: 50,
  date: '2025-03-01',
  answer: 'Glaciers carve valleys by abrasion and plucking as the ice moves downhill.',
};
const FIRST: ArticleSpec = {
  questionKey: 'what-is-glacial-abrasion',
  id: 51,
  date: '2025-04-01',
  answer: 'Abrasion: the ice of glaciers grinds rock as it moves.',
};
const SECOND: ArticleSpec = {
  questionKey: 'what-is-glacial-plucking',
  id: 52,
  date: '2025-04-01',
  answer: 'Plucking: the ice of glaciers lifts rock as it moves.',
};
/** Other topics, so that the shared words are distinctive. */
const OTHERS: ArticleSpec[] = 'tariff sonnet enzyme orbit parliament vaccine opera genome'.split(' ').map((w, i) => ({
  subjectKey: 'science',
  questionKey: `what-is-a-${w}`,
  id: 100 + i,
  date: '2025-02-01',
  answer: `A ${w} is studied in many courses.`,
}));

function order(specs: ArticleSpec[], of: ArticleSpec = SUBJECT): string[] {
  const index = SuggestionIndex.build(fixtureCorpus(specs));
  const article = index.corpus.get(fixtureArticle(of).path)!;
  return index.suggest(article, { limit: 5 }).map((s) => s.article.questionKey);
}

/** Whether `a` comes before `b` in `ranking`. */
function before(ranking: string[], a: ArticleSpec, b: ArticleSpec): boolean {
  const i = ranking.indexOf(a.questionKey);
  const j = ranking.indexOf(b.questionKey);
  return i !== -1 && j !== -1 && i < j;
}

describe('ranking related-article candidates', () => {
  it('with nothing else to tell them apart, the tie goes to the lower id (the baseline of each test below)', () => {
    assert.ok(before(order([SUBJECT, FIRST, SECOND, ...OTHERS]), FIRST, SECOND));
  });

  it('ranks higher an article that links here', () => {
    const linking = { ...SECOND, related: [linkTo(SUBJECT)] };
    assert.ok(before(order([SUBJECT, FIRST, linking, ...OTHERS]), SECOND, FIRST));
  });

  it('ranks higher an article linked together with this one by the same referrer (co-citation)', () => {
    const referrer: ArticleSpec = {
      questionKey: 'what-is-a-moraine',
      id: 60,
      date: '2025-05-01',
      answer: 'A moraine is debris.',
      related: [linkTo(SUBJECT), linkTo(SECOND)],
    };
    assert.ok(before(order([SUBJECT, FIRST, SECOND, referrer, ...OTHERS]), SECOND, FIRST));
  });

  it('ranks higher an article written on the same date', () => {
    const sameDay = { ...SECOND, date: SUBJECT.date };
    assert.ok(before(order([SUBJECT, FIRST, sameDay, ...OTHERS]), SECOND, FIRST));
  });

  it('ranks higher an article sharing more distinctive words', () => {
    const closer = { ...SECOND, answer: 'Plucking and abrasion: glaciers carve valleys as the ice moves downhill.' };
    assert.ok(before(order([SUBJECT, FIRST, closer, ...OTHERS]), SECOND, FIRST));
  });

  it('never suggests an article with nothing in common, however close its date or subject', () => {
    const unrelated: ArticleSpec = {
      questionKey: 'what-is-a-tax-credit',
      id: 53,
      date: SUBJECT.date,
      answer: 'A tax credit lowers the tax owed.',
    };
    assert.ok(!order([SUBJECT, FIRST, SECOND, unrelated, ...OTHERS]).includes(unrelated.questionKey));
  });

  it('does not use id proximity: renumbering every article leaves the ranking unchanged', () => {
    const referrer: ArticleSpec = {
      questionKey: 'what-is-a-moraine',
      id: 60,
      answer: 'A moraine is debris left by glaciers.',
      related: [linkTo(SUBJECT), linkTo(FIRST)],
    };
    const specs = [SUBJECT, FIRST, { ...SECOND, date: SUBJECT.date }, referrer, ...OTHERS];
    // a bijection that puts the candidates far from the article's id, in reverse order
    const renumber = (s: ArticleSpec): ArticleSpec => ({
      ...s,
      id: 100_000 - Number(s.id),
      related: s.related?.map((l) => ({ ...l, id: 100_000 - Number(l.id) })),
    });
    assert.deepEqual(order(specs.map(renumber), renumber(SUBJECT)), order(specs));
  });

  it('the text-only weights score by full-text relevance alone', () => {
    const signals = { text: 0.5, similarity: 0.9, linksHere: 1, coCited: 2, sameSubject: 1, sameDate: 1, sameBatch: 1 };
    assert.equal(scoreOf(signals, TEXT_ONLY_WEIGHTS), 0.5);
    assert.ok(scoreOf(signals, DEFAULT_WEIGHTS) > scoreOf({ ...signals, linksHere: 0 }, DEFAULT_WEIGHTS));
  });
});
