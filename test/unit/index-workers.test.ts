/**
 * Indexing with worker threads gives exactly what this thread alone gives: the
 * same summaries in the same order, the same own-file diagnostics for lint, and
 * irregular files (left to the main thread by the workers) included.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { listArticles, loadCorpus, loadCorpusChecked, loadCorpusSync } from '../../server/src/core/loading/workspace';
import { sampleFiles, writeWorkspace } from '../support/fixtures';
import { plainArticle } from '../support/summary';

/** The bundled sample three times over (under other subject folders), plus irregular files. */
function workspace(): string {
  const files = sampleFiles(['', '-b', '-c']);
  const some = Object.values(files)[0];
  files['content/learn/zz/bom.md'] = '\ufeff' + some;
  files['content/learn/zz/tab.md'] = some.replace('author: QuickTakes', 'author:\tQuickTakes');
  files['content/learn/zz/broken.md'] = '---\ntitle: [unclosed\n---\n';
  files['content/learn/zz/empty.md'] = '';
  return path.join(writeWorkspace(files), 'content/learn');
}

function withWorkers<T>(n: string, f: () => T): T {
  const old = process.env.QUICKTAKES_INDEX_WORKERS;
  process.env.QUICKTAKES_INDEX_WORKERS = n;
  try {
    return f();
  } finally {
    if (old === undefined) delete process.env.QUICKTAKES_INDEX_WORKERS;
    else process.env.QUICKTAKES_INDEX_WORKERS = old;
  }
}

const snapshot = (c: Corpus) => [...c.articles()].map(plainArticle);

describe('indexing with worker threads', () => {
  let learn: string;
  before(() => (learn = workspace()));
  after(() => fs.rmSync(path.dirname(path.dirname(learn)), { recursive: true, force: true }));

  it('builds the same corpus as this thread alone (sync and async loads)', async () => {
    const alone = withWorkers('0', () => loadCorpusSync(learn));
    assert.equal(alone.size, listArticles(learn).length);
    assert.deepEqual(
      withWorkers('1', () => snapshot(loadCorpusSync(learn))),
      snapshot(alone),
    );
    const async = await withWorkers('2', () => loadCorpus(learn, { batchSize: 16 }));
    assert.deepEqual(snapshot(async), snapshot(alone));
  });

  it('computes the same own-file diagnostics for lint', () => {
    const selected = (p: string) => !p.includes('-b/');
    const own = (n: string) =>
      withWorkers(n, () => {
        const r = loadCorpusChecked(learn, selected);
        return [...r.corpus.articles()].filter((a) => selected(a.path)).map((a) => [a.path, r.own.get(a.path) ?? []]);
      });
    const alone = own('0');
    assert.ok(
      alone.some(([, d]) => (d as unknown[]).length > 0),
      'the workspace should have own-file findings',
    );
    assert.deepEqual(own('1'), alone);
  });
});
