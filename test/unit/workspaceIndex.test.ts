/** The server's indexing without LSP (core/loading/workspaceIndex.ts): runs, disk changes in order, caches let go. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { prepareSearch } from '../../server/src/core/authoring/search';
import { DEFAULT_CONTENT_GLOB } from '../../server/src/core/site/schema';
import { WorkspaceIndex, type OpenDocument, type WorkspaceIndexEvents } from '../../server/src/core/loading/workspaceIndex';
import { cacheFileOf } from '../../server/src/core/loading/indexCache';
import { indexCacheWritten, listArticles, loadCorpus } from '../../server/src/core/loading/workspace';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 1 };
const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 2 };
const C: ArticleSpec = { questionKey: 'what-is-myelin', id: 3 };

function indexOf(open: OpenDocument[] = [], cacheDir: string | false = false): { index: WorkspaceIndex; events: string[] } {
  const events: string[] = [];
  const record: WorkspaceIndexEvents = {
    started: (roots) => events.push(`started ${roots.length}`),
    loading: () => void events.push('loading'),
    ended: (end) => events.push(end.kind === 'ready' ? `ready ${end.articles}` : end.kind),
    diskChanged: (affected) => events.push(`disk ${[...affected].map((p) => path.basename(p)).join(' ')}`),
    error: (e) => events.push(`error ${e}`),
  };
  const index = new WorkspaceIndex({
    contentGlob: () => DEFAULT_CONTENT_GLOB,
    openDocuments: () => open,
    load: { cacheDir, cacheWriteDelayMs: 0 },
    events: record,
  });
  return { index, events };
}

describe('WorkspaceIndex', () => {
  it('indexes the learn folder of each workspace folder that has one, then tells its listeners', async () => {
    const ws = writeWorkspace(workspaceOf([A, B]));
    const { index, events } = indexOf();
    index.setFolders([ws, path.join(ws, 'no-such-folder')]);
    let told = 0;
    index.onIndexed(() => told++);
    assert.equal(index.indexed, false);
    await index.reindex();
    assert.equal(index.indexed, true);
    assert.deepEqual(events, ['started 1', 'loading', 'ready 2']);
    assert.equal(told, 1);
    assert.equal(index.project.articleCount, 2);
  });

  it('ends empty (and indexed) without a learn folder', async () => {
    const { index, events } = indexOf();
    index.setFolders([writeWorkspace({ 'README.md': 'nothing here' })]);
    await index.reindex();
    assert.deepEqual(events, ['started 0', 'empty']);
    assert.equal(index.indexed, true);
  });

  it('applies disk changes that arrive during a run once it has ended, batch after batch', async () => {
    const ws = writeWorkspace(workspaceOf([A, B]));
    const { index, events } = indexOf();
    index.setFolders([ws]);
    const run = index.reindex();
    await new Promise<void>((resolve) => setImmediate(resolve)); // the run has started
    const dir = path.join(ws, 'content/learn/psychology');
    fs.writeFileSync(path.join(dir, `${C.questionKey}.md`), articleText(C));
    void index.applyDiskChanges([{ path: path.join(dir, `${C.questionKey}.md`), deleted: false }]);
    fs.rmSync(path.join(dir, `${B.questionKey}.md`));
    void index.applyDiskChanges([{ path: path.join(dir, `${B.questionKey}.md`), deleted: true }]);
    await run;
    await index.settled();
    // whether the run's listing saw the new files depends on timing; the changes come after it either way
    assert.match(events[2], /^ready /);
    assert.deepEqual(events.slice(3), ['disk what-is-myelin.md', 'disk what-is-a-synapse.md']);
    assert.deepEqual([...index.project.allCorpora()[0].articles()].map((a) => a.id).sort(), [1, 3]);
  });

  it('gives own-file checks of open articles while a run builds the index, and overlays them after', async () => {
    const ws = writeWorkspace(workspaceOf([A, B]));
    const file = path.join(ws, 'content/learn/psychology', `${A.questionKey}.md`);
    const open = [{ path: file, text: articleText({ ...A, id: 2 }) }];
    const { index } = indexOf(open);
    index.setFolders([ws]);
    const run = index.reindex();
    await new Promise<void>((resolve) => setImmediate(resolve)); // the run has started
    assert.equal(index.indexed, false);
    assert.ok(!index.diagnostics(file, open[0].text)!.some((d) => d.code === 'duplicate-id'), 'no other file is known yet');
    await run;
    assert.ok(index.project.isOverlaid(file));
    assert.ok(index.diagnostics(file, open[0].text)!.some((d) => d.code === 'duplicate-id'));
  });

  it('is ready from the index cache on trust, then reads again the files changed, added or removed while it was not running', async () => {
    const ws = writeWorkspace(workspaceOf([A, B, C]));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-trust-'));
    const learn = path.join(ws, 'content/learn');
    const then = new Date('2025-01-01T00:00:00Z');
    for (const l of listArticles(learn)) fs.utimesSync(l.path, then, then);
    const cold = indexOf([], cacheDir);
    cold.index.setFolders([ws]);
    await cold.index.reindex();
    await cold.index.settled();
    await indexCacheWritten();
    const cacheFile = cacheFileOf(cacheDir, cold.index.project.allCorpora()[0].learnRoot);
    assert.ok(fs.existsSync(cacheFile), 'the cold start wrote the cache');
    cold.index.dispose();

    // while no server runs: B gets another id, C is removed, D is added
    const fileB = path.join(learn, 'psychology', `${B.questionKey}.md`);
    fs.writeFileSync(fileB, articleText({ ...B, id: 22 }));
    fs.rmSync(path.join(learn, 'psychology', `${C.questionKey}.md`));
    fs.writeFileSync(
      path.join(learn, 'psychology', 'what-is-a-glial-cell.md'),
      articleText({ questionKey: 'what-is-a-glial-cell', id: 4 }),
    );
    const cacheWritten = fs.statSync(cacheFile).mtimeMs;

    const warm = indexOf([], cacheDir);
    warm.index.setFolders([ws]);
    const ids = () => [...warm.index.project.allCorpora()[0].articles()].map((a) => a.id).sort((x, y) => x! - y!);
    await warm.index.reindex();
    assert.deepEqual(ids(), [1, 2, 3], 'ready with the files and summaries the cache lists');
    await warm.index.settled();
    assert.deepEqual(ids(), [1, 4, 22], 'B read again, D added and C dropped once checked');
    assert.deepEqual(warm.events, [
      'started 1',
      'loading',
      'ready 3',
      `disk what-is-a-glial-cell.md ${B.questionKey}.md ${C.questionKey}.md`,
    ]);
    await indexCacheWritten();
    assert.ok(fs.statSync(cacheFile).mtimeMs > cacheWritten, 'the cache written again');

    // the next start finds the cache up to date: nothing to read again
    const next = indexOf([], cacheDir);
    next.index.setFolders([ws]);
    await next.index.reindex();
    await next.index.settled();
    assert.deepEqual(next.events, ['started 1', 'loading', 'ready 3']);
    const fresh = await loadCorpus(learn, { cacheDir: false });
    assert.deepEqual(
      [...next.index.project.allCorpora()[0].articles()].map((a) => [a.path, a.id]),
      [...fresh.articles()].map((a) => [a.path, a.id]),
    );
  });

  it('lets the old corpus and its caches go on a re-index, and everything on dispose', async () => {
    const ws = writeWorkspace(workspaceOf([A, B]));
    const { index } = indexOf();
    index.setFolders([ws]);
    await index.reindex();
    const first = index.project.allCorpora()[0];
    prepareSearch(first);
    assert.deepEqual(first.caches.names(), ['search index']);
    await index.reindex();
    assert.ok(first.caches.isDisposed);
    assert.equal(first.caches.size, 0);
    const second = index.project.allCorpora()[0];
    assert.notEqual(second, first);
    assert.equal(second.caches.size, 0);
    prepareSearch(second);
    index.dispose();
    assert.equal(index.project.articleCount, 0);
    assert.ok(second.caches.isDisposed);
    await index.reindex();
    assert.equal(index.project.articleCount, 0, 'a disposed index stays empty');
  });
});
