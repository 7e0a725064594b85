/**
 * The language server and the site's routes: the redirect table and subject
 * list beside `content/` read at start and watched, the table's own
 * diagnostics and quick fixes when it is open (and in Lint Workspace), an edit
 * of the table re-checking the articles whose links it serves without a
 * re-index, a broken table reported on itself while the rules of a site
 * without one apply, and subjects published hidden in hover and New Question.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LINT_WORKSPACE_REQUEST, NEW_QUESTION_INFO_REQUEST } from '../../server/src/protocol';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { applyTextEdits, TestClient, uriOf } from '../support/lsp';
import { subjectsText, tableText } from '../support/siteFiles';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
/** Moved from psychology; the table serves its old address. */
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
/** Moved from psychology without a redirect entry. */
const ATOM: ArticleSpec = { subjectKey: 'chemistry', questionKey: 'what-is-an-atom', id: 13 };
const oldUrl = (spec: ArticleSpec) => `/learn/psychology/questions/${spec.questionKey}`;
const IONS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  related: [linkTo(NEURON), { ...linkTo(CELL), url: oldUrl(CELL) }, { ...linkTo(ATOM), url: oldUrl(ATOM) }],
};

const TABLE = tableText([
  ['psychology', 'what-is-a-cell', 'biology'],
  ['psychology', 'what-is-a-cell', 'biology'],
  ['physics', 'what-is-a-neuron', 'biology'],
]);

const urlCodes = (ds: Diagnostic[]) =>
  ds.filter((d) => String(d.code).endsWith('-url')).map((d) => `${(d.data as { slot: number }).slot} ${d.code}`);

