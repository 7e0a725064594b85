/**
 * `quicktakes lint` in continuous integration, run as a process in temporary
 * git repositories made from the bundled sample: --baseline / --update-baseline,
 * --changed-since, --format github, --max-warnings; and every subcommand's
 * --help and usage errors.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { quicktakes } from '../support/process';
import { git, lintJson as lintJsonOutput, sampleCopy as copyOfSample, type JsonDiagnostic } from '../support/sampleCopy';

/** A copy of the sample workspace, committed in a fresh git repository (or, with `repo` false, no repository). */
const sampleCopy = (repo = true) => copyOfSample({ repo });

/** lint's JSON of the whole copy, with nothing on stderr. */
function lintJson(cwd: string, ...args: string[]) {
  const r = lintJsonOutput(cwd, ['.', ...args]);
  assert.equal(r.stderr, '');
  return r;
}

const LEARN = 'content/learn';

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = path.join(dir, LEARN, file);
  fs.writeFileSync(p, change(fs.readFileSync(p, 'utf8')));
}

describe('quicktakes lint --baseline', () => {
  it('records every problem, stably, and then reports none as new', () => {
    const dir = sampleCopy();
    const all = lintJson(dir).diagnostics;
    const first = quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, `Wrote b.json: ${all.length} known problems (0 before).\n`);
    const written = fs.readFileSync(path.join(dir, 'b.json'), 'utf8');
    assert.equal(quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir).status, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'), written, 'a second update writes the same bytes');

    // one entry a line, sorted, 2-space indent, trailing newline
    const lines = written.split('\n');
    assert.deepEqual(lines.slice(0, 3), ['{', '  "version": 1,', '  "problems": [']);
    assert.deepEqual(lines.slice(-3), ['  ]', '}', '']);
    const entries = lines
      .slice(3, -3)
      .map((l) => JSON.parse(l.replace(/,$/, '')) as { file: string; code: string; text: string; count: number });
    // the articles' problems, and those of the site's redirect table beside content/
    assert.ok(lines.slice(3, -3).every((l) => /^ {4}\{"file":"(content\/learn\/|constant\/mappingQuestions\.contant\.js")/.test(l)));
    assert.ok(written.includes('{"file":"constant/mappingQuestions.contant.js","code":"redirect-duplicate"'));
    const keys = entries.map((e) => [e.file, e.code, e.text].join('\0'));
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(
      entries.reduce((n, e) => n + e.count, 0),
      all.length,
    );
    const unknown = entries.find(
      (e) => e.file.endsWith('/what-is-bernoullis-principle-in-fluid-dynamics.md') && e.code === 'related-unknown-id',
    );
    assert.equal(unknown?.text, '85127', 'keyed by the flagged text, not the line');

    const text = quicktakes(['lint', '.', '--baseline', 'b.json'], dir);
    assert.equal(text.status, 0);
    assert.equal(
      text.stdout,
      `110 files checked: 0 new problems (0 errors, 0 warnings, 0 info); ${all.length} known problems in the baseline.\n`,
    );
    const json = lintJson(dir, '--baseline', 'b.json');
    assert.deepEqual([json.status, json.diagnostics, json.known], [0, [], all.length]);
    const sarif = JSON.parse(quicktakes(['lint', '.', '--format', 'sarif', '--baseline', 'b.json'], dir).stdout);
    assert.deepEqual(sarif.runs[0].results, []);
    assert.equal(sarif.runs[0].properties.knownProblems, all.length);
    const github = quicktakes(['lint', '.', '--format', 'github', '--baseline', 'b.json'], dir);
    assert.deepEqual([github.status, github.stdout], [0, '']);
  });

  it('tells missing fields apart, though all are flagged on the closing fence', () => {
    const dir = sampleCopy();
    const file = 'accounting-and-finance/how-are-general-partnerships-taxed-compared-to-other-business-entities.md';
    edit(dir, file, (t) => t.replace(/^author: .*\n/m, ''));
    quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    // author comes back, date_format goes: one missing field for another is a new problem
    edit(dir, file, (t) => t.replace(/^date_format: .*\n/m, 'author: QuickTakes\n'));
    const r = lintJson(dir, '--baseline', 'b.json');
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.message.includes('date_format')]),
      [['missing-field', true]],
    );
  });

  it('reports exactly a new defect, and exits 1 for it', () => {
    const dir = sampleCopy();
    quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    const file = 'accounting-and-finance/how-are-general-partnerships-taxed-compared-to-other-business-entities.md';
    edit(dir, file, (t) => t.replace(/^url: .*$/m, 'url: /learn/accounting-and-finance/questions/typo'));
    const r = quicktakes(['lint', '.', '--baseline', 'b.json'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(
      lines[0],
      new RegExp(
        `^${LEARN}/${file.replace(/\./g, '\\.')}:\\d+:6 error url-mismatch \`url\` is \`/learn/accounting-and-finance/questions/typo\``,
      ),
    );
    assert.match(lines[1], /^110 files checked: 1 new problem \(1 error, 0 warnings, 0 info\); \d+ known problems in the baseline\.$/);
  });

  it('still knows a problem after a line is inserted above it', () => {
    const dir = sampleCopy();
    quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    const file = 'physics/what-is-bernoullis-principle-in-fluid-dynamics.md';
    const line = (d: JsonDiagnostic[]) => d.find((x) => x.file.endsWith(file) && x.code === 'related-unknown-id')!.range.start.line;
    const before = line(lintJson(dir).diagnostics);
    edit(dir, file, (t) => t.replace('---\n', '---\n# reviewed\n'));
    assert.equal(line(lintJson(dir).diagnostics), before + 1, 'the problem moved down a line');
    const r = lintJson(dir, '--baseline', 'b.json');
    assert.deepEqual([r.status, r.diagnostics], [0, []]);
  });

  it('counts identical problems: a second one with the same flagged text is new', () => {
    const dir = sampleCopy();
    quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    const file = 'physics/what-is-bernoullis-principle-in-fluid-dynamics.md';
    // slot 1 now names the same unknown id as slot 2
    edit(dir, file, (t) => t.replace('    id: 85139\n', '    id: 85127\n'));
    const r = lintJson(dir, '--baseline', 'b.json');
    assert.equal(r.status, 1);
    const unknown = r.diagnostics.filter((d) => d.code === 'related-unknown-id');
    assert.equal(unknown.length, 1, 'one of the two is known');
    assert.match(unknown[0].message, /85127/);
    assert.ok(r.diagnostics.every((d) => d.file === `${LEARN}/${file}`));
  });

  it('drops a fixed problem at the next update, and keeps the rest', () => {
    const dir = sampleCopy();
    const n = lintJson(dir).diagnostics.length;
    quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    const read = () => fs.readFileSync(path.join(dir, 'b.json'), 'utf8');
    const before = read();
    const file = `${LEARN}/mathematics/what-is-the-significance-of-using-solid-versus-dashed-lines-when-graphing-inequalities.md`;
    // a link to an article that moved without a redirect entry: a 404, fixed to where the article is now
    const moved = `"file":"${file}","code":"related-broken-url"`;
    assert.ok(before.includes(moved));
    assert.equal(quicktakes(['fix', file, '--code', 'related-broken-url'], dir).status, 0);
    const r = quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    assert.equal(r.stdout, `Wrote b.json: ${n - 1} known problems (${n} before).\n`);
    const after = read();
    assert.ok(!after.includes(moved));
    const entries = (text: string) => text.split('\n').map((l) => l.replace(/,$/, ''));
    assert.deepEqual(
      entries(before).filter((l) => !entries(after).includes(l)),
      entries(before).filter((l) => l.includes(moved)),
      'only the fixed entry went',
    );
  });

  it('rejects --update-baseline without a file, and a file that is not a baseline', () => {
    const dir = sampleCopy(false);
    const alone = quicktakes(['lint', '.', '--update-baseline'], dir);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /^quicktakes lint: --update-baseline goes with --baseline FILE\.\nUsage:/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"problems": 3}');
    const bad = quicktakes(['lint', '.', '--baseline', 'bad.json'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.json is not a quicktakes baseline/);
  });
});

