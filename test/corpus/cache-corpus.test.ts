/**
 * The persistent index cache on the real corpus: a load from it gives every
 * summary exactly as a cold load read it, accented and curly-quoted titles,
 * urls and questions included (its strings are decoded as one-byte text where
 * they are ASCII, and as UTF-8 where they are not).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheFileOf } from '../../server/src/core/loading/indexCache';
import { indexCacheWritten, loadCorpus } from '../../server/src/core/loading/workspace';
import { toSlash } from '../../server/src/core/site/paths';
import { corpusSkipReason, realCorpus } from '../support/corpus';
import { plainArticle } from '../support/summary';

describe('the index cache on the real corpus', { skip: corpusSkipReason }, () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-cache-corpus-'));
  after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('gives back every summary as a cold load read it', async () => {
    const learn = toSlash(path.join(realCorpus(), 'content/learn'));
    const cold = await loadCorpus(learn, { cacheDir, cacheWriteDelayMs: 0 });
    await indexCacheWritten();
    assert.ok(fs.existsSync(cacheFileOf(cacheDir, learn)), 'the cache is written');
    const warm = await loadCorpus(learn, { cacheDir });
    const coldArticles = [...cold.articles()];
    assert.equal(coldArticles.length, 35915);
    assert.ok(
      coldArticles.some((a) => /[^\x20-\x7e]/.test(a.title ?? '')),
      'some titles have other characters than ASCII',
    );
    const warmByPath = new Map([...warm.articles()].map((a) => [a.path, a]));
    for (const a of coldArticles) assert.deepEqual(plainArticle(warmByPath.get(a.path)!), plainArticle(a), a.path);
  });
});
