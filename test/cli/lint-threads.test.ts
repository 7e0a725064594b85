/**
 * `quicktakes lint` on a folder big enough for its helper threads (read-ahead,
 * answer checks; indexing workers where asked) prints exactly what it prints on
 * one thread.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sampleFiles, writeWorkspace } from '../support/fixtures';
import { quicktakes } from '../support/process';

const ONE_THREAD = { QUICKTAKES_INDEX_WORKERS: '0', QUICKTAKES_READ_AHEAD: '0', QUICKTAKES_ANSWER_WORKER: '0' };

describe('quicktakes lint with helper threads', () => {
  let ws: string;
  before(() => {
    // the bundled sample 20 times over (2,200 files, answer findings included), plus irregular files
    const files = sampleFiles(Array.from({ length: 20 }, (_, copy) => `-${copy}`));
    files['content/learn/zz/empty.md'] = '';
    files['content/learn/zz/broken.md'] = '---\ntitle: [unclosed\n---\n';
    files['content/learn/zz/math.md'] = Object.values(files)[0].replace(/^answer: .*$/m, 'answer: "$\\\\frac{1}{$ and \\\\(x\\\\)"');
    ws = writeWorkspace(files);
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('prints the same diagnostics as on one thread', () => {
    const alone = quicktakes(['lint', 'content/learn', '--format', 'json'], ws, ONE_THREAD);
    const out = JSON.parse(alone.stdout);
    assert.equal(out.files, 2203);
    const codes = new Set(out.diagnostics.map((d: { code: string }) => d.code));
    for (const code of ['answer-math-delimiter', 'answer-currency-dollar', 'answer-math-error', 'yaml-syntax', 'duplicate-id'])
      assert.ok(codes.has(code), `the workspace should have ${code}`);
    const threaded = quicktakes(['lint', 'content/learn', '--format', 'json'], ws);
    assert.equal(threaded.status, alone.status);
    assert.equal(threaded.stdout, alone.stdout);
    const workers = quicktakes(['lint', 'content/learn', '--format', 'json'], ws, { QUICKTAKES_INDEX_WORKERS: '1' });
    assert.equal(workers.stdout, alone.stdout);
  });
});
