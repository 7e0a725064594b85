import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentNearDuplicateSteps, nearDuplicateQuestions, QuestionIndex, stemmedTerms } from '../../server/src/core/authoring/similar';
import { atOnce } from '../../server/src/core/loading/slices';
import { fixtureArticle, fixtureCorpus, type ArticleSpec } from '../support/fixtures';
import { ALL, ASKED, askingAboutInflation, INFLATION_ASKED } from '../support/similarFixtures';

const OTHERS_FOR_NEAR: ArticleSpec[] = 'tariff sonnet enzyme orbit parliament vaccine'
  .split(' ')
  .map((w, i) => ({ subjectKey: 'economics', questionKey: `what-is-a-${w}`, id: 100 + i }));

function ids(index: QuestionIndex, question: string, exclude?: (id: number | undefined) => boolean): number[] {
  return index.similar(question, { exclude: exclude && ((a) => exclude(a.id)) }).map((s) => s.article.id!);
}

describe('questions that already exist', () => {
  it('stems words, so that other forms of a word match', () => {
    assert.deepEqual(stemmedTerms('Differences between integrals'), stemmedTerms('difference integral'));
  });

  it('finds the article asking the same question, one file per id, best first', () => {
    const index = QuestionIndex.build(fixtureCorpus(ALL));
    const found = index.similar(ASKED);
    assert.equal(found[0].article.id, 1);
    assert.equal(found.filter((s) => s.article.id === 1).length, 1, 'its copy in another folder is the same article');
    assert.ok(found.every((s, i) => i === 0 || found[i - 1].score >= s.score));
  });

  it('finds a question worded otherwise through what the best matches are about', () => {
    const index = QuestionIndex.build(fixtureCorpus(ALL));
    assert.ok(ids(index, ASKED).includes(2), 'photosynthesis, through the plants article');
    assert.deepEqual(ids(index, ASKED, (id) => id === 1)[0], 2, 'the asking article left out, the paraphrase comes first');
  });

  it('lists nothing that has nothing in common with the question', () => {
    const index = QuestionIndex.build(fixtureCorpus(ALL));
    assert.ok(!ids(index, ASKED).some((id) => id >= 100));
    assert.deepEqual(ids(index, 'Why do cats purr?'), []);
    assert.deepEqual(ids(index, '?!'), []);
  });

  it('follows the corpus: an added or removed article is seen by the next query', () => {
    const corpus = fixtureCorpus(ALL);
    const index = QuestionIndex.build(corpus);
    const cats: ArticleSpec = { subjectKey: 'biology', questionKey: 'why-do-cats-purr', id: 50, answer: 'Cats purr when content.' };
    corpus.set(fixtureArticle(cats));
    assert.deepEqual(ids(index, 'Why do cats purr?'), [50]);
    corpus.delete(fixtureArticle(cats).path);
    assert.deepEqual(ids(index, 'Why do cats purr?'), []);
    assert.equal(index.size, corpus.size);
  });

  it('finds a question sharing no word with the asked one through the words the corpus associates with the asked words', () => {
    // articles asking about mitochondria are about cellular respiration (their titles, hence descriptions, say so)
    const about = (n: number, question: string): ArticleSpec => ({
      subjectKey: 'biology',
      questionKey: `mitochondria-${n}`,
      id: 10 + n,
      title: 'Cellular respiration releases energy',
      question,
    });
    const asking = [
      about(1, 'Why are mitochondria called the powerhouse?'),
      about(2, 'What happens inside mitochondria?'),
      about(3, 'How do mitochondria work?'),
    ];
    const respiration: ArticleSpec = { subjectKey: 'biology', questionKey: 'how-do-cells-release-energy-by-cellular-respiration', id: 20 };
    const index = QuestionIndex.build(fixtureCorpus([...asking, respiration, ...ALL]));
    const theMitochondriaArticles = (id: number | undefined) => id !== undefined && id >= 11 && id <= 13;
    assert.deepEqual(ids(index, 'What do mitochondria do?', theMitochondriaArticles), [20]);
  });

  it('puts first, among the matches, those whose answers say what the best matches say', () => {
    const economics = (questionKey: string, id: number, answer: string): ArticleSpec => ({
      subjectKey: 'economics',
      questionKey,
      id,
      answer,
    });
    const index = QuestionIndex.build(
      fixtureCorpus([
        economics('what-causes-inflation', 1, 'Too much money chasing too few goods: demand outpaces supply, so inflation follows.'),
        // worded like the question, but its answer is about something else
        economics('what-is-inflation-measured-by-causes-and-all', 2, 'A price index of a basket of consumer goods, surveyed monthly.'),
        economics('why-do-prices-keep-rising-inflation', 3, 'Demand outpaces supply: too much money chasing too few goods.'),
        ...ALL,
      ]),
    );
    assert.deepEqual(ids(index, 'What causes inflation?').slice(0, 2), [1, 3]);
  });

  it('puts first, told the subject folder a question is asked in, the articles of that folder', () => {
    const index = QuestionIndex.build(fixtureCorpus([askingAboutInflation('economics', 1), askingAboutInflation('history', 2), ...ALL]));
    const first = (subjectKey: string) => index.similar(INFLATION_ASKED, { subjectKey })[0].article.id;
    assert.equal(first('economics'), 1);
    assert.equal(first('history'), 2);
  });

  it('scores each article listed as how likely it is the question asked: in (0, 1], best first', () => {
    const found = QuestionIndex.build(fixtureCorpus(ALL)).similar(ASKED, { limit: 10 });
    assert.ok(found.length > 1);
    assert.ok(found.every((s, i) => s.score > 0 && s.score <= 1 && (i === 0 || found[i - 1].score >= s.score)));
    assert.ok(found.reduce((sum, s) => sum + s.score, 0) <= 1 + 1e-3);
  });

  it('groups the questions of one folder worded almost alike, each group around the article most alike to others', () => {
    const economics = (questionKey: string, id: number): ArticleSpec => ({ subjectKey: 'economics', questionKey, id });
    const groupIds = (specs: ArticleSpec[]) =>
      nearDuplicateQuestions(fixtureCorpus([...specs, ...OTHERS_FOR_NEAR])).map((g) => g.map((a) => a.id!).sort());
    const main = economics('what-are-the-main-causes-of-inflation', 1);
    assert.deepEqual(
      groupIds([
        main,
        economics('what-are-the-causes-of-inflation', 2),
        economics('what-main-causes-of-inflation-are-there', 3),
        economics('how-do-banks-set-interest-rates', 5),
      ]),
      [[1, 2, 3]],
    );
    assert.deepEqual(groupIds([main, economics('what-are-the-causes-of-inflation', 1)]), [], 'copies sharing an id');
    assert.deepEqual(
      groupIds([main, { ...economics('what-are-the-causes-of-inflation', 2), subjectKey: 'history' }]),
      [],
      'another folder',
    );
  });

  it('finds the near-duplicate groups again only once the corpus has changed', () => {
    const economics = (questionKey: string, id: number): ArticleSpec => ({ subjectKey: 'economics', questionKey, id });
    const corpus = fixtureCorpus([
      economics('what-are-the-main-causes-of-inflation', 1),
      economics('what-are-the-causes-of-inflation', 2),
      ...OTHERS_FOR_NEAR,
    ]);
    const first = atOnce(currentNearDuplicateSteps(corpus));
    assert.equal(first.length, 1);
    assert.equal(atOnce(currentNearDuplicateSteps(corpus)), first, 'the groups kept, not found again');
    corpus.set(fixtureArticle(economics('what-main-causes-of-inflation-are-there', 3)));
    const after = atOnce(currentNearDuplicateSteps(corpus));
    assert.notEqual(after, first);
    assert.deepEqual(
      after.map((g) => g.map((a) => a.id).sort()),
      [[1, 2, 3]],
    );
  });
});
