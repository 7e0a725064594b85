import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { applyEdits, lineDiff, minimalEdits } from '../../server/src/core/authoring/edits';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';

/** A line diff as its hunks: where each change starts in the old lines, how many it removes, what it adds. */
function hunks(parts: { count?: number; value: string[]; added?: boolean; removed?: boolean }[]): string {
  const out: { at: number; removed: number; added: string[] }[] = [];
  let i = 0;
  let open: (typeof out)[number] | undefined;
  for (const part of parts) {
    const count = part.value.length;
    if (!part.added && !part.removed) {
      open = undefined;
      i += count;
      continue;
    }
    if (!open) out.push((open = { at: i, removed: 0, added: [] }));
    if (part.removed) {
      open.removed += count;
      i += count;
    } else open.added.push(...part.value);
  }
  return JSON.stringify(out);
}

const line = fc.constantFrom('', 'a', 'b', 'c', '    id: 1', '    title: >-', '    url: /learn/x', 'a ');
const distinctLines = (n: number) => fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: n });

describe('line diff', () => {
  it('finds the hunks the general diff finds, with or without repeated lines', () => {
    for (const lines of [fc.array(line, { maxLength: 8 }), distinctLines(8)]) {
      fc.assert(
        fc.property(lines, lines, (before, after) => {
          assert.equal(hunks(lineDiff(before, after)), hunks(diffArrays(before, after)));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('reads a rewritten slot off without a general diff: only the changed lines are edited', () => {
    const text = 'related_article1:\n    id: 5\n    title: >-\n        Old\n    subject: Biology\n    url: /learn/biology/questions/old\n';
    const lines = new LineIndex(text);
    const newText = '    id: 7\n    title: >-\n        New\n    subject: Biology\n    url: /learn/biology/questions/new';
    const edits = minimalEdits(lines, { range: lines.range(18, text.length - 1), newText });
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText]),
      [
        [1, 8, 1, 9, '7'],
        [3, 8, 3, 11, 'New'],
        [5, 34, 5, 37, 'new'],
      ],
    );
    assert.equal(applyEdits(text, edits), text.slice(0, 18) + newText + '\n');
  });
});