describe('language server: the site routes', () => {
  let ws: string;
  let client: TestClient;
  let tableFile: string;
  let tableUri: string;
  let ionsUri: string;

  before(async () => {
    ws = writeWorkspace({
      ...workspaceOf([NEURON, CELL, ATOM, IONS]),
      'constant/mappingQuestions.contant.js': TABLE,
      'constant/topQuestions.contant.js': subjectsText(['psychology', 'biology']),
    });
    tableFile = path.join(ws, 'constant/mappingQuestions.contant.js');
    tableUri = uriOf(tableFile);
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    ionsUri = await client.open(path.join(ws, 'content/learn/psychology/how-do-ions-work.md'), articleText(IONS));
  });
  after(() => client.stop());

  it('asks the client to watch the site files', async () => {
    const globs = await client.until(() => {
      const r = client.registrations.find((x) => x.method === 'workspace/didChangeWatchedFiles');
      return r && (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    }, 'the watchers');
    assert.ok(globs.includes('**/mappingQuestions.contant.js') && globs.includes('**/topQuestions.contant.js'), globs.join(' '));
  });

  it('judges related links by the table: moved where an entry serves the address, else a 404 with the fix to where it is now', async () => {
    const ds = await client.diagnosticsOf(ionsUri, (d) => urlCodes(d).length === 2);
    assert.deepEqual(urlCodes(ds), ['2 related-moved-url', '3 related-broken-url']);
    const broken = ds.find((d) => d.code === 'related-broken-url')!;
    assert.match(broken.message, /moved to chemistry\/what-is-an-atom\.md, and no redirect entry serves its old address/);
    const actions = (await client.codeActions(ionsUri, broken.range, [broken], ['quickfix'])) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith('Set related_article3.url'))!;
    assert.equal(fix.title, 'Set related_article3.url to /learn/chemistry/questions/what-is-an-atom (where the article is now)');
  });

  it('publishes the table file’s diagnostics when it is open, with quick fixes', async () => {
    await client.open(tableFile, TABLE, tableUri);
    const ds = await client.diagnosticsOf(tableUri, (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line]),
      [
        ['redirect-duplicate', 6],
        ['redirect-target-missing', 14],
      ],
    );
    const actions = (await client.codeActions(tableUri, ds[0].range, [ds[0]], ['quickfix'])) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Remove this repeated redirect entry', true]],
    );
    const fixed = applyTextEdits(TABLE, actions[0].edit!.changes![tableUri]);
    assert.equal(
      fixed,
      tableText([
        ['psychology', 'what-is-a-cell', 'biology'],
        ['physics', 'what-is-a-neuron', 'biology'],
      ]),
    );
    const [move] = (await client.codeActions(tableUri, ds[1].range, [ds[1]], ['quickfix'])) as CodeAction[];
    assert.equal(move.title, 'Set current to psychology (where what-is-a-neuron.md is)');
    // other features leave the table alone
    assert.equal(await client.hover(tableUri, ds[1].range.start), null);
    assert.deepEqual((await client.completion(tableUri, ds[1].range.start)) ?? [], []);
    assert.deepEqual((await client.documentSymbols(tableUri)) ?? [], []);
    assert.deepEqual((await client.codeLens(tableUri)) ?? [], []);
    assert.deepEqual((await client.documentLinks(tableUri)) ?? [], []);
    assert.equal(await client.definition(tableUri, ds[1].range.start), null);
  });

  it('an edit of the table re-checks the articles linking to the addresses it changes, without indexing again', async () => {
    const indexings = client.statuses.filter((s) => s.state === 'indexing').length;
    const withAtom = tableText([
      ['psychology', 'what-is-a-cell', 'biology'],
      ['physics', 'what-is-a-neuron', 'biology'],
      ['psychology', 'what-is-an-atom', 'chemistry'],
    ]);
    await client.change(tableUri, withAtom);
    const ds = await client.diagnosticsOf(
      ionsUri,
      (d) => urlCodes(d).join() === '2 related-moved-url,3 related-moved-url',
      'the atom link served',
    );
    assert.match(ds[ds.length - 1].message, /a redirect entry serves it/);
    const table = await client.diagnosticsOf(tableUri, (d) => d.length === 1);
    assert.equal(table[0].code, 'redirect-target-missing');
    assert.equal(client.statuses.filter((s) => s.state === 'indexing').length, indexings, 'no re-index');
  });

  it('a table that does not parse: a diagnostic on it, and the rules of a site without a table', async () => {
    await client.change(tableUri, 'export const MAPPING_PREVIOUS_QUESTIONS = [\n  {\n');
    const [problem] = await client.diagnosticsOf(tableUri, (d) => d[0]?.code === 'site-file-invalid');
    assert.match(problem.message, /^Not a JavaScript module: .*: the checks follow the rules of a site without a redirect table\.$/);
    const ds = await client.diagnosticsOf(
      ionsUri,
      (d) => urlCodes(d).join() === '2 related-moved-url,3 related-moved-url' && !d.some((x) => /redirect/.test(x.message)),
      'the rules without a table',
    );
    assert.match(ds.find((d) => (d.data as { slot: number }).slot === 3)!.message, /has no file at that path; the article is at chemistry/);
  });

  it('closed, the table is read from disk again; a change on disk re-checks referrers', async () => {
    await client.close(tableUri);
    await client.diagnosticsOf(
      ionsUri,
      (d) => urlCodes(d).join() === '2 related-moved-url,3 related-broken-url',
      'the table on disk again',
    );
    fs.writeFileSync(tableFile, tableText([['psychology', 'what-is-an-atom', 'chemistry']]));
    await client.filesChanged([{ uri: tableUri, type: FileChangeType.Changed }]);
    await client.diagnosticsOf(ionsUri, (d) => urlCodes(d).join() === '2 related-broken-url,3 related-moved-url', 'the new table on disk');
  });

  it('Lint Workspace lists the table file’s problems too', async () => {
    fs.writeFileSync(tableFile, TABLE);
    await client.filesChanged([{ uri: tableUri, type: FileChangeType.Changed }]);
    const r = (await client.connection.sendRequest(LINT_WORKSPACE_REQUEST, {}))!;
    assert.equal(r.files, 4);
    const table = r.problems.find((p) => p.uri === tableUri);
    assert.deepEqual(
      table?.diagnostics.map((d) => d.code),
      ['redirect-duplicate', 'redirect-target-missing'],
    );
  });

  it('deleting the article an entry serves flags the entry, and links through it are 404s', async () => {
    await client.open(tableFile, TABLE, tableUri);
    await client.diagnosticsOf(tableUri, (d) => d.length === 2);
    const cell = path.join(ws, 'content/learn/biology/what-is-a-cell.md');
    fs.rmSync(cell);
    await client.filesChanged([{ uri: uriOf(cell), type: FileChangeType.Deleted }]);
    const ds = await client.diagnosticsOf(tableUri, (d) => d.length === 4, 'the entries of the deleted article');
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line]),
      [
        ['redirect-target-missing', 4],
        ['redirect-duplicate', 6],
        ['redirect-target-missing', 9],
        ['redirect-target-missing', 14],
      ],
    );
    await client.diagnosticsOf(ionsUri, (d) => urlCodes(d).join() === '2 related-broken-url,3 related-broken-url', 'the link to a 404');
    fs.writeFileSync(cell, articleText(CELL));
    await client.filesChanged([{ uri: uriOf(cell), type: FileChangeType.Created }]);
    await client.diagnosticsOf(tableUri, (d) => d.length === 2, 'the article back');
    await client.close(tableUri);
  });

  it('the hover on `subject` and New Question say when a subject is published hidden', async () => {
    const atomText = articleText(ATOM);
    const atomUri = await client.open(path.join(ws, 'content/learn/chemistry/what-is-an-atom.md'), atomText);
    const line = atomText.split('\n').findIndex((l) => l.startsWith('subject: '));
    const hover = await client.hover(atomUri, { line, character: 12 });
    assert.match(
      (hover!.contents as { value: string }).value,
      /`chemistry` is not in the site's subject list .* published hidden \(noindex\)/,
    );
    const cellText = articleText(CELL);
    const cellUri = await client.open(path.join(ws, 'content/learn/biology/what-is-a-cell.md'), cellText);
    const listed = await client.hover(cellUri, { line, character: 12 });
    assert.match((listed!.contents as { value: string }).value, /`biology` is in the site's subject list/);
    const info = await client.connection.sendRequest(NEW_QUESTION_INFO_REQUEST, {});
    assert.deepEqual(
      info.learnRoots[0].subjects.map((s) => [s.key, s.hidden]),
      [
        ['biology', false],
        ['chemistry', true],
        ['psychology', false],
      ],
    );
  });
});
