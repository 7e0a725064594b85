/**
 * The bench's synthetic corpus: N copies of the bundled sample are N consistent
 * corpora side by side, so every defect is counted exactly N times (a copy that
 * asked its original's question would add a `question-duplicate` to every file).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { remap, synthesize } from '../../bench/synth';
import { lint } from '../../server/src/core/lint/lint';
import { loadCorpusSync } from '../../server/src/core/loading/workspace';

const sampleLearn = path.join(__dirname, '../../sample/content/learn');

function codeCounts(learn: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of lint([learn]).results) for (const d of r.diagnostics) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
}

describe('synthetic corpus', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-synth-'));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('counts every defect of the sample exactly N times', () => {
    const made = synthesize(sampleLearn, out, 3);
    const original = codeCounts(sampleLearn);
    assert.ok(original.size > 3, 'the sample has defects of several kinds');
    assert.deepEqual(codeCounts(path.join(made.root, 'content/learn')), new Map([...original].map(([code, n]) => [code, 3 * n])));
  });

  it('gives each copy a question that matches its file name when the original did', () => {
    const original = loadCorpusSync(sampleLearn);
    const copies = loadCorpusSync(path.join(out, 'content/learn'));
    let matching = 0;
    for (const a of original.articles()) {
      if (a.normalizedQuestion !== a.questionKey) continue;
      matching++;
      const copy = copies.get(path.join(out, 'content/learn', a.subjectKey, `${a.questionKey}-c2.md`));
      assert.equal(copy?.normalizedQuestion, `${a.questionKey}-c2`);
    }
    assert.ok(matching > 50);
  });

  it('adds the copy word inside a quoted question and at the end of a question block', () => {
    const article = (id: number, question: string) => `---\nid: ${id}\n${question}\nanswer: x\n---\nbody\n`;
    assert.equal(remap(article(5, "question: 'What is it?'"), 1, 100), article(105, "question: 'What is it? c1'"));
    assert.equal(remap(article(5, 'question: >-\n  What is\n  it?'), 2, 100), article(205, 'question: >-\n  What is\n  it? c2'));
  });
});
