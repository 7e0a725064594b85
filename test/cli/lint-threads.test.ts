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

/** The same report, byte for byte; when not, the first diagnostic that differs (not two reports of megabytes). */
function assertSameReport(actual: string, expected: string, how: string): void {
  if (actual === expected) return;
  type Found = { file: string; code: string; message: string; range: unknown };
  const a = (JSON.parse(actual) as { diagnostics: Found[] }).diagnostics;
  const e = (JSON.parse(expected) as { diagnostics: Found[] }).diagnostics;
  const differs = e.findIndex((d, k) => JSON.stringify(d) !== JSON.stringify(a[k]));
  const i = differs === -1 ? e.length : differs; // -1: one thread's are a prefix of the others'
  assert.fail(
    `${how}: ${a.length} diagnostics against ${e.length} on one thread; the first that differs (#${i}):\n` +
      `${JSON.stringify(a[i])}\nagainst\n${JSON.stringify(e[i])}`,
  );
}

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
    assertSameReport(threaded.stdout, alone.stdout, 'with the read-ahead and answer threads');
    const workers = quicktakes(['lint', 'content/learn', '--format', 'json'], ws, { QUICKTAKES_INDEX_WORKERS: '1' });
    assertSameReport(workers.stdout, alone.stdout, 'with an indexing worker');
  });
});
