/**
 * Work a server spreads over slices of the event loop gives what the same work
 * gives at once: the suggestion index and its relevance, the search index (also
 * when articles change while it is built), the folder listing and the index cache.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cacheFileOf, IndexCache, stampOf, writeIndexCache, type Stamp } from '../../server/src/core/loading/indexCache';
import { isSearchReady, prepareSearchInSlices, searchArticles } from '../../server/src/core/authoring/search';
import { SuggestionIndex } from '../../server/src/core/authoring/suggest';
import { listArticles, listArticlesInBackground, loadCorpusSync } from '../../server/src/core/loading/workspace';
import { PROJECT_ROOT } from '../support/corpus';
import { fixtureArticle, fixtureCorpus, type ArticleSpec } from '../support/fixtures';
import { MYELIN, NEURON, OTHERS, SIGNALS, SYNAPSE } from '../support/suggestFixtures';
import { plainArticle } from '../support/summary';
import { plainArticle as copyOfArticle } from '../../server/src/core/corpus/table';

const SAMPLE = path.join(PROJECT_ROOT, 'sample/content/learn');
const CLUSTER: ArticleSpec[] = [NEURON, SIGNALS, SYNAPSE, MYELIN, ...OTHERS];

describe('work in slices equals work at once', () => {
  it('builds the same suggestion index, and the same relevance, one query term per step', async () => {
    const corpus = fixtureCorpus(CLUSTER);
    const atOnce = SuggestionIndex.build(corpus);
    // slices of 0 ms: a yield after every step
    const sliced = await SuggestionIndex.buildInBatches(corpus, { sliceMs: 0 });
    assert.equal(sliced.size, atOnce.size);
    for (const article of corpus.articles()) {
      assert.deepEqual(sliced.suggest(article), atOnce.suggest(article), article.path);
      const relevance = atOnce.relevance(article);
      assert.deepEqual(await sliced.relevanceInSlices(article, undefined, 0), relevance);
      assert.deepEqual(await atOnce.relevanceInSlices(article, article.model, 0), atOnce.relevance(article, article.model));
    }
    assert.ok(atOnce.relevance(corpus.get(fixtureArticle(NEURON).path)!).size > 0, 'the cluster is related');
  });

  it('builds the referrer maps in steps, following changes made meanwhile', () => {
    // the sample four times over (copies under new question-keys): more articles than one step takes
    const load = () => {
      const c = loadCorpusSync(SAMPLE);
      for (const x of [...c.articles()])
        for (const k of [1, 2, 3])
          c.set({ ...copyOfArticle(x), path: x.path.replace(/\.md$/, `-${k}.md`), questionKey: `${x.questionKey}-${k}` });
      return c;
    };
    const corpus = load();
    const articles = [...corpus.articles()];
    const steps = corpus.referrerSteps();
    steps.next();
    assert.equal(corpus.hasReferrers, false, 'not before the last step');
    // meanwhile: an article retitled and relinked, one removed, one added (a copy under a new key)
    const [a, b, c] = articles.filter((x) => x.links.length > 1);
    corpus.set({ ...copyOfArticle(a), title: 'Retitled', links: a.links.slice(1) });
    corpus.delete(b.path);
    corpus.set({ ...copyOfArticle(c), path: c.path.replace(/\.md$/, '-copy.md'), questionKey: `${c.questionKey}-copy` });
    while (!steps.next().done);
    assert.equal(corpus.hasReferrers, true);
    // the same answers as maps built at once from the corpus as it is now
    const fresh = load();
    fresh.set({ ...copyOfArticle(a), title: 'Retitled', links: a.links.slice(1) });
    fresh.delete(b.path);
    fresh.set({ ...copyOfArticle(c), path: c.path.replace(/\.md$/, '-copy.md'), questionKey: `${c.questionKey}-copy` });
    for (const x of [...fresh.articles(), b]) assert.deepEqual([...corpus.referrersOf(x)].sort(), [...fresh.referrersOf(x)].sort(), x.path);
  });

  it('stops a cancelled suggestion index build', async () => {
    await assert.rejects(SuggestionIndex.buildInBatches(fixtureCorpus(CLUSTER), { sliceMs: 0, isCancelled: () => true }), /cancelled/);
  });

  it('searches the same after a search index built in slices, and sees articles changed while it was built', async () => {
    const corpus = loadCorpusSync(SAMPLE);
    const reference = loadCorpusSync(SAMPLE);
    const article = [...corpus.articles()][5];
    const building = prepareSearchInSlices(corpus, 0); // a yield after every step
    // a change while the build runs: the new title must be found once the build is in place
    const renamed = fixtureArticle({
      subjectKey: article.subjectKey,
      questionKey: article.questionKey,
      id: 987654,
      title: 'Zymurgy explained?',
    });
    corpus.set({ ...renamed, path: article.path, learnRoot: article.learnRoot });
    await building;
    for (const query of ['what', 'energy', '1', '12', 'light']) {
      const options = { limit: 20, subjectKey: article.subjectKey };
      const paths = (c: typeof corpus) => searchArticles(c, query, options).articles.map((a) => a.path);
      reference.set(corpus.get(article.path)!);
      assert.deepEqual(paths(corpus), paths(reference), query);
    }
    assert.deepEqual(
      searchArticles(corpus, 'zymurgy', { limit: 5 }).articles.map((a) => a.id),
      [987654],
    );
  });

  it('answers from the current search index while a rebuild runs in slices, changed articles included', async () => {
    const corpus = loadCorpusSync(SAMPLE);
    assert.equal(isSearchReady(corpus), false, 'nothing built yet');
    await prepareSearchInSlices(corpus, 0);
    assert.equal(isSearchReady(corpus), true);
    // more changes than the index looks at one by one: a rebuild is due
    const articles = [...corpus.articles()];
    for (let i = 0; i < 600; i++) {
      const a = articles[i % articles.length];
      corpus.set({ ...copyOfArticle(a), path: a.path.replace(/\.md$/, `-copy-${i}.md`), questionKey: `${a.questionKey}-copy-${i}` });
    }
    const renamed = { ...copyOfArticle(articles[3]), title: 'Zymurgy explained?' };
    corpus.set(renamed);
    assert.equal(isSearchReady(corpus), false);
    const rebuilt = prepareSearchInSlices(corpus, 0);
    assert.equal(isSearchReady(corpus), true, 'the current index answers meanwhile');
    const zymurgy = () => searchArticles(corpus, 'zymurgy', { limit: 5 }).articles.map((a) => a.path);
    assert.deepEqual(zymurgy(), [renamed.path]);
    await rebuilt;
    assert.deepEqual(zymurgy(), [renamed.path]);
  });

  it('lists a learn folder in the background in the same order', async () => {
    assert.deepEqual(await listArticlesInBackground(SAMPLE), listArticles(SAMPLE));
    assert.deepEqual(await listArticlesInBackground(path.join(SAMPLE, 'no-such-folder')), []);
  });

  it('reads the index cache in slices as at once', async () => {
    const corpus = loadCorpusSync(SAMPLE);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-cache-slices-'));
    const file = cacheFileOf(dir, corpus.learnRoot);
    const entries = [...corpus.articles()].map((article) => ({ article, stamp: stampOf(article.path) as Stamp }));
    await writeIndexCache(file, corpus.learnRoot, entries);
    const atOnce = IndexCache.open(file, corpus.learnRoot)!;
    const sliced = (await IndexCache.openInSlices(file, corpus.learnRoot))!;
    assert.equal(sliced.size, atOnce.size);
    for (const { article, stamp } of entries) {
      const rel = article.path.slice(corpus.learnRoot.length + 1);
      assert.ok(atOnce.holds(rel, stamp) && sliced.holds(rel, stamp), rel);
      const a = atOnce.summaryOf(rel);
      const b = sliced.summaryOf(rel);
      assert.deepEqual(b && plainArticle(b), a && plainArticle(a), rel);
      assert.deepEqual(a && plainArticle(a), plainArticle(article), `${rel}: the cached summary is the article's`);
    }
    assert.equal(await IndexCache.openInSlices(file, '/elsewhere'), undefined, 'a cache of another folder');
    assert.equal(await IndexCache.openInSlices(path.join(dir, 'none.bin'), corpus.learnRoot), undefined);
  });

  it('opens an index cache whose header is longer than its first read (many ids beyond 32 bits)', async () => {
    // each id beyond 32 bits is listed in the header: 5000 of them make it ~100 KB
    const articles = Array.from({ length: 5000 }, (_, i) => fixtureArticle({ questionKey: `question-${i}`, id: 2 ** 40 + i }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-cache-long-header-'));
    const learnRoot = articles[0].learnRoot;
    const file = cacheFileOf(dir, learnRoot);
    const stamp: Stamp = { size: 1, mtimeMs: 2 };
    await writeIndexCache(
      file,
      learnRoot,
      articles.map((article) => ({ article, stamp })),
    );
    assert.ok(fs.readFileSync(file).indexOf(10) > 1 << 16, 'the header is longer than the first read');
    for (const cache of [IndexCache.open(file, learnRoot), await IndexCache.openInSlices(file, learnRoot)]) {
      assert.ok(cache);
      assert.equal(cache.size, articles.length);
      for (const a of [articles[0], articles[4999]]) assert.equal(cache.summaryOf(a.path.slice(learnRoot.length + 1))?.id, a.id);
    }
  });
});
