/**
 * `quicktakes fix` on a copy of part of the real corpus (three subject folders):
 * the lint of the result has no fixable diagnostic left but the ones it listed
 * as refused and no new one, the changed lines are all lines of related slots,
 * and a second run changes nothing. (The figures for the whole corpus are in
 * the README.)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diffArrays } from 'diff';
import { DEFAULT_FIX_CODES } from '../../server/src/cli/fix';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { corpusSkipReason, realCorpus } from '../support/corpus';
import { quicktakes } from '../support/process';

const SUBJECTS = ['psychology', 'mathematics', 'history-of-the-world'];

interface LintJson {
  files: number;
  diagnostics: { file: string; code: string; severity: string; range: { start: { line: number; character: number } } }[];
}

function lintOf(ws: string): LintJson {
  return JSON.parse(quicktakes(['lint', 'content/learn', '--format', 'json'], ws).stdout);
}

function countBy(items: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(i, (out.get(i) ?? 0) + 1);
  return out;
}

function slotLines(text: string): Set<number> {
  const out = new Set<number>();
  for (const s of readArticleModel(text).related) {
    for (let l = s.field.keyRange.start.line; l <= s.field.valueRange.end.line; l++) out.add(l);
  }
  return out;
}

describe('quicktakes fix on a copy of the real corpus', { skip: corpusSkipReason }, () => {
  let ws: string;
  const originals = new Map<string, string>();
  let lintBefore: LintJson;
  let fixOut: string;

  before(() => {
    const source = path.join(realCorpus(), 'content/learn');
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-fix-corpus-'));
    for (const s of SUBJECTS) {
      fs.cpSync(path.join(source, s), path.join(ws, 'content/learn', s), { recursive: true });
      for (const f of fs.readdirSync(path.join(ws, 'content/learn', s))) {
        const rel = `content/learn/${s}/${f}`;
        originals.set(rel, fs.readFileSync(path.join(ws, rel), 'utf8'));
      }
    }
    lintBefore = lintOf(ws);
    const r = quicktakes(['fix', 'content/learn'], ws);
    assert.equal(r.status, 0, r.stderr);
    fixOut = r.stdout;
  });

  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('leaves no fixable diagnostic but those it lists as refused, and no new one', () => {
    const after = lintOf(ws);
    assert.equal(after.files, originals.size);
    const key = (d: LintJson['diagnostics'][number]) => `${d.file} ${d.code}`;
    const was = countBy(lintBefore.diagnostics.map(key));
    for (const [k, n] of countBy(after.diagnostics.map(key))) assert.ok(n <= (was.get(k) ?? 0), `new diagnostic: ${k}`);
    const fixable = new Set<string>(DEFAULT_FIX_CODES);
    const left = after.diagnostics.filter((d) => fixable.has(d.code));
    for (const d of left) {
      const listed = `  ${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} `;
      assert.ok(fixOut.includes(listed), `not fixed and not listed: ${listed}`);
    }
    // a repeated slot can always be removed; the links out of the copied folders are what is left
    const duplicates = lintBefore.diagnostics.filter((d) => d.code === 'related-duplicate').length;
    assert.ok(duplicates > 1000);
    assert.ok(!left.some((d) => d.code === 'related-duplicate'));
    assert.match(fixOut, new RegExp(`^related-duplicate +${duplicates} fixed$`, 'm'));
    // what is left needs a target that is not certain: a 404, an unknown id, an article in several other folders
    const uncertain = new Set(['related-broken-url', 'related-unknown-id', 'related-moved-url']);
    assert.deepEqual(
      left.filter((d) => !uncertain.has(d.code)),
      [],
    );
  });

  it('changes only lines of related slots (answers, other fields and layout untouched)', () => {
    let changed = 0;
    for (const [rel, before] of originals) {
      const after = fs.readFileSync(path.join(ws, rel), 'utf8');
      if (after === before) continue;
      changed++;
      const [oldSlots, newSlots] = [slotLines(before), slotLines(after)];
      let a = 0;
      let b = 0;
      for (const part of diffArrays(before.split('\n'), after.split('\n'))) {
        for (let i = 0; i < part.count!; i++) {
          if (part.removed) assert.ok(oldSlots.has(a++), `${rel}: removed line ${a} is not in a related slot`);
          else if (part.added) assert.ok(newSlots.has(b++), `${rel}: added line ${b} is not in a related slot`);
          else {
            a++;
            b++;
          }
        }
      }
    }
    assert.ok(changed > 1000, `${changed} files changed`);
    assert.match(fixOut, new RegExp(`${changed.toLocaleString('en-US')} files changed`));
  });

  it('changes nothing on a second run', () => {
    const r = quicktakes(['fix', 'content/learn'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, / 0 files changed, /);
  });
});
