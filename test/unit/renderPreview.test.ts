import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPreview, formatSiteDate } from '../../server/src/core/answer/preview';
import { renderAnswer } from '../../server/src/core/answer/render';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { articleText, fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';

describe('formatSiteDate', () => {
  it('formats dates as the site does (date_format MMM DD, YYYY)', () => {
    assert.equal(formatSiteDate('2025-01-28'), 'Jan 28, 2025');
    assert.equal(formatSiteDate('2024-12-05', 'MMM DD, YYYY'), 'Dec 05, 2024');
    assert.equal(formatSiteDate('2024-09-05', 'MMMM D, YY'), 'September 5, 24');
    assert.equal(formatSiteDate('2024-09-05', 'DD/MM/YYYY'), '05/09/2024');
  });

  it('shows what is there when it is not a date', () => {
    assert.equal(formatSiteDate('2024-13-01'), '2024-13-01');
    assert.equal(formatSiteDate('yesterday'), 'yesterday');
    assert.equal(formatSiteDate(''), '');
  });
});

describe('buildPreview', () => {
  const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
  const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
  const spec: ArticleSpec = {
    questionKey: 'how-do-ions-work',
    id: 1,
    answer: 'Ions carry **charge**.',
    related: [linkTo(CELL), linkTo(NEURON), { id: 5, title: 'No url', url: 'not-a-url' }],
  };

  it('lays out the question, date, answer and related links in slot order', () => {
    const p = buildPreview(readArticleModel(articleText(spec)), fixtureCorpus([NEURON, CELL]));
    assert.equal(p.question, 'How do ions work?');
    assert.equal(p.postOnText, 'Posted on');
    assert.equal(p.date, 'Jan 28, 2025');
    assert.equal(p.answerHtml, renderAnswer('Ions carry **charge**.'));
    assert.deepEqual(p.related, [
      { n: 1, title: 'What is a cell?', url: '/learn/biology/questions/what-is-a-cell', target: `${LEARN_ROOT}/biology/what-is-a-cell.md` },
      {
        n: 2,
        title: 'What is a neuron?',
        url: '/learn/psychology/questions/what-is-a-neuron',
        target: `${LEARN_ROOT}/psychology/what-is-a-neuron.md`,
      },
      { n: 3, title: 'No url', url: 'not-a-url', broken: '`not-a-url` is not a /learn/<subject>/questions/<question> URL.' },
    ]);
  });

  it('works without a corpus (links unresolved) and on a broken article', () => {
    const p = buildPreview(readArticleModel(articleText(spec)));
    assert.equal(p.related[0].target, undefined);
    assert.equal(p.related[0].broken, undefined);
    const empty = buildPreview(readArticleModel('no front matter'));
    assert.deepEqual(empty, { question: '', postOnText: 'Posted on', date: '', answerHtml: '', related: [] });
  });
});
