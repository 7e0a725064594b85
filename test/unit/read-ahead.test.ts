/**
 * The read-ahead thread (readAhead.ts) hands over exactly the bytes of each
 * file, in order, through its ring (wrapping around it many times), leaves to
 * the caller what it cannot hold, and indexing with it builds the same corpus
 * as reading on this thread.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_FILE_BYTES, ReadAhead, type FileBytes } from '../../server/src/core/loading/readAhead';
import { listArticles, loadCorpusChecked, loadCorpusSync } from '../../server/src/core/loading/workspace';
import { sampleFiles, writeWorkspace } from '../support/fixtures';
import { plainArticle } from '../support/summary';

function withEnv<T>(name: string, value: string, f: () => T): T {
  const old = process.env[name];
  process.env[name] = value;
  try {
    return f();
  } finally {
    if (old === undefined) delete process.env[name];
    else process.env[name] = old;
  }
}

/** Until the worker has read `files` files (it may wait for room in the ring: `take` gives it back). */
async function untilRead(ahead: ReadAhead, files: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (ahead.readSoFar < files) {
    if (Date.now() > deadline) throw new Error(`the worker read ${ahead.readSoFar} of ${files} files in ${timeoutMs} ms`);
    await sleep(5);
  }
}

describe('read-ahead', () => {
  let dir: string;
  let paths: string[];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-readahead-'));
    paths = [];
    // ~13 MB in files of 0 to 60 KB: the 2 MB ring wraps around several times
    for (let i = 0; i < 400; i++) {
      const p = path.join(dir, `f${i}.md`);
      const size = (i * 7919) % 61_000;
      fs.writeFileSync(p, Buffer.alloc(size, String.fromCharCode(97 + (i % 26))));
      paths.push(p);
    }
    fs.writeFileSync(path.join(dir, 'big.md'), Buffer.alloc(MAX_FILE_BYTES + 10, 'x'));
    paths.splice(100, 0, path.join(dir, 'big.md'), path.join(dir, 'missing.md'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands over every file’s bytes in order, leaving to the caller only what it cannot hold', async () => {
    const ahead = ReadAhead.start(paths);
    assert.ok(ahead, 'the read-ahead worker should start');
    try {
      await untilRead(ahead, 50);
      let fromRing = 0;
      for (let i = 0; i < paths.length; i++) {
        // wait for the worker rather than race it: a file it is behind on would be the caller's to read
        if (ahead.readSoFar <= i) await untilRead(ahead, i + 1);
        const got: FileBytes | undefined = ahead.take(i);
        if (paths[i].endsWith('big.md')) {
          assert.equal(got, undefined, 'a file bigger than a read is left to the caller');
          continue;
        }
        assert.ok(got, `${paths[i]} from the ring`);
        fromRing++;
        if (paths[i].endsWith('missing.md')) assert.equal(got.length, -1);
        else assert.ok(got.buffer.subarray(0, got.length).equals(fs.readFileSync(paths[i])), paths[i]);
      }
      assert.equal(fromRing, paths.length - 1, 'every file but the big one from the ring');
    } finally {
      ahead.close();
    }
  });

  it('never goes back: an earlier file, or any after close, is the caller’s to read', async () => {
    const ahead = ReadAhead.start(paths)!;
    await untilRead(ahead, 20);
    assert.ok(ahead.take(10));
    assert.equal(ahead.take(5), undefined);
    assert.equal(ahead.take(10), undefined);
    const later = ahead.take(15);
    assert.ok(later?.buffer.subarray(0, later.length).equals(fs.readFileSync(paths[15])));
    ahead.close();
    assert.equal(ahead.take(16), undefined);
    assert.equal(ahead.take(paths.length + 5), undefined);
  });
});

describe('indexing with read-ahead', () => {
  let learn: string;
  before(() => {
    // the bundled sample six times over: enough files for the read-ahead to start
    const files = sampleFiles(['', '-b', '-c', '-d', '-e', '-f']);
    files['content/learn/zz/empty.md'] = '';
    files['content/learn/zz/broken.md'] = '---\ntitle: [unclosed\n---\n';
    learn = path.join(writeWorkspace(files), 'content/learn');
    assert.ok(listArticles(learn).length >= 500);
  });
  after(() => fs.rmSync(path.dirname(path.dirname(learn)), { recursive: true, force: true }));

  it('builds the same corpus and the same lint findings as reading on this thread', () => {
    const load = (readAhead: string) =>
      withEnv('QUICKTAKES_INDEX_WORKERS', '0', () =>
        withEnv('QUICKTAKES_READ_AHEAD', readAhead, () => {
          const { corpus, own } = loadCorpusChecked(learn, () => true);
          return {
            articles: [...corpus.articles()].map(plainArticle),
            own: [...corpus.articles()].map((a) => [a.path, own.get(a.path) ?? []]),
            sync: [...loadCorpusSync(learn).articles()].map(plainArticle),
          };
        }),
      );
    const here = load('0');
    const ahead = load('1');
    assert.equal(here.articles.length, listArticles(learn).length);
    assert.deepEqual(ahead.articles, here.articles);
    assert.deepEqual(ahead.sync, here.sync);
    assert.deepEqual(ahead.own, here.own);
  });
});
