/**
 * `quicktakes fix` as a process on a copy of fixture articles: what it fixes,
 * what it refuses, that it touches only the lines it must, keeps CRLF and BOM,
 * writes nothing on --dry-run, and that a second run is a no-op.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { diffArrays } from 'diff';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { articleText, linkTo, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { quicktakes } from '../support/process';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
/** Every fixable related-slot defect, one refusal (a 404 url with an unknown id), and an answer with `\(…\)` math. */
const IONS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  answer: 'Ions carry charge \\\\(q\\\\).',
  related: [
    linkTo(NEURON),
    linkTo(NEURON), // related-duplicate
    { ...linkTo(SYNAPSE), id: 999 }, // related-unknown-id, its url is certain
    { ...linkTo(CELL), title: 'Drifted title' }, // related-title-mismatch
    { id: 404, title: 'Gone', url: '/learn/biology/questions/gone' }, // refused: nothing certain to point it at
  ],
};
/** Location fields that disagree with where the file is; CRLF line endings. */
const MISPLACED: ArticleSpec = {
  questionKey: 'what-is-an-axon',
  id: 13,
  url: '/learn/biology/questions/what-is-an-axon',
  fileName: 'axon.md',
  related: [{ ...linkTo(CELL), url: '/learn/psychology/questions/what-is-a-cell' }], // related-moved-url
};
/** A BOM, a self-link and a negative id (refused: no certain id). */
const SELF: ArticleSpec = { questionKey: 'what-is-a-dendrite', id: -5, related: [linkTo(NEURON), { ...linkTo(NEURON), id: -5 }] };

const FILES: Record<string, string> = {
  'content/learn/psychology/what-is-a-neuron.md': articleText(NEURON),
  'content/learn/psychology/what-is-a-synapse.md': articleText(SYNAPSE),
  'content/learn/biology/what-is-a-cell.md': articleText(CELL),
  'content/learn/psychology/how-do-ions-work.md': articleText(IONS),
  'content/learn/psychology/what-is-an-axon.md': articleText(MISPLACED).replace(/\n/g, '\r\n'),
  'content/learn/psychology/what-is-a-dendrite.md': `\uFEFF${articleText(SELF)}`,
};

interface LintJson {
  diagnostics: { file: string; code: string; range: { start: { line: number } } }[];
}

const codesOf = (ws: string) =>
  (JSON.parse(quicktakes(['lint', 'content/learn', '--format', 'json'], ws).stdout) as LintJson).diagnostics.map(
    (d) => `${d.file} ${d.code}`,
  );

function read(ws: string): Record<string, string> {
  return Object.fromEntries(Object.keys(FILES).map((f) => [f, fs.readFileSync(path.join(ws, f), 'utf8')]));
}

/** Line numbers (0-based) a file's text gives to its related slots and to the named top-level fields. */
function allowedLines(text: string, fields: string[]): Set<number> {
  const model = readArticleModel(text.replace(/^\uFEFF/, ''));
  const out = new Set<number>();
  const add = (from: number, to: number) => {
    for (let l = from; l <= to; l++) out.add(l);
  };
  for (const s of model.related) add(s.field.keyRange.start.line, s.field.valueRange.end.line);
  for (const f of fields) {
    const field = model.fields.get(f);
    if (field) add(field.keyRange.start.line, field.valueRange.end.line);
  }
  return out;
}

/** The lines removed from `before` and added in `after` (0-based), by a line diff. */
function changedLines(before: string, after: string): { removed: number[]; added: number[] } {
  const removed: number[] = [];
  const added: number[] = [];
  let a = 0;
  let b = 0;
  for (const part of diffArrays(before.split('\n'), after.split('\n'))) {
    for (let i = 0; i < part.count!; i++) {
      if (part.removed) removed.push(a++);
      else if (part.added) added.push(b++);
      else {
        a++;
        b++;
      }
    }
  }
  return { removed, added };
}

