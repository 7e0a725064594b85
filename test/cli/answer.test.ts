/**
 * `quicktakes answer` as a process: it prints the answer Markdown exactly,
 * printing and setting back through a pipe leaves sample articles byte for byte
 * (not even rewritten), and `--set` writes exactly what the core's edit says.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { answerText } from '../../server/src/core/answer/document';
import { PROJECT_ROOT } from '../support/corpus';
import { articleText, writeWorkspace } from '../support/fixtures';
import { BIN, quicktakes } from '../support/process';
import { setAndCheck, siteReading } from '../support/answerEdits';

const ANSWER = 'Energy is $E = mc^2$.\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |';
const full = articleText({ questionKey: 'what-is-energy', answer: ANSWER });
const FILES = {
  'a.md': full,
  'bom.md': `\ufeff${full.replace(/\n/g, '\r\n')}`,
  'empty.md': full.replace(/^answer: >-\n.*\n/m, 'answer: >-\n'),
  'no-answer.md': full.replace(/^answer: >-\n.*\n/m, ''),
  'broken.md': full.replace(/^answer: >-\n.*\n/m, 'answer: "unclosed\n'),
  'new.md': 'New: # answer\n\nwith \'quotes\' "and" \\ $x$\n',
  'bad.md': 'TeX $a \\neq b$',
};

/** A shell pipe between two runs of the executable, as a user types it. */
function pipe(cwd: string, file: string): { status: number | null; stderr: string } {
  const cli = `"${process.execPath}" "${BIN}"`;
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${cli} answer "$1" | ${cli} answer "$1" --set -`, 'sh', file], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr };
}

function setFromStdin(cwd: string, file: string, input: string) {
  return spawnSync(process.execPath, [BIN, 'answer', file, '--set', '-'], { cwd, input, encoding: 'utf8' });
}

describe('quicktakes answer', () => {
  it('prints the answer as the site reads it, with no line break added', () => {
    const ws = writeWorkspace(FILES);
    const r = quicktakes(['answer', 'a.md'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, ANSWER.replaceAll('\\n', '\n'));
    assert.equal(quicktakes(['answer', 'bom.md'], ws).stdout, ANSWER.replaceAll('\\n', '\n'));
  });

  it('prints nothing for an empty answer, and exits 0', () => {
    const r = quicktakes(['answer', 'empty.md'], writeWorkspace(FILES));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('leaves sample articles byte for byte through `answer | answer --set -`', () => {
    const learn = path.join(PROJECT_ROOT, 'sample/content/learn');
    const all = fs.readdirSync(learn).flatMap((s) => fs.readdirSync(path.join(learn, s)).map((f) => `${s}/${f}`));
    const picked = all.filter((_, i) => i % 10 === 0);
    const ws = writeWorkspace(Object.fromEntries(picked.map((rel) => [rel, fs.readFileSync(path.join(learn, rel), 'utf8')])));
    const old = new Date('2020-01-01T00:00:00Z');
    for (const rel of picked) fs.utimesSync(path.join(ws, rel), old, old);
    for (const rel of picked) {
      const r = pipe(ws, rel);
      assert.equal(r.status, 0, `${rel}: ${r.stderr}`);
      assert.equal(fs.readFileSync(path.join(ws, rel), 'utf8'), fs.readFileSync(path.join(learn, rel), 'utf8'), rel);
      assert.equal(fs.statSync(path.join(ws, rel)).mtimeMs, old.getTime(), `${rel} was not rewritten`);
    }
    assert.ok(picked.length >= 10);
  });

  it('--set <file> writes exactly the core edit, atomically, leaving the rest of the file', () => {
    const ws = writeWorkspace(FILES);
    for (const target of ['a.md', 'bom.md', 'empty.md']) {
      const before = fs.readFileSync(path.join(ws, target), 'utf8');
      const r = quicktakes(['answer', target, '--set', 'new.md'], ws);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const after = fs.readFileSync(path.join(ws, target), 'utf8');
      assert.equal(after, setAndCheck(before, FILES['new.md']), target);
      assert.equal(quicktakes(['answer', target], ws).stdout, FILES['new.md']);
    }
    assert.deepEqual(
      fs.readdirSync(ws).filter((f) => f.includes('quicktakes-tmp')),
      [],
    );
  });

  it('--set - reads standard input, keeping CRLF and the BOM around the value', () => {
    const ws = writeWorkspace(FILES);
    const r = setFromStdin(ws, 'bom.md', 'one\n\ntwo');
    assert.equal(r.status, 0, r.stderr);
    const after = fs.readFileSync(path.join(ws, 'bom.md'), 'utf8');
    assert.ok(after.startsWith('\ufeff---\r\n'));
    assert.match(after, /\r\nanswer: >-\r\n {4}one\\n\\ntwo\r\nsubject: /);
    assert.equal(siteReading(after), 'one\n\ntwo');
    assert.equal(answerText(after)?.text, 'one\n\ntwo');
  });

  it('exits 2 with a clear message, changing nothing, for text no answer can hold', () => {
    const ws = writeWorkspace(FILES);
    const r = quicktakes(['answer', 'a.md', '--set', 'bad.md'], ws);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^quicktakes answer: a\.md: Line 1, column 8: `\\neq` cannot be written in an answer: the site turns every backslash followed by `n` into a line break/,
    );
    assert.equal(fs.readFileSync(path.join(ws, 'a.md'), 'utf8'), FILES['a.md']);
  });

  it('exits 2 with the reason for an article without a readable answer', () => {
    const ws = writeWorkspace(FILES);
    for (const [file, reason] of [
      ['no-answer.md', 'The front matter has no `answer` field.'],
      ['broken.md', 'The front matter is not valid YAML'],
      ['new.md', 'The file does not start with a `---` line'],
    ]) {
      for (const args of [
        ['answer', file],
        ['answer', file, '--set', 'new.md'],
      ]) {
        const r = quicktakes(args, ws);
        assert.equal(r.status, 2, args.join(' '));
        assert.equal(r.stdout, '');
        assert.ok(r.stderr.startsWith(`quicktakes answer: ${file}: ${reason}`), r.stderr);
      }
      assert.equal(fs.readFileSync(path.join(ws, file), 'utf8'), FILES[file as keyof typeof FILES]);
    }
  });

  it('exits 2 on bad usage', () => {
    const ws = writeWorkspace(FILES);
    for (const args of [
      ['answer'],
      ['answer', 'a.md', 'b.md'],
      ['answer', 'missing.md'],
      ['answer', 'a.md', '--set'],
      ['answer', 'a.md', '--set', 'missing.md'],
      ['answer', 'a.md', '--html'],
    ]) {
      const r = quicktakes(args, ws);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^quicktakes answer: .*\nUsage:/, args.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.equal(fs.readFileSync(path.join(ws, 'a.md'), 'utf8'), FILES['a.md']);
  });
});
