/**
 * `quicktakes lint` and the site's routes: the redirect table beside `content/`
 * (or where the project config says) decides which related links are served
 * and which are 404s, and the table's own problems are reported when the whole
 * learn folder is linted (a site root, `content`, `content/learn`), in every
 * format and in a baseline.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { quicktakes } from '../support/process';
import { lintJson, type JsonDiagnostic } from '../support/sampleCopy';
import { subjectsText, tableText } from '../support/siteFiles';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
const ATOM: ArticleSpec = { subjectKey: 'chemistry', questionKey: 'what-is-an-atom', id: 13 };
const old = (spec: ArticleSpec) => ({ ...linkTo(spec), url: `/learn/psychology/questions/${spec.questionKey}` });
const IONS: ArticleSpec = { questionKey: 'how-do-ions-work', id: 1, related: [linkTo(NEURON), old(CELL), old(ATOM)] };
const TABLE = tableText([
  ['psychology', 'what-is-a-cell', 'biology'],
  ['psychology', 'what-is-a-cell', 'biology'],
]);
const TABLE_FILE = 'constant/mappingQuestions.contant.js';

const site = (files: Record<string, string> = {}) =>
  writeWorkspace({
    ...workspaceOf([NEURON, CELL, ATOM, IONS]),
    [TABLE_FILE]: TABLE,
    'constant/topQuestions.contant.js': subjectsText(['psychology']),
    ...files,
  });
const shown = (ds: JsonDiagnostic[]) => ds.map((d) => `${d.file}:${d.range.start.line} ${d.code}`);
const IONS_FILE = 'content/learn/psychology/how-do-ions-work.md';

describe('quicktakes lint: the site routes', () => {
  it('a site root: links judged by the table, and the table’s own problems, after the articles by path', () => {
    const ws = site();
    const r = lintJson(ws, ['.']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.files, 4, 'articles only');
    assert.deepEqual(shown(r.diagnostics), [
      `${TABLE_FILE}:6 redirect-duplicate`,
      `${IONS_FILE}:36 related-moved-url`,
      `${IONS_FILE}:42 related-broken-url`,
    ]);
    assert.match(r.diagnostics[2].message, /moved to chemistry\/what-is-an-atom\.md, and no redirect entry serves its old address/);
    // the same from the content folder or the learn folder; from one subject, only its articles
    assert.deepEqual(lintJson(ws, ['content']).diagnostics, r.diagnostics);
    assert.deepEqual(lintJson(path.join(ws, 'content'), ['learn']).diagnostics.length, 3);
    assert.deepEqual(shown(lintJson(ws, ['content/learn/psychology']).diagnostics), shown(r.diagnostics).slice(1));
  });

  it('the table file given by name: its problems alone (the articles are indexed, not reported)', () => {
    const ws = site();
    const r = lintJson(ws, [TABLE_FILE]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.files, 0);
    assert.deepEqual(shown(r.diagnostics), [`${TABLE_FILE}:6 redirect-duplicate`]);
    const other = quicktakes(
      ['lint', 'constant/topQuestions.contant.js', 'content/learn/psychology/how-do-ions-work.md', '--format', 'json'],
      ws,
    );
    assert.deepEqual(shown(JSON.parse(other.stdout).diagnostics), [
      `${IONS_FILE}:36 related-moved-url`,
      `${IONS_FILE}:42 related-broken-url`,
    ]);
    fs.writeFileSync(path.join(ws, 'constant/other.js'), '');
    assert.equal(quicktakes(['lint', 'constant/other.js'], ws).status, 2);
  });

  it('prints the table’s problems in the text, SARIF and GitHub formats too', () => {
    const ws = site();
    const text = quicktakes(['lint', '.'], ws);
    assert.match(text.stdout, /^constant\/mappingQuestions\.contant\.js:7:3 warning redirect-duplicate This entry repeats/m);
    const sarif = JSON.parse(quicktakes(['lint', '.', '--format', 'sarif'], ws).stdout);
    const uris = sarif.runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.includes(TABLE_FILE));
    assert.match(
      quicktakes(['lint', '.', '--format', 'github'], ws).stdout,
      /^::warning file=constant\/mappingQuestions\.contant\.js,line=7,col=3,/m,
    );
  });

  it('a baseline records the table’s problems like the articles’', () => {
    const ws = site();
    assert.equal(quicktakes(['lint', '.', '--baseline', 'b.json', '--update-baseline'], ws).status, 0);
    assert.match(
      fs.readFileSync(path.join(ws, 'b.json'), 'utf8'),
      /"file":"constant\/mappingQuestions\.contant\.js","code":"redirect-duplicate"/,
    );
    const r = lintJson(ws, ['.', '--baseline', 'b.json']);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.known, 3);
  });

  it('a table that does not parse: an error on it (exit 1), and the rules of a site without a table', () => {
    const ws = site({ [TABLE_FILE]: 'export const MAPPING_PREVIOUS_QUESTIONS = [\n  {,\n];\n' });
    const r = lintJson(ws, ['.']);
    assert.equal(r.status, 1);
    assert.deepEqual(shown(r.diagnostics), [
      `${TABLE_FILE}:1 site-file-invalid`,
      `${IONS_FILE}:36 related-moved-url`,
      `${IONS_FILE}:42 related-moved-url`,
    ]);
    assert.match(
      r.diagnostics[0].message,
      /^Not a JavaScript module: Unexpected token: the checks follow the rules of a site without a redirect table\.$/,
    );
    assert.match(r.diagnostics[2].message, /has no file at that path; the article is at chemistry\/what-is-an-atom\.md\.$/);
  });

  it('no table: the rules of a site without one, as before', () => {
    const ws = writeWorkspace(workspaceOf([NEURON, CELL, ATOM, IONS]));
    assert.deepEqual(shown(lintJson(ws, ['.']).diagnostics), [`${IONS_FILE}:36 related-moved-url`, `${IONS_FILE}:42 related-moved-url`]);
  });

  it('the project config may name the table elsewhere, and set the new codes’ severity', () => {
    const ws = site({
      [TABLE_FILE]: tableText([]),
      'site/redirects.js': tableText([['psychology', 'what-is-an-atom', 'physics']]),
      '.quicktakes.jsonc': '{ "redirects": "site/redirects.js", "severity": { "redirect-target-missing": "error" } }',
    });
    const r = lintJson(ws, ['.']);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.code} ${d.severity}`),
      [
        `${IONS_FILE}:36 related-broken-url error`,
        `${IONS_FILE}:42 related-moved-url warning`,
        'site/redirects.js:4 redirect-target-missing error',
      ],
    );
  });
});
