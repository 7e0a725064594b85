/**
 * The byte-level summary path on every real article: wherever it answers it
 * gives exactly `summarize(readArticleModel(text))`, and it answers for nearly
 * all of them (otherwise the index would be slow without anyone noticing). That
 * the walk's model is the exact parser's is walk-corpus.test.ts's concern.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { summaryFromBytes, StringPool } from '../../server/src/core/corpus/summary';
import { listArticles } from '../../server/src/core/loading/workspace';
import { corpusSkipReason, realCorpus } from '../support/corpus';
import { plainArticle, referenceSummary } from '../support/summary';

describe('the byte-level summary path on the real corpus', { skip: corpusSkipReason }, () => {
  it('gives the exact summary of every file it reads, and reads > 99% of them', () => {
    const locations = listArticles(path.join(realCorpus(), 'content/learn'));
    assert.equal(locations.length, 35915);
    const pool = new StringPool();
    let fast = 0;
    for (const loc of locations) {
      const bytes = fs.readFileSync(loc.path);
      const summary = summaryFromBytes(loc, bytes, bytes.length, pool);
      if (!summary) continue;
      fast++;
      const text = bytes.toString('utf8');
      assert.deepEqual(plainArticle(summary), referenceSummary(loc, text), loc.path);
    }
    assert.ok(fast / locations.length > 0.99, `${fast} of ${locations.length} took the byte path`);
  });
});