describe('quicktakes fix', () => {
  it('fixes every unambiguous defect, lists what it refuses, and leaves no fixable diagnostic and no new one', () => {
    const ws = writeWorkspace(FILES);
    const before = codesOf(ws);
    const r = quicktakes(['fix', 'content/learn'], ws);
    assert.equal(r.status, 0, r.stderr);
    const after = codesOf(ws);
    assert.deepEqual(after.sort(), [
      'content/learn/psychology/how-do-ions-work.md answer-math-delimiter',
      'content/learn/psychology/how-do-ions-work.md related-broken-url',
      'content/learn/psychology/how-do-ions-work.md related-unknown-id',
      'content/learn/psychology/what-is-a-dendrite.md invalid-field',
    ]);
    assert.ok(
      after.every((d) => before.includes(d)),
      'no new diagnostic',
    );
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'Not fixed (no unambiguous fix; listed, not changed):',
      '  content/learn/psychology/how-do-ions-work.md:45:9 error related-unknown-id `related_article4.id` 404 is the id of no article.',
      '  content/learn/psychology/how-do-ions-work.md:49:10 error related-broken-url `related_article4.url` `/learn/biology/questions/gone` leads to no article (the site answers 404).',
      '  content/learn/psychology/what-is-a-dendrite.md:3:5 error invalid-field `id` must be a positive integer, found `-5`.',
    ]);
    assert.deepEqual(lines.slice(5), [
      'related-duplicate                2 fixed',
      'related-id-url-mismatch          2 fixed',
      'file-name-mismatch               1 fixed',
      'related-moved-url                1 fixed',
      'related-self                     1 fixed',
      'related-title-mismatch           1 fixed',
      'related-unknown-id               1 fixed, 1 not fixed',
      'url-mismatch                     1 fixed',
      'related-broken-url               0 fixed, 1 not fixed',
      'invalid-field                    0 fixed, 1 not fixed',
      '6 files checked, 3 files changed, 3 problems not fixed.',
      '',
    ]);
  });

  it('touches only the lines of the fixed slots and fields; keeps the answer, CRLF and the BOM', () => {
    const ws = writeWorkspace(FILES);
    quicktakes(['fix', 'content/learn'], ws);
    const out = read(ws);
    for (const [file, before] of Object.entries(FILES)) {
      const after = out[file];
      const { removed, added } = changedLines(before, after);
      const fields = ['url', 'file_name'];
      const [oldOk, newOk] = [allowedLines(before, fields), allowedLines(after, fields)];
      assert.ok(
        removed.every((l) => oldOk.has(l)),
        `${file}: removed line outside a slot or fixed field`,
      );
      assert.ok(
        added.every((l) => newOk.has(l)),
        `${file}: added line outside a slot or fixed field`,
      );
    }
    const ions = out['content/learn/psychology/how-do-ions-work.md'];
    assert.ok(ions.includes('Ions carry charge \\\\(q\\\\).'), 'the answer is untouched');
    const axon = out['content/learn/psychology/what-is-an-axon.md'];
    assert.ok(axon.includes('url: /learn/psychology/questions/what-is-an-axon\r\n'));
    assert.ok(axon.includes('file_name: what-is-an-axon.md\r\n'));
    assert.ok(!/[^\r]\n/.test(axon), 'CRLF everywhere still');
    const dendrite = out['content/learn/psychology/what-is-a-dendrite.md'];
    assert.ok(dendrite.startsWith('\uFEFF---\n'), 'the BOM stays');
    assert.equal((dendrite.match(/related_article/g) ?? []).length, 1, 'the self-link is gone');
  });

  it('is idempotent: a second run changes nothing', () => {
    const ws = writeWorkspace(FILES);
    quicktakes(['fix', 'content/learn'], ws);
    const once = read(ws);
    const r = quicktakes(['fix', 'content/learn'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /6 files checked, 0 files changed, 3 problems not fixed\.\n$/);
    assert.deepEqual(read(ws), once);
  });

  it('--dry-run prints a unified diff, writes nothing, and exits 1 when there is something to fix', () => {
    const ws = writeWorkspace(FILES);
    const r = quicktakes(['fix', 'content/learn/psychology/how-do-ions-work.md', '--dry-run'], ws);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(read(ws), FILES);
    assert.match(
      r.stdout,
      /^-{3} a\/content\/learn\/psychology\/how-do-ions-work\.md\n\+{3} b\/content\/learn\/psychology\/how-do-ions-work\.md$/m,
    );
    assert.match(r.stdout, /^@@ -30,24 \+30,18 @@$/m, 'one hunk: the slots, six lines shorter');
    assert.ok(r.stdout.includes('\n-    id: 999\n'));
    assert.ok(r.stdout.includes('\n-        Drifted title\n+        What is a cell?\n'));
    assert.match(r.stderr, /1 file checked, 1 file to change, 2 problems not fixed\./);
    assert.equal(quicktakes(['fix', 'content/learn/biology', '--dry-run'], ws).status, 0, 'nothing to fix');
  });

  it('fixes only the codes asked for; answer fixes only when asked for', () => {
    const ws = writeWorkspace(FILES);
    const r = quicktakes(['fix', 'content/learn', '--code', 'related-title-mismatch', '--code', 'answer-math-delimiter'], ws);
    assert.equal(r.status, 0, r.stderr);
    const out = read(ws);
    const ions = out['content/learn/psychology/how-do-ions-work.md'];
    assert.ok(ions.includes('        What is a cell?\n'), 'the title is fixed');
    assert.ok(ions.includes('Ions carry charge $q$.'), 'the answer fix was asked for');
    assert.equal((ions.match(/related_article/g) ?? []).length, 5, 'the duplicate slot stays');
    assert.equal(out['content/learn/psychology/what-is-an-axon.md'], FILES['content/learn/psychology/what-is-an-axon.md']);
    assert.equal(quicktakes(['fix', 'content/learn', '--code', 'no-such-code'], ws).status, 2);
    assert.equal(quicktakes(['fix'], ws).status, 2);
  });
});
