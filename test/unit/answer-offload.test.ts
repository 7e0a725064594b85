/**
 * Lint's answer checks on their own thread (answerOffload.ts) give exactly the
 * diagnostics of `checkOwn` on this thread, also when the worker is gone and
 * this thread has to check what it never answered.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { MessagePort, Worker } from 'node:worker_threads';
import { AnswerOffload } from '../../server/src/core/lint/answerOffload';
import { checkOwn } from '../../server/src/core/checks';
import { compareDiagnostics, type Diagnostic } from '../../server/src/core/checks/diagnostics';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { listArticles } from '../../server/src/core/loading/workspace';
import { PROJECT_ROOT } from '../support/corpus';

const articles = listArticles(path.join(PROJECT_ROOT, 'sample/content/learn')).map((location) => ({
  location,
  model: readArticleModel(fs.readFileSync(location.path, 'utf8')),
}));

// one with a suppression comment: its marks come back whichever thread checks its answer
const withAnswer = articles.find(({ location, model }) => checkOwn(model, location).some((d) => d.code.startsWith('answer-')))!;
const suppressed = fs.readFileSync(withAnswer.location.path, 'utf8').replace('---\n', '---\n# quicktakes-disable answer-empty\n');
articles.push({
  location: { ...withAnswer.location, path: withAnswer.location.path.replace(/\.md$/, '-suppressed.md') },
  model: readArticleModel(suppressed),
});

const sorted = (d: Diagnostic[]) => [...d].sort(compareDiagnostics);

function viaOffload(offload: AnswerOffload): Map<string, Diagnostic[]> {
  const own = new Map(articles.map(({ location, model }) => [location.path, offload.checkOwn(model, location)]));
  for (const [p, answer] of offload.finish()) own.set(p, [...own.get(p)!, ...answer]);
  return new Map([...own].map(([p, d]) => [p, sorted(d)]));
}

const expected = new Map(articles.map(({ location, model }) => [location.path, sorted(checkOwn(model, location))]));

describe('answer checks on their own thread', () => {
  it('give the same diagnostics as checkOwn here', () => {
    assert.ok(
      [...expected.values()].some((d) => d.some((x) => x.code.startsWith('answer-'))),
      'the sample should have answer findings',
    );
    assert.ok(
      [...expected.values()].some((d) => d.some((x) => x.data?.suppression)),
      'and a suppression mark',
    );
    const offload = AnswerOffload.start();
    assert.ok(offload, 'the worker should start');
    assert.deepEqual(viaOffload(offload), expected);
  });

  it('are checked here at once when the worker dies, without waiting for it to stall', () => {
    const stallMs = 30_000;
    const offload = AnswerOffload.start(stallMs)!;
    // a batch the worker cannot read kills it with an uncaught error
    (offload as unknown as { port: MessagePort }).port.postMessage({ id: -1, fields: [{}] });
    const started = Date.now();
    assert.deepEqual(viaOffload(offload), expected);
    assert.ok(Date.now() - started < stallMs, 'finish saw the worker die and did not wait for the stall');
  });

  it('are checked here when the worker is gone', async () => {
    const offload = AnswerOffload.start(300)!;
    await (offload as unknown as { worker: Worker }).worker.terminate();
    assert.deepEqual(viaOffload(offload), expected);
  });
});