describe('quicktakes lint --changed-since and questions', () => {
  it('checks the articles asking, or having asked, the question of a changed one', () => {
    const dir = sampleCopy();
    const asked = `${LEARN}/physics/what-is-archimedes-principle-and-how-does-it-explain-buoyancy.md`;
    const asker = `${LEARN}/physics/what-is-bernoullis-principle-in-fluid-dynamics.md`;
    const question = (f: string) => /^question: >-\n {4}(.*)$/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))![1];
    const setQuestion = (f: string, q: string) =>
      edit(dir, path.relative(LEARN, f), (t) => t.replace(/^question: >-\n {4}.*$/m, `question: >-\n    ${q}`));
    const own = question(asker);
    // what is checked besides the two: the articles linking to the changed one
    const askerLinks = linksOf(dir).get(asker)!;
    const linking = [...linksOf(dir)].filter(([, l]) => l.keys.includes(path.basename(asker, '.md')) || l.ids.includes(askerLinks.id!));
    const expectedFiles = new Set([asker, asked, ...linking.map(([f]) => f)]).size;
    const checked = (ref: string) => {
      const r = lintJson(dir, '--changed-since', ref, '--format', 'json');
      return {
        files: r.files,
        duplicates: r.diagnostics
          .filter((d) => d.code === 'question-duplicate')
          .map((d) => d.file)
          .sort(),
      };
    };

    setQuestion(asker, question(asked).toUpperCase());
    assert.deepEqual(checked('HEAD'), { files: expectedFiles, duplicates: [asked, asker] }, 'the unchanged article asking it is checked');
    git(dir, 'commit', '-qam', 'ask the same');
    setQuestion(asker, own);
    assert.deepEqual(checked('HEAD'), { files: expectedFiles, duplicates: [] }, 'the article it asked the same as, at the ref, is checked');
  });
});

