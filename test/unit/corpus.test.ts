/**
 * The corpus resolves a related url to the exact file, else to the one file with
 * that question-key elsewhere, and its answers follow every change
 * (it remembers them until the corpus changes).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResolvedUrl } from '../../server/src/core/corpus/corpus';
import { fixtureArticle, fixtureCorpus } from '../support/fixtures';

const URL = '/learn/psychology/questions/what-is-a-neuron';
const kind = (r: ResolvedUrl) => (r.kind === 'broken' ? 'broken' : `${r.kind} ${r.article?.path ?? '(several)'}`);

describe('resolveUrl', () => {
  it('follows additions, moves and removals', () => {
    const corpus = fixtureCorpus([{ questionKey: 'what-is-a-cell', id: 1 }]);
    assert.equal(kind(corpus.resolveUrl(URL)), 'broken');

    const here = fixtureArticle({ questionKey: 'what-is-a-neuron', id: 2 });
    corpus.set(here);
    assert.equal(kind(corpus.resolveUrl(URL)), `exact ${here.path}`);
    assert.equal(kind(corpus.resolveUrl(`${URL}/?ref=x`)), `exact ${here.path}`);

    const moved = fixtureArticle({ subjectKey: 'biology', questionKey: 'what-is-a-neuron', id: 2 });
    corpus.delete(here.path);
    corpus.set(moved);
    assert.equal(kind(corpus.resolveUrl(URL)), `moved ${moved.path}`);

    const twin = fixtureArticle({ subjectKey: 'medicine', questionKey: 'what-is-a-neuron', id: 3 });
    corpus.set(twin);
    const r = corpus.resolveUrl(URL);
    assert.equal(kind(r), 'moved (several)');
    assert.deepEqual(r.kind === 'moved' && r.candidates.map((a) => a.path).sort(), [moved.path, twin.path].sort());

    corpus.delete(moved.path);
    corpus.delete(twin.path);
    assert.equal(kind(corpus.resolveUrl(URL)), 'broken');
  });

  it('reads a url that is no article path as broken', () => {
    const corpus = fixtureCorpus([{ questionKey: 'what-is-a-neuron', id: 1 }]);
    for (const url of ['', '/learn/psychology/what-is-a-neuron', 'https://example.com/learn/psychology/questions/what-is-a-neuron']) {
      assert.equal(kind(corpus.resolveUrl(url)), 'broken', url);
    }
  });
});

describe('articles by path', () => {
  it('finds, replaces and deletes an article by its path among others of its question-key, in the order they came', () => {
    const corpus = fixtureCorpus([{ questionKey: 'what-is-a-cell', id: 1 }]);
    const here = fixtureArticle({ questionKey: 'what-is-a-neuron', id: 2 });
    const there = fixtureArticle({ subjectKey: 'biology', questionKey: 'what-is-a-neuron', id: 3 });
    corpus.set(here);
    corpus.set(there);
    assert.equal(corpus.get(here.path)?.id, 2);
    assert.equal(corpus.get(there.path)?.id, 3);
    for (const none of [here.path.replace('/psychology/', '/medicine/'), here.path.slice(0, -'.md'.length), '', '/']) {
      assert.equal(corpus.get(none), undefined, none);
    }
    // replaced by path: the same question-key in another folder is another article
    corpus.set(fixtureArticle({ subjectKey: 'biology', questionKey: 'what-is-a-neuron', id: 4 }));
    assert.equal(corpus.size, 3);
    assert.equal(corpus.get(there.path)?.id, 4);
    assert.equal(corpus.get(here.path)?.id, 2);
    assert.deepEqual(
      [...corpus.articles()].map((a) => a.id),
      [1, 2, 4],
      'a replaced article comes last',
    );
    corpus.delete(here.path);
    assert.equal(corpus.get(here.path), undefined);
    assert.equal(corpus.get(there.path)?.id, 4);
    assert.equal(corpus.size, 2);
  });
});
