/**
 * What writing an answer must guarantee, checked independently of the core's
 * own check: the `yaml` package reads the new front matter exactly as before
 * except `answer`, whose site reading (every `\n` pair a line break) is the
 * Markdown given; no byte outside the old value changed; writing it again is a
 * no-op.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { answerText, setAnswerText } from '../../server/src/core/answer/document';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';

/** The front matter as the `yaml` package reads it (BOM and CRLF tolerated). */
export function frontMatterData(fileText: string): Record<string, unknown> {
  const lines = fileText.replace(/^\ufeff/, '').split('\n');
  assert.match(lines[0], /^---[ \t]*\r?$/);
  const close = lines.findIndex((l, i) => i > 0 && /^---[ \t]*\r?$/.test(l));
  assert.ok(close > 0, 'the front matter is closed');
  return parse(lines.slice(1, close).join('\n'), { uniqueKeys: true }) as Record<string, unknown>;
}

/** The answer as the site reads it, straight from the `yaml` package. */
export function siteReading(fileText: string): unknown {
  const answer = frontMatterData(fileText).answer;
  return typeof answer === 'string' ? answer.replaceAll('\\n', '\n') : answer;
}

/** Sets the answer to `markdown`, asserts every guarantee, and returns the new file text. */
export function setAndCheck(fileText: string, markdown: string): string {
  const before = answerText(fileText);
  assert.ok(before, 'the file has an answer');
  const result = setAnswerText(fileText, markdown);
  assert.ok(result.ok, result.ok ? '' : result.error);
  const next = applyEdits(fileText, result.edits);
  if (before.text === markdown) {
    assert.deepEqual(result.edits, []);
    return next;
  }
  assert.equal(result.edits.length, 1);
  const lines = new LineIndex(fileText);
  const [start, end] = [lines.offset(before.range.start), lines.offset(before.range.end)];
  const edit = result.edits[0];
  assert.deepEqual([lines.offset(edit.range.start), lines.offset(edit.range.end)], [start, end], 'the edit covers the value');
  assert.ok(next.startsWith(fileText.slice(0, start)) && next.endsWith(fileText.slice(end)), 'no byte outside the value changed');
  assert.equal(siteReading(next), markdown);
  const { answer: _old, ...rest } = frontMatterData(fileText);
  const { answer: _new, ...restAfter } = frontMatterData(next);
  assert.deepEqual(restAfter, rest, 'every other field reads as before');
  assert.equal(answerText(next)?.text, markdown);
  assert.deepEqual(setAnswerText(next, markdown), { ok: true, edits: [] });
  return next;
}