/** Each article's id, and the ids and question-keys its related slots name, read with plain patterns. */
function linksOf(dir: string): Map<string, { id?: string; ids: string[]; keys: string[] }> {
  const out = new Map<string, { id?: string; ids: string[]; keys: string[] }>();
  for (const subject of fs.readdirSync(path.join(dir, LEARN))) {
    for (const name of fs.readdirSync(path.join(dir, LEARN, subject))) {
      const text = fs.readFileSync(path.join(dir, LEARN, subject, name), 'utf8');
      out.set(`${LEARN}/${subject}/${name}`, {
        id: /^id: (-?\d+)$/m.exec(text)?.[1],
        ids: [...text.matchAll(/^ {4}id: (\d+)$/gm)].map((m) => m[1]),
        keys: [...text.matchAll(/^ {4}url: \S*\/questions\/([^/\s]+)$/gm)].map((m) => m[1]),
      });
    }
  }
  return out;
}

describe('quicktakes lint --changed-since', () => {
  it('checks the changed articles and those whose links point at a changed, renamed or deleted one', () => {
    const dir = sampleCopy();
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], dir);
    const old = linksOf(dir);
    const edited = `${LEARN}/accounting-and-finance/can-you-describe-the-features-of-the-tax-and-accounting-notebook-in-notebook-lm.md`;
    const renamed = `${LEARN}/mathematics/how-do-you-determine-the-breakeven-point-in-profit-analysis.md`;
    const renamedTo = `${LEARN}/mathematics/breakeven-point.md`;
    const deleted = `${LEARN}/history-of-the-world/what-was-the-historical-context-of-slavery-in-america-during-the-19th-century.md`;
    const copied = `${LEARN}/physics/what-is-bernoullis-principle-in-fluid-dynamics.md`;
    const added = `${LEARN}/physics/bernoulli-copy.md`;
    // committed since the ref: a retitled article; staged: a rename; unstaged: a deletion; untracked: a copy
    const p = (f: string) => path.join(dir, f);
    fs.writeFileSync(p(edited), fs.readFileSync(p(edited), 'utf8').replace(/^title: >-\n {4}.*$/m, 'title: >-\n    A new title?'));
    git(dir, 'commit', '-qam', 'retitle');
    git(dir, 'mv', renamed, renamedTo);
    fs.rmSync(p(deleted));
    fs.copyFileSync(p(copied), p(added));
    const now = linksOf(dir);

    const keyOf = (f: string) => path.basename(f, '.md');
    const expected = new Set([edited, renamedTo, added, copied]);
    for (const [f, { id, keys, ids }] of now) {
      for (const changed of [edited, renamed, deleted, added]) {
        const was = old.get(changed) ?? now.get(changed)!;
        if (keys.includes(keyOf(changed)) || ids.includes(was.id!)) expected.add(f);
        if (id === was.id) expected.add(f);
      }
      if (keys.includes(keyOf(renamedTo))) expected.add(f);
    }
    for (const changed of [edited, renamed, deleted]) {
      assert.ok(
        [...now.values()].some((l) => l.keys.includes(keyOf(changed))),
        `something links to ${changed}`,
      );
    }

    const r = lintJson(dir, '--changed-since', base);
    assert.equal(r.status, 1);
    assert.equal(r.files, expected.size);
    assert.deepEqual(
      r.diagnostics.filter((d) => !expected.has(d.file)),
      [],
    );
    const broken = (key: string) => r.diagnostics.filter((d) => d.code === 'related-broken-url' && d.message.includes(`/${key}\``));
    assert.ok(broken(keyOf(deleted)).length > 0, 'links to the deleted article');
    assert.ok(
      r.diagnostics.some((d) => d.code === 'related-title-mismatch' && d.message.includes('A new title?')),
      'links to the retitled one',
    );
    assert.ok(
      r.diagnostics.some((d) => d.code === 'duplicate-id' && d.file === copied),
      'the copy makes its original a duplicate',
    );
    const movedOrBroken = r.diagnostics.filter((d) => /related-(broken|moved)-url/.test(d.code) && d.message.includes(keyOf(renamed)));
    assert.ok(movedOrBroken.length > 0, 'links to the renamed article');

    // with the baseline: only what the changes broke, in the files they touched
    const fresh = lintJson(dir, '--changed-since', base, '--baseline', 'b.json');
    assert.equal(fresh.status, 1);
    assert.ok(fresh.diagnostics.length > 0 && fresh.diagnostics.length < r.diagnostics.length);
    assert.ok(fresh.diagnostics.some((d) => d.code === 'related-broken-url' && d.message.includes(keyOf(deleted))));
    assert.equal(fresh.known! + fresh.diagnostics.length, r.diagnostics.length);

    assert.deepEqual(
      JSON.parse(quicktakes(['lint', `${LEARN}/physics`, '--changed-since', base, '--format', 'json'], dir).stdout).files,
      [...expected].filter((f) => f.includes('/physics/')).length,
    );
  });

  it('checks nothing when nothing changed', () => {
    const dir = sampleCopy();
    const r = quicktakes(['lint', '.', '--changed-since', 'HEAD'], dir);
    assert.deepEqual([r.status, r.stdout], [0, '0 files checked: 0 problems (0 errors, 0 warnings, 0 info).\n']);
  });

  it('says clearly when the ref is unknown or the path is not in a git repository (exit 2)', () => {
    const dir = sampleCopy();
    const unknown = quicktakes(['lint', '.', '--changed-since', 'no-such-branch'], dir);
    assert.equal(unknown.status, 2);
    assert.equal(
      unknown.stderr.split('\n')[0],
      `quicktakes lint: --changed-since: no-such-branch is not a commit known to the repository at ${dir}/${LEARN}.`,
    );
    const plain = sampleCopy(false);
    const outside = quicktakes(['lint', '.', '--changed-since', 'HEAD'], plain);
    assert.equal(outside.status, 2);
    assert.equal(outside.stderr.split('\n')[0], `quicktakes lint: --changed-since: ${plain}/${LEARN} is not inside a git repository.`);
  });
});

