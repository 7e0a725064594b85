/**
 * The answer as a Markdown document on every real article (../shared): reading
 * agrees with the `yaml` package, setting the answer as read changes nothing,
 * and setting a changed answer (a paragraph with YAML's and Markdown's special
 * characters appended) changes only the value's bytes, reads back exactly and
 * leaves every other field as it was.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { answerText, answerTextUnreadable, setAnswerText } from '../../server/src/core/answer/document';
import { listArticles } from '../../server/src/core/loading/workspace';
import { setAndCheck, siteReading } from '../support/answerEdits';
import { corpusSkipReason, realCorpus } from '../support/corpus';

const APPENDED = '\n\nAdded: # a \'quoted\' "paragraph" with \\ a backslash and $x$ math.';

describe('answer documents on the real corpus', { skip: corpusSkipReason }, () => {
  it('round-trips every answer exactly and edits only its value', (t) => {
    const learn = path.join(realCorpus(), 'content/learn');
    let articles = 0;
    let roundTripped = 0;
    const excluded = new Map<string, string[]>();
    for (const loc of listArticles(learn)) {
      articles++;
      const text = fs.readFileSync(loc.path, 'utf8'); // as it is on disk, any BOM included
      const file = path.relative(learn, loc.path);
      const answer = answerText(text);
      if (!answer) {
        const reason = answerTextUnreadable(text)!;
        excluded.set(reason, [...(excluded.get(reason) ?? []), file]);
        continue;
      }
      assert.equal(answer.text, siteReading(text), file);
      assert.deepEqual(setAnswerText(text, answer.text), { ok: true, edits: [] }, file);
      try {
        setAndCheck(text, answer.text + APPENDED);
      } catch (e) {
        assert.fail(`${file}: ${(e as Error).message}`);
      }
      roundTripped++;
    }
    const summary = [...excluded].map(([reason, files]) => `${files.length} excluded (${reason}), e.g. ${files[0]}`);
    t.diagnostic(
      `${articles} articles, ${roundTripped} answers round-tripped${summary.length ? `; ${summary.join('; ')}` : ', none excluded'}`,
    );
    assert.ok(articles > 35_000, `${articles} articles`);
    assert.equal(roundTripped + [...excluded.values()].reduce((n, f) => n + f.length, 0), articles);
  });
});
