import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { ALL_CODES } from '../../server/src/core/checks/diagnostics';
import { linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/corpus';
import { BIN, quicktakes } from '../support/process';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11, related: [linkTo(A), { ...linkTo(A), title: 'Drifted title' }] };
const C: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-a-cell',
  id: 12,
  related: [{ id: 404, title: 'Gone', url: '/learn/biology/questions/gone' }],
};
const ws = writeWorkspace(workspaceOf([A, B, C]));

describe('quicktakes lint', () => {
  it('prints JSON with paths relative to the cwd and exits 1 on errors', () => {
    const r = quicktakes(['lint', 'content/learn', '--format', 'json'], ws);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, 3);
    const got = out.diagnostics.map(
      (d: { file: string; code: string; range: { start: { line: number } } }) => `${d.file}:${d.range.start.line}:${d.code}`,
    );
    assert.deepEqual(got, [
      'content/learn/biology/what-is-a-cell.md:26:related-unknown-id',
      'content/learn/biology/what-is-a-cell.md:30:related-broken-url',
      'content/learn/psychology/what-is-a-synapse.md:32:related-duplicate',
      'content/learn/psychology/what-is-a-synapse.md:33:related-title-mismatch',
    ]);
    const d = out.diagnostics[0];
    assert.deepEqual(Object.keys(d), ['file', 'code', 'severity', 'message', 'range']);
    assert.equal(d.severity, 'error');
  });

  it('lints only the given files but indexes the whole learn folder', () => {
    const r = quicktakes(['lint', 'content/learn/psychology/what-is-a-synapse.md', '--format', 'json'], ws);
    assert.equal(r.status, 0, 'warnings only');
    const out = JSON.parse(r.stdout);
    assert.equal(out.files, 1);
    assert.deepEqual(
      out.diagnostics.map((x: { code: string }) => x.code),
      ['related-duplicate', 'related-title-mismatch'],
    );
  });

  it('accepts a subject folder and a repository root', () => {
    const sub = JSON.parse(quicktakes(['lint', path.join(ws, 'content/learn/biology'), '--format', 'json']).stdout);
    assert.equal(sub.files, 1);
    const root = JSON.parse(quicktakes(['lint', '.', '--format', 'json'], ws).stdout);
    assert.equal(root.files, 3);
  });

  it('prints text like other linters, with a summary line', () => {
    const r = quicktakes(['lint', 'content/learn'], ws);
    const lines = r.stdout.trim().split('\n');
    assert.equal(
      lines[0],
      'content/learn/biology/what-is-a-cell.md:27:9 error related-unknown-id `related_article1.id` 404 is the id of no article.',
    );
    assert.equal(lines.at(-1), '3 files checked: 4 problems (2 errors, 2 warnings, 0 info).');
  });

  it('prints SARIF 2.1.0 with every rule and 1-based regions', () => {
    const sarif = JSON.parse(quicktakes(['lint', 'content/learn', '--format', 'sarif'], ws).stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ALL_CODES,
    );
    const first = run.results[0];
    assert.equal(first.ruleId, 'related-unknown-id');
    assert.equal(first.level, 'error');
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId);
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 27, startColumn: 9, endLine: 27, endColumn: 12 });
    assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, 'content/learn/biology/what-is-a-cell.md');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${URI.file(fs.realpathSync(ws)).toString()}/`);
  });

  it('question-duplicate in every format: warnings on both questions, SARIF related locations, a severity from the config', () => {
    const same: ArticleSpec = { subjectKey: 'biology', questionKey: 'neurons', id: 20, question: 'What is a NEURON' };
    const dup = writeWorkspace(workspaceOf([A, same, { questionKey: 'unrelated', id: 21 }]));
    const json = JSON.parse(quicktakes(['lint', 'content/learn', '--format', 'json'], dup).stdout);
    assert.deepEqual(
      json.diagnostics.map(
        (d: { file: string; code: string; range: { start: { line: number } } }) => `${d.file}:${d.range.start.line}:${d.code}`,
      ),
      ['content/learn/biology/neurons.md:17:question-duplicate', 'content/learn/psychology/what-is-a-neuron.md:17:question-duplicate'],
    );
    assert.equal(
      json.diagnostics[0].message,
      'The same question (ignoring case, punctuation and spacing) is also the `question` of psychology/what-is-a-neuron.md (id 10).',
    );

    const text = quicktakes(['lint', 'content/learn'], dup);
    assert.equal(text.status, 0, 'warnings only');
    assert.match(text.stdout, /^content\/learn\/biology\/neurons\.md:18:11 warning question-duplicate The same question/m);

    const run = JSON.parse(quicktakes(['lint', 'content/learn', '--format', 'sarif'], dup).stdout).runs[0];
    assert.deepEqual(run.results[0].relatedLocations, [
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'content/learn/psychology/what-is-a-neuron.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 18, startColumn: 11, endLine: 19, endColumn: 22 },
        },
        message: { text: 'The same question, id 10' },
      },
    ]);

    const github = quicktakes(['lint', 'content/learn', '--format', 'github'], dup).stdout;
    assert.match(
      github,
      /^::warning file=content\/learn\/biology\/neurons\.md,line=18,col=11,endLine=19,endColumn=21,title=question-duplicate::/m,
    );

    fs.writeFileSync(path.join(dup, '.quicktakes.jsonc'), '{ "severity": { "question-duplicate": "error" } }');
    const strict = quicktakes(['lint', 'content/learn', '--format', 'json'], dup);
    assert.equal(strict.status, 1, 'an error by the config');
    fs.writeFileSync(path.join(dup, '.quicktakes.jsonc'), '{ "severity": { "question-duplicate": "off" } }');
    assert.deepEqual(JSON.parse(quicktakes(['lint', 'content/learn', '--format', 'json'], dup).stdout).diagnostics, []);
  });

  it('exits 0 on a clean workspace and 2 on bad usage', () => {
    const clean = writeWorkspace(workspaceOf([A]));
    assert.equal(quicktakes(['lint', clean]).status, 0);
    assert.equal(quicktakes(['lint']).status, 2);
    assert.equal(quicktakes(['lint', ws, '--format', 'xml']).status, 2);
    const missing = quicktakes(['lint', '/no/such/dir']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /No such file or folder/);
    assert.equal(quicktakes(['frobnicate']).status, 2);
    assert.equal(quicktakes(['lint', ws, '--bogus']).status, 2);
  });
});

describe('quicktakes lint piped into a reader that stops early', () => {
  it('stops quietly (no EPIPE crash)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" lint sample --format json | head -c 100 >/dev/null`], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0, 'the status of `head`');
  });
});
