/**
 * The persistent index cache: a second load takes unchanged files from it (and
 * gives the same corpus), re-reads changed, new and removed files, and ignores a
 * damaged cache.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { cacheFileOf, IndexCache, writeIndexCache } from '../../server/src/core/loading/indexCache';
import { readSummary, summaryFromBytes } from '../../server/src/core/corpus/summary';
import { indexCacheWritten, listArticles, loadCorpus, type LoadOptions } from '../../server/src/core/loading/workspace';
import { fixtureArticle, sampleFiles, writeWorkspace } from '../support/fixtures';
import { plainArticle } from '../support/summary';

const snapshot = (c: Corpus) => [...c.articles()].map(plainArticle);

function workspace(): string {
  const files = sampleFiles();
  files['content/learn/zz/broken.md'] = '---\ntitle: [unclosed\n---\n';
  return path.join(writeWorkspace(files), 'content/learn');
}

describe('the persistent index cache', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-cache-'));
  const options: LoadOptions = { cacheDir, cacheWriteDelayMs: 0 };

  it('gives the same corpus from the cache, and takes unchanged files from it', async () => {
    const learn = workspace();
    // whole-second times, so that a time set back below is exactly the one cached
    const then = new Date('2025-01-01T00:00:00Z');
    for (const l of listArticles(learn)) fs.utimesSync(l.path, then, then);
    const cold = await loadCorpus(learn, options);
    await indexCacheWritten();
    assert.ok(fs.existsSync(cacheFileOf(cacheDir, learn)), 'the cache is written');
    assert.deepEqual(snapshot(await loadCorpus(learn, options)), snapshot(cold));

    // a file changed behind the cache's back (same size and time) still reads as cached: proof it came from the cache
    const victim = listArticles(learn)[3];
    const text = fs.readFileSync(victim.path, 'utf8');
    fs.writeFileSync(
      victim.path,
      text.replace(/^title: .*$/m, (l) => l.replace(/[a-z]/, 'x')),
    );
    fs.utimesSync(victim.path, then, then);
    assert.deepEqual(snapshot(await loadCorpus(learn, options)), snapshot(cold));

    // touched, added and removed files are read again
    const later = new Date(then.getTime() + 5000);
    fs.utimesSync(victim.path, later, later);
    fs.writeFileSync(path.join(learn, 'zz/new.md'), text);
    fs.rmSync(listArticles(learn)[0].path);
    const warm = await loadCorpus(learn, options);
    const fresh = await loadCorpus(learn, { cacheDir: false });
    assert.deepEqual(snapshot(warm), snapshot(fresh));
    assert.notDeepEqual(snapshot(warm), snapshot(cold));
  });

  it('keeps articles read the exact way (irregular YAML) too; only files without front matter are read again', async () => {
    const learn = workspace();
    const [irregular] = listArticles(learn).filter((l) => readSummary(l).links.length > 0);
    const text = fs.readFileSync(irregular.path, 'utf8').replace(/\ntitle: /, '\n# a comment takes the exact path\ntitle: ');
    fs.writeFileSync(irregular.path, text);
    const plain = path.join(learn, 'zz/plain.md');
    fs.writeFileSync(plain, 'Just text\n');
    const bytes = fs.readFileSync(irregular.path);
    assert.equal(summaryFromBytes(irregular, bytes, bytes.length), undefined, 'the article takes the exact path');

    const then = new Date('2025-01-01T00:00:00Z');
    for (const l of listArticles(learn)) fs.utimesSync(l.path, then, then);
    const cold = await loadCorpus(learn, options);
    await indexCacheWritten();
    // both changed behind the cache's back (same size and time): the cached article stays, the plain file is read
    fs.writeFileSync(
      irregular.path,
      text.replace(/^title: .*$/m, (l) => l.replace(/[a-z]/, 'x')),
    );
    fs.writeFileSync(plain, 'Just TEXT\n');
    for (const p of [irregular.path, plain]) fs.utimesSync(p, then, then);
    const warm = await loadCorpus(learn, options);
    assert.deepEqual(plainArticle(warm.get(irregular.path)!), plainArticle(cold.get(irregular.path)!));
    assert.notDeepEqual(plainArticle(readSummary(irregular)), plainArticle(cold.get(irregular.path)!));
    assert.equal(warm.get(plain)!.title, undefined);
    assert.deepEqual(snapshot(warm), snapshot(cold));
  });

  it('ignores a damaged or foreign cache', async () => {
    const learn = workspace();
    const fresh = snapshot(await loadCorpus(learn, { cacheDir: false }));
    await loadCorpus(learn, options);
    await indexCacheWritten();
    const good = fs.readFileSync(cacheFileOf(cacheDir, learn));
    const cut = good.subarray(0, good.length - 12); // its header and strings whole, its numbers cut short
    const trusting: LoadOptions = { ...options, onCacheTrusted: () => undefined };
    for (const junk of [Buffer.from('not a cache'), Buffer.from('{"format":1}\n\0\0\0'), Buffer.alloc(0), cut]) {
      for (const load of [options, trusting]) {
        fs.writeFileSync(cacheFileOf(cacheDir, learn), junk);
        assert.deepEqual(snapshot(await loadCorpus(learn, load)), fresh);
        await indexCacheWritten();
      }
    }
    // a cache written for another folder is not used for this one
    const other = workspace();
    await loadCorpus(other, options);
    await indexCacheWritten();
    fs.copyFileSync(cacheFileOf(cacheDir, other), cacheFileOf(cacheDir, learn));
    assert.deepEqual(snapshot(await loadCorpus(learn, options)), fresh);
  });

  it('gives back every string as written, whatever its characters, from strings decoded only as read', async () => {
    // more strings than one block of those decoded together, ASCII and not, one-byte or not in memory
    const titles = ['Plain ASCII?', 'Qu’est-ce que la déférence ?', 'Ñandú or emu?', 'Что такое нейрон?', 'Why 🧠 + 𝛼?', ''];
    const articles = Array.from({ length: 700 }, (_, i) =>
      fixtureArticle({ questionKey: `question-${i}`, id: i + 1, title: `${titles[i % titles.length]} ${i}` }),
    );
    const learnRoot = articles[0].learnRoot;
    const file = cacheFileOf(fs.mkdtempSync(path.join(os.tmpdir(), 'qt-cache-strings-')), learnRoot);
    await writeIndexCache(
      file,
      learnRoot,
      articles.map((article) => ({ article, stamp: { size: 1, mtimeMs: 2 } })),
    );
    const cache = IndexCache.open(file, learnRoot)!;
    // read back to front and front to back: a string's block decoded by a later one's read too
    for (const order of [[...articles].reverse(), articles]) {
      for (const a of order) {
        const summary = plainArticle({ ...a, model: undefined });
        assert.deepEqual(plainArticle(cache.summaryOf(a.path.slice(learnRoot.length + 1))!), summary);
      }
    }
  });
});