describe('quicktakes lint --format github and --max-warnings', () => {
  const FILE = 'sample/content/learn/college-basketball/how-did-the-term-march-madness-originate.md';
  const WARNINGS = 'sample/content/learn/mathematics/how-is-a-linear-inequality-represented-on-a-number-line.md';

  it('prints one workflow command per problem, 1-based, paths relative to the cwd', () => {
    const r = quicktakes(['lint', FILE, '--format', 'github']);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      `::error file=${FILE},line=3,col=5,endLine=3,endColumn=7,title=invalid-field::\`id\` must be a positive integer, found \`-7\`.\n`,
    );
    assert.equal(r.stderr, '1 file checked: 1 problem (1 error, 0 warnings, 0 info).\n');
    const w = quicktakes(['lint', WARNINGS, '--format', 'github']);
    assert.equal(w.status, 0);
    assert.deepEqual(
      w.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(' ')[0]),
      ['::warning', '::warning'],
    );
  });

  it('escapes the path and the message as the runner expects', () => {
    const dir = sampleCopy(false);
    const odd = `${LEARN}/physics/50%,off:now.md`;
    fs.copyFileSync(path.join(dir, LEARN, 'physics/what-is-bernoullis-principle-in-fluid-dynamics.md'), path.join(dir, odd));
    const r = quicktakes(['lint', odd, '--format', 'github'], dir);
    const line = r.stdout.split('\n').find((l) => l.includes('title=file-name-mismatch'));
    assert.equal(
      line,
      `::error file=${LEARN}/physics/50%25%2Coff%3Anow.md,line=23,col=12,endLine=23,endColumn=61,title=file-name-mismatch::\`file_name\` is \`what-is-bernoullis-principle-in-fluid-dynamics.md\`, but the file is named \`50%25,off:now.md\`.`,
    );
  });

  it('exits 1 when warnings exceed --max-warnings, counting only new ones with a baseline', () => {
    assert.equal(quicktakes(['lint', WARNINGS, '--max-warnings', '2']).status, 0);
    const over = quicktakes(['lint', WARNINGS, '--max-warnings', '1']);
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'quicktakes lint: 2 warnings, more than --max-warnings 1.\n');
    assert.equal(quicktakes(['lint', WARNINGS, '--max-warnings', 'many']).status, 2);

    const dir = sampleCopy(false);
    const file = path.relative('sample', WARNINGS);
    quicktakes(['lint', file, '--baseline', 'b.json', '--update-baseline'], dir);
    assert.equal(quicktakes(['lint', file, '--baseline', 'b.json', '--max-warnings', '0'], dir).status, 0);
  });
});

