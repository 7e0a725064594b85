/**
 * Which articles an edit of an open article affects (Project.setOverlay): the
 * edited one alone while its id and title stay, its referrers and id-sharers
 * when they change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Project } from '../../server/src/core/corpus/project';
import { articleText, fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11, related: [linkTo(A)] };
const C: ArticleSpec = { questionKey: 'what-is-a-cell', id: 12 };
const pathOf = (s: ArticleSpec) => fixtureArticle(s).path;

function project(): Project {
  const p = new Project();
  p.addCorpus(fixtureCorpus([A, B, C]));
  return p;
}

describe('what an edit of an open article affects', () => {
  it('is the article alone while its id and title stay (an answer edit, a file opened as it is)', () => {
    const p = project();
    assert.deepEqual([...p.setOverlay(pathOf(A), articleText(A))], [pathOf(A)]);
    assert.deepEqual([...p.setOverlay(pathOf(A), articleText({ ...A, answer: 'Another answer.' }))], [pathOf(A)]);
  });

  it('takes in the articles linking to it when its title changes', () => {
    const p = project();
    assert.deepEqual([...p.setOverlay(pathOf(A), articleText({ ...A, title: 'Neurons, retitled' }))].sort(), [pathOf(A), pathOf(B)].sort());
    assert.equal(p.article(pathOf(A))?.title, 'Neurons, retitled');
  });

  it('takes in the articles linking to it and those sharing its id when its id changes', () => {
    const p = project();
    const affected = p.setOverlay(pathOf(A), articleText({ ...A, id: 12 }));
    assert.deepEqual([...affected].sort(), [pathOf(A), pathOf(B), pathOf(C)].sort());
  });
});
