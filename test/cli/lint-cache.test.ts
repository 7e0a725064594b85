/**
 * `quicktakes lint --cache`: a second lint reads only what changed and prints
 * exactly what a lint without the cache prints, whatever happened in between
 * (edits that change other files' findings, new and deleted files, a damaged cache);
 * when nothing it read changed, it replays the last report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listArticles } from '../../server/src/core/loading/workspace';
import { sampleFiles, writeWorkspace } from '../support/fixtures';
import { quicktakes } from '../support/process';

describe('quicktakes lint --cache', () => {
  let ws: string;
  let cache: string;
  const learn = () => path.join(ws, 'content/learn');
  const fresh = () => quicktakes(['lint', 'content/learn', '--format', 'json'], ws);
  const cached = () => quicktakes(['lint', 'content/learn', '--format', 'json', '--cache', '--cache-location', cache], ws);
  const assertSameAsFresh = (why: string) => {
    const expected = fresh();
    const got = cached();
    assert.equal(got.stderr, '');
    assert.equal(got.status, expected.status, why);
    assert.equal(got.stdout, expected.stdout, why);
  };

  before(() => {
    ws = writeWorkspace(sampleFiles());
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-lint-cache-'));
  });
  after(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('prints the same as without it, the first time and the next (the report replayed, every character as it was)', () => {
    assertSameAsFresh('first run');
    assert.deepEqual(
      fs
        .readdirSync(cache)
        .map((f) => path.extname(f))
        .sort(),
      ['.bin', '.bin', '.json', '.output'],
      'the index, the own-file findings, the report and its output are kept',
    );
    assert.match(fresh().stdout, /"message":"[^"]*[\u0080-\uffff]/, 'a message with other characters than ASCII');
    assertSameAsFresh('second run, from the cache');
  });

  it('follows edits, including their effects on files that did not change', () => {
    const [a, b] = listArticles(learn());
    const textA = fs.readFileSync(a.path, 'utf8');
    // a new title makes every related slot naming it drift; a broken answer formula is an own-file finding
    fs.writeFileSync(
      a.path,
      textA
        .replace(/^title: >-\n {4}.*$/m, 'title: >-\n    A title nobody links with')
        .replace(/^answer: >-\n {4}/m, 'answer: >-\n    \\(x\\) '),
    );
    fs.writeFileSync(b.path, fs.readFileSync(b.path, 'utf8').replace(/^id: \d+$/m, 'id: -5'));
    assertSameAsFresh('after edits');
    assert.match(cached().stdout, /answer-math-delimiter/);
  });

  it('re-checks a file whose index was refreshed by a lint of other files', () => {
    const [a] = listArticles(learn());
    const other = listArticles(learn()).find((l) => l.subjectKey !== a.subjectKey)!;
    assertSameAsFresh('before');
    fs.writeFileSync(a.path, fs.readFileSync(a.path, 'utf8').replace(/^answer: >-\n {4}/m, 'answer: >-\n    \\[y\\] '));
    // this lint indexes every file (the edited one too) but checks only the other subject's
    quicktakes(['lint', path.dirname(other.path), '--cache', '--cache-location', cache], ws);
    assertSameAsFresh('after a lint of another subject');
  });

  it('follows new and deleted files', () => {
    const [a, , c] = listArticles(learn());
    fs.copyFileSync(a.path, path.join(path.dirname(a.path), 'a-copy-with-the-same-id.md'));
    fs.rmSync(c.path);
    assertSameAsFresh('after a new and a deleted file');
  });

  it('replays the last report while nothing it read has changed', () => {
    // the kept report, marked: a lint that prints the mark replayed it
    const mark = () => {
      assertSameAsFresh('a report to keep');
      for (const report of fs.readdirSync(cache).filter((f) => f.endsWith('.report.json') || f.endsWith('.output'))) {
        const file = path.join(cache, report);
        fs.writeFileSync(file, fs.readFileSync(file, 'latin1').replace(/"message":"/g, '"message":"(replayed) '), 'latin1');
      }
    };
    const replayed = () => cached().stdout.includes('(replayed) ');
    const [a, b] = listArticles(learn());
    const redirects = path.join(ws, 'constant/mappingQuestions.contant.js');
    const sampleRedirects = path.join(__dirname, '../../sample/constant/mappingQuestions.contant.js');
    const changes: [string, () => void][] = [
      ['an article rewritten as it was (a new time)', () => fs.writeFileSync(a.path, fs.readFileSync(a.path))],
      ['a new article', () => fs.copyFileSync(a.path, path.join(path.dirname(a.path), 'one-more-copy.md'))],
      ['a deleted article', () => fs.rmSync(b.path)],
      [
        'a redirect table added',
        () => {
          fs.mkdirSync(path.dirname(redirects), { recursive: true });
          fs.copyFileSync(sampleRedirects, redirects);
        },
      ],
      ['the redirect table edited', () => fs.appendFileSync(redirects, '\n')],
      [
        'a project config added',
        () => fs.writeFileSync(path.join(ws, '.quicktakes.jsonc'), '{ "severity": { "related-unknown-id": "off" } }'),
      ],
      ['the project config edited', () => fs.writeFileSync(path.join(ws, '.quicktakes.jsonc'), '{ "severity": {} }')],
    ];
    for (const [change, make] of changes) {
      mark();
      assert.ok(replayed(), `nothing changed before: ${change}`);
      make();
      assert.ok(!replayed(), `not replayed after ${change}`);
      assertSameAsFresh(`after ${change}`);
    }
    mark();
    const other = quicktakes(['lint', path.dirname(a.path), '--format', 'json', '--cache', '--cache-location', cache], ws);
    assert.ok(!other.stdout.includes('(replayed) '), 'a lint of other paths has its own report');
    fs.rmSync(path.join(ws, '.quicktakes.jsonc'));
    fs.rmSync(path.dirname(redirects), { recursive: true });
  });

  it('copies the kept output only when the same output is asked for (format, folder, baseline), with the same status', () => {
    assertSameAsFresh('a report and its output to keep');
    // the kept output alone marked: a lint that prints the mark copied it, one that does not formatted the report
    const markOutput = () => {
      for (const f of fs.readdirSync(cache).filter((f) => f.endsWith('.output'))) {
        const file = path.join(cache, f);
        fs.writeFileSync(file, fs.readFileSync(file, 'latin1').replace(/"message":"/g, '"message":"(copied) '), 'latin1');
      }
    };
    markOutput();
    assert.match(cached().stdout, /\(copied\) /, 'the same output again: copied');
    const lint = (args: string[], cwd = ws) => quicktakes(['lint', ...args], cwd);
    const withCache = ['--cache', '--cache-location', cache];
    const sameAsFresh = (args: string[], why: string, cwd = ws) => {
      const expected = lint(args, cwd);
      const got = lint([...args, ...withCache], cwd);
      assert.doesNotMatch(got.stdout, /\(copied\) /, why);
      assert.equal(got.stdout, expected.stdout, why);
      assert.equal(got.stderr, expected.stderr, why);
      assert.equal(got.status, expected.status, why);
    };
    sameAsFresh(['content/learn', '--format', 'text'], 'another format');
    // the same folder asked from elsewhere prints other relative paths
    markOutput();
    sameAsFresh([learn(), '--format', 'json'], 'asked from the workspace');
    markOutput();
    sameAsFresh([learn(), '--format', 'json'], 'asked from the learn folder', learn());
    // the status and what goes to stderr come with a copied output too
    for (const args of [
      ['content/learn', '--format', 'github'],
      ['content/learn', '--max-warnings', '0'],
    ]) {
      lint([...args, ...withCache]);
      const expected = lint(args);
      const got = lint([...args, ...withCache]);
      assert.equal(got.stdout, expected.stdout, args.join(' '));
      assert.equal(got.stderr, expected.stderr, args.join(' '));
      assert.equal(got.status, expected.status, args.join(' '));
    }
    assert.match(lint(['content/learn', '--format', 'github', ...withCache]).stderr, /\d+ problems/, 'the tally on stderr');
  });

  it('replays only the report of the same paths, wherever it is run from', () => {
    const [a] = listArticles(learn());
    const other = listArticles(learn()).find((l) => l.subjectKey !== a.subjectKey)!;
    const lintHere = (dir: string) =>
      quicktakes(['lint', '.', '--format', 'json', '--cache', '--cache-location', cache], path.dirname(dir)).stdout;
    const freshHere = (dir: string) => quicktakes(['lint', '.', '--format', 'json'], path.dirname(dir)).stdout;
    lintHere(a.path);
    assert.equal(lintHere(other.path), freshHere(other.path), 'the same `.` in another subject folder');
    assert.equal(lintHere(a.path), freshHere(a.path), 'and back');
  });

  it('keeps what a baseline needs to tell problems apart', () => {
    const [a] = listArticles(learn());
    // two missing fields: both flagged on the closing fence, told apart by the field's name
    fs.writeFileSync(
      a.path,
      fs
        .readFileSync(a.path, 'utf8')
        .replace(/^date: .*\n/m, '')
        .replace(/^date_format: .*\n/m, ''),
    );
    assert.equal(fresh().stdout.match(/"code":"missing-field"/g)?.length, 2);
    const baseline = path.join(ws, 'b.json');
    const withBaseline = (...more: string[]) =>
      quicktakes(['lint', 'content/learn', '--baseline', baseline, ...more, '--cache', '--cache-location', cache], ws);
    assert.equal(withBaseline('--update-baseline').status, 0);
    withBaseline('--update-baseline'); // from the replayed report
    for (const run of ['first', 'replayed']) {
      const r = withBaseline();
      assert.equal(r.status, 0, `${run}: ${r.stdout}`);
      assert.match(r.stdout, / 0 new problems/);
    }
    // a baseline that holds less: the output kept with the other one does not stand for it
    const text = fs.readFileSync(baseline, 'utf8');
    fs.writeFileSync(baseline, text.replace(/\n\s*\{[^{}]*"missing-field"[^{}]*\},?/, '').replace(/,(\s*\])/, '$1'));
    assert.notEqual(fs.readFileSync(baseline, 'utf8'), text, 'an entry dropped');
    const expected = quicktakes(['lint', 'content/learn', '--baseline', baseline], ws);
    assert.match(expected.stdout, / 1 new problem/);
    for (const run of ['first', 'replayed']) {
      const r = withBaseline();
      assert.equal(r.stdout, expected.stdout, run);
      assert.equal(r.status, expected.status, run);
    }
    fs.rmSync(baseline);
  });

  it('removes the partial output of a lint killed while printing, and only that', () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-lint-cache-killed-'));
    try {
      const lint = (format: string) => quicktakes(['lint', 'content/learn', '--format', format, '--cache', '--cache-location', own], ws);
      lint('json');
      const [output] = fs.readdirSync(own).filter((f) => f.endsWith('.output'));
      const ended = spawnSync(process.execPath, ['-e', '']).pid;
      const killed = path.join(own, `${output}.${ended}.tmp`);
      const running = path.join(own, `${output}.${process.pid}.tmp`);
      for (const tmp of [killed, running]) fs.writeFileSync(tmp, 'half a report');
      // another format: the output is printed from the record again, and kept
      assert.equal(lint('text').stdout, quicktakes(['lint', 'content/learn'], ws).stdout);
      assert.ok(!fs.existsSync(killed), 'the temp file of a process that has ended is removed');
      assert.ok(fs.existsSync(running), "a running process's temp file is left to it");
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('ignores a damaged cache', () => {
    for (const f of fs.readdirSync(cache)) fs.writeFileSync(path.join(cache, f), 'not a cache');
    assertSameAsFresh('damaged cache');
    assertSameAsFresh('rewritten cache');
  });

  it('refuses --cache-location without --cache', () => {
    const r = quicktakes(['lint', 'content/learn', '--cache-location', cache], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--cache-location goes with --cache/);
  });
});
