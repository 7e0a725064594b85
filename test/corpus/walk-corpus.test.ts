/**
 * The fast reader on every real article: wherever the byte walker answers, its
 * model is exactly the yaml parser's, read from the file's bytes (the index and
 * lint) or from its text (open documents); and it answers for nearly all of them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import type { ArticleModel } from '../../server/src/core/frontMatter/model';
import { modelFromBytes, modelFromText } from '../../server/src/core/frontMatter/walkModel';
import { listArticles } from '../../server/src/core/loading/workspace';
import { corpusSkipReason, realCorpus } from '../support/corpus';
import { plainModel } from '../support/summary';

describe('the walker on the real corpus', { skip: corpusSkipReason }, () => {
  it('builds exactly the yaml parser’s model, from bytes and from text, wherever it does not defer', () => {
    const plain = (m: ArticleModel) => JSON.stringify(plainModel(m, { producer: false }));
    const locations = listArticles(path.join(realCorpus(), 'content/learn'));
    assert.equal(locations.length, 35915);
    let walked = 0;
    for (const loc of locations) {
      const bytes = fs.readFileSync(loc.path);
      const fromBytes = modelFromBytes(bytes, bytes.length);
      const text = bytes.toString('utf8');
      const fromText = modelFromText(text);
      assert.equal(fromText !== undefined, fromBytes !== undefined, loc.path);
      if (!fromBytes || !fromText) continue;
      walked++;
      const exact = plain(parseArticle(text));
      assert.equal(plain(fromBytes), exact, loc.path);
      assert.equal(plain(fromText), exact, loc.path);
    }
    assert.ok(walked / locations.length > 0.99, `${walked} of ${locations.length} walked`);
  });
});