describe('usage of every subcommand', () => {
  const COMMANDS = ['lint', 'render', 'suggest', 'report', 'fix'];

  it('answers --help (and -h) with its usage, exit 0', () => {
    const overall = quicktakes(['--help']);
    for (const name of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const r = quicktakes([name, flag]);
        assert.equal(r.status, 0, `${name} ${flag}`);
        assert.equal(r.stderr, '');
        assert.ok(
          r.stdout.startsWith(`Usage:\n  quicktakes ${name} `) || r.stdout === `Usage:\n  quicktakes ${name} <article.md>\n`,
          r.stdout,
        );
        // the overall usage shows the same synopsis line
        assert.ok(overall.stdout.includes(r.stdout.split('\n')[1]), `${name}'s synopsis in the overall usage`);
      }
    }
    assert.match(quicktakes(['lint', '--help']).stdout, /--changed-since REF/);
  });

  it('answers a wrong flag with a one-line error and its usage, exit 2', () => {
    for (const name of COMMANDS) {
      const r = quicktakes([name, '--bogus', 'x']);
      assert.equal(r.status, 2, name);
      const [first, ...rest] = r.stderr.split('\n');
      assert.match(first, new RegExp(`^quicktakes ${name}: .*--bogus`));
      assert.equal(rest.join('\n'), quicktakes([name, '--help']).stdout, `${name}: its own usage`);
    }
  });
});
