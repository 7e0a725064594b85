/** `quicktakes lint` honours the suppression comments of the articles, on every path (one thread, workers, the cache). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { quicktakes } from '../support/process';
import { lintJson as lintJsonOutput, sampleCopy, type JsonDiagnostic } from '../support/sampleCopy';

/** lint's JSON, with nothing on stderr. */
function lintJson(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { status, stderr, diagnostics } = lintJsonOutput(cwd, args, env);
  assert.equal(stderr, '');
  return { status, diagnostics };
}

const FILE = 'content/learn/accounting-and-finance/how-does-notebook-lm-facilitate-targeted-questions-for-earnings-analysis.md';

/** Inserts `comment` as a line above the line `key` of the file; its line number. */
function insertAbove(dir: string, key: string, comment: string): number {
  const p = path.join(dir, FILE);
  const lines = fs.readFileSync(p, 'utf8').split('\n');
  const at = lines.indexOf(key);
  assert.ok(at > 0, key);
  lines.splice(at, 0, comment);
  fs.writeFileSync(p, lines.join('\n'));
  return at;
}

/** A diagnostic as it reads after a line was inserted at `at` in FILE. */
function shifted(d: JsonDiagnostic, at: number): JsonDiagnostic {
  if (d.file !== FILE || d.range.start.line < at) return d;
  const move = (p: { line: number; character: number }) => ({ ...p, line: p.line + 1 });
  return { ...d, range: { start: move(d.range.start), end: move(d.range.end) } };
}

describe('quicktakes lint and suppression comments', () => {
  it('a suppression removes exactly its problems, and the exit status follows', () => {
    const dir = sampleCopy();
    const before = lintJson(dir, ['.']).diagnostics;
    const file = lintJson(dir, [FILE]);
    assert.equal(file.status, 1);
    assert.deepEqual(
      file.diagnostics.map((d) => d.code),
      ['related-unknown-id', 'related-broken-url'],
    );

    const at = insertAbove(dir, 'related_article3:', '# quicktakes-disable-next-line related-unknown-id related-broken-url');
    const now = lintJson(dir, [FILE]);
    assert.deepEqual(now, { status: 0, diagnostics: [] });
    const expected = before
      .filter((d) => d.file !== FILE || !['related-unknown-id', 'related-broken-url'].includes(d.code))
      .map((d) => shifted(d, at));
    assert.deepEqual(lintJson(dir, ['.']).diagnostics, expected);
    // an indexing worker and the cache (written, then read) give the same
    assert.deepEqual(lintJson(dir, ['.'], { QUICKTAKES_INDEX_WORKERS: '1' }).diagnostics, expected);
    const cache = path.join(dir, '.cache');
    assert.deepEqual(lintJson(dir, ['.', '--cache', '--cache-location', cache]).diagnostics, expected);
    assert.deepEqual(lintJson(dir, ['.', '--cache', '--cache-location', cache]).diagnostics, expected);
  });

  it('an unused suppression shows as info and does not fail the lint', () => {
    const dir = sampleCopy();
    insertAbove(dir, 'related_article3:', '# quicktakes-disable-next-line related-unknown-id related-broken-url');
    const line = insertAbove(dir, 'author: QuickTakes', '# quicktakes-disable answer-empty');
    const { status, diagnostics } = lintJson(dir, [FILE]);
    assert.equal(status, 0);
    assert.deepEqual(diagnostics, [
      {
        file: FILE,
        code: 'unused-suppression',
        severity: 'info',
        message: 'Unused suppression: no `answer-empty` problem in this file.',
        range: { start: { line, character: 0 }, end: { line, character: '# quicktakes-disable answer-empty'.length } },
      },
    ]);
    const text = quicktakes(['lint', FILE], dir);
    assert.match(text.stdout, /info unused-suppression Unused suppression/);
    assert.match(text.stdout, /1 file checked: 1 problem \(0 errors, 0 warnings, 1 info\)/);
  });
});
