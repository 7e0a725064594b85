/**
 * Moving, renaming, retitling and deleting articles over stdio against the real
 * server: `workspace/willRenameFiles` (and `quicktakes/fileMoves`) answer the edit
 * that keeps every link right, warnings come as `window/showMessage`,
 * `workspace/didRenameFiles` updates the index, and the retitle and orphan-slot
 * code actions edit the files that link. With the site's redirect table, a move
 * to another subject writes its entries into the table in the same edit.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DidRenameFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  WillRenameFilesRequest,
  type CodeAction,
  type FileRename,
  type InitializeResult,
  type ShowMessageParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { FILE_MOVES_REQUEST } from '../../server/src/protocol';
import { parseRedirectTable, redirectOf } from '../../server/src/core/site/routes';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import {
  CELL,
  expectedAfter,
  FOLDER,
  IONS,
  MOVE_SPECS as ALL,
  MOVED,
  movedTo,
  NEURON,
  RENAMED,
  RETITLED,
  SIGNALS,
  SYNAPSE,
} from '../support/moveFixtures';
import { applyTextEdits, TestClient, uriOf } from '../support/lsp';
import { tableText } from '../support/siteFiles';

describe('language server over stdio: moving, renaming, retitling and deleting articles', () => {
  let ws: string;
  let client: TestClient;
  let capabilities: InitializeResult['capabilities'];
  const file = (spec: ArticleSpec) => fileIn(ws, spec);
  const willRename = (files: FileRename[]) => client.connection.sendRequest(WillRenameFilesRequest.type, { files });
  const expected = (change: Parameters<typeof expectedAfter>[0]) => expectedIn(ws, change);
  const messages = () =>
    client.notifications.filter((n) => n.method === ShowMessageNotification.method).map((n) => n.params as ShowMessageParams);

  before(async () => {
    ws = writeWorkspace(workspaceOf(ALL));
    client = new TestClient();
    capabilities = ((await client.initialize(ws)) as InitializeResult).capabilities;
    await client.ready();
  });
  after(() => client.stop());

  it('declares willRename and didRename for article files and subject folders, beside workspace folders', () => {
    const filters = [
      { scheme: 'file', pattern: { glob: '**/learn/*/*.md', matches: 'file' } },
      { scheme: 'file', pattern: { glob: '**/learn/*', matches: 'folder' } },
    ];
    assert.deepEqual(capabilities.workspace?.fileOperations, { willRename: { filters }, didRename: { filters } });
    assert.deepEqual(capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  it('a rename in place: own url and file_name, every linking url, and a warning that the old address will 404', async () => {
    const before = messages().length;
    const edit = await willRename([rename(file(NEURON), file(RENAMED))]);
    assert.deepEqual(applied(edit), expected('rename'));
    const shown = await client.until(() => messages().length > before && messages().slice(before), 'the warning');
    assert.equal(shown[0].type, MessageType.Warning);
    assert.match(
      shown[0].message,
      /^QuickTakes: Renaming psychology\/what-is-a-neuron\.md to psychology\/what-is-a-nerve-cell\.md changes its question-key: its old address \/learn\/psychology\/questions\/what-is-a-neuron will be a 404/,
    );
  });

  it('a move to another subject: own url, subject and seo.title, every linking url and subject, nothing else; the redirect entry it needs', async () => {
    const edit = await willRename([rename(file(NEURON), file(MOVED))]);
    assert.deepEqual(applied(edit), expected('move'));

    const plan = await client.connection.sendRequest(FILE_MOVES_REQUEST, { files: [rename(file(NEURON), file(MOVED))] });
    assert.deepEqual(plan.edit, edit);
    assert.deepEqual(plan.files, [uriOf(file(NEURON)), ...[file(SIGNALS), file(IONS)].map(uriOf).sort()]);
    assert.equal(plan.articles, 1);
    assert.deepEqual(plan.redirects, [{ previous: 'psychology', question: 'what-is-a-neuron', current: 'biology' }]);
    // this workspace has no redirect table: the old address is lost, and said so
    assert.deepEqual(
      plan.warnings.map((w) => [w.kind, w.uris]),
      [['no-redirect-table', [uriOf(file(NEURON))]]],
    );
  });

  it('a subject folder move: every article in it and every link to them', async () => {
    const folder = (name: string) => path.join(ws, 'content/learn', name);
    const edit = await willRename([rename(folder(FOLDER.from), folder(FOLDER.to))]);
    assert.deepEqual(applied(edit), expected('folder'));
  });

  it('a move onto a question-key another subject folder has is warned about', async () => {
    const before = messages().length;
    const onto = movedTo(IONS, 'psychology', CELL.questionKey);
    const edit = await willRename([rename(file(IONS), file(onto))]);
    assert.ok(edit?.changes?.[uriOf(file(IONS))], 'the edit is still answered');
    const shown = await client.until(
      () =>
        messages()
          .slice(before)
          .find((m) => /is also/.test(m.message)),
      'the collision warning',
    );
    assert.equal(shown.type, MessageType.Warning);
    assert.match(shown.message, /the question-key `what-is-a-cell` is also biology\/what-is-a-cell\.md's/);
  });

  it('edits an open document from its unsaved text', async () => {
    const unsaved = `---\n# unsaved\n${articleText(IONS).slice(4)}`;
    const uri = await client.open(file(IONS), unsaved);
    await client.diagnosticsOf(uri);
    const edit = await willRename([rename(file(NEURON), file(RENAMED))]);
    const after = applyTextEdits(unsaved, edit!.changes![uri]);
    assert.equal(after, `---\n# unsaved\n${expected('rename').get(file(IONS))!.slice(4)}`);
    await client.close(uri);
  });

  it('the retitle action on `title` updates every related slot linking to the article', async () => {
    const uri = await client.open(file(NEURON), articleText(RETITLED));
    await client.diagnosticsOf(uri);
    const onTitle = { start: { line: 5, character: 6 }, end: { line: 5, character: 6 } }; // in the folded title's text
    const actions = (await client.codeActions(uri, onTitle, [])) as CodeAction[];
    const retitle = actions.find((a) => a.title === 'Update the title in 2 articles that link here');
    assert.ok(retitle?.edit?.changes, actions.map((a) => a.title).join(' | '));
    assert.equal(retitle.kind, 'refactor.rewrite.quicktakes.retitle');
    assert.deepEqual(applied(retitle.edit), expected('retitle'));
    // elsewhere in the file there is no such action
    const elsewhere = (await client.codeActions(
      uri,
      { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      [],
    )) as CodeAction[];
    assert.ok(!elsewhere.some((a) => a.kind === 'refactor.rewrite.quicktakes.retitle'));
    await client.close(uri);
  });

  it('didRenameFiles moves the article in the index at once (no file-watcher event)', async () => {
    const uri = await client.open(file(SIGNALS), articleText(SIGNALS));
    await client.diagnosticsOf(uri, (d) => d.length === 0, 'a clean referrer');
    const moved = movedTo(CELL, 'chemistry');
    fs.mkdirSync(path.dirname(file(moved)), { recursive: true });
    fs.renameSync(file(CELL), file(moved));
    await client.connection.sendNotification(DidRenameFilesNotification.type, { files: [rename(file(CELL), file(moved))] });
    const ds = await client.diagnosticsOf(uri, (d) => d.length > 0, 'the stale url flagged');
    assert.deepEqual(
      ds.map((d) => d.code),
      ['related-moved-url'],
    );
    fs.renameSync(file(moved), file(CELL));
    await client.connection.sendNotification(DidRenameFilesNotification.type, { files: [rename(file(moved), file(CELL))] });
    await client.diagnosticsOf(uri, (d) => d.length === 0, 'clean again');
    await client.close(uri);
  });

  it('deleting an article flags its referrers at once; the slot can be removed or replaced by the best suggestion', async () => {
    const uri = await client.open(file(IONS), articleText(IONS));
    await client.diagnosticsOf(uri, (d) => d.length === 0, 'a clean article');
    fs.rmSync(file(SYNAPSE));
    await client.filesChanged([{ uri: uriOf(file(SYNAPSE)), type: FileChangeType.Deleted }]);
    const ds = await client.diagnosticsOf(uri, (d) => d.length === 2, 'the slot to the deleted article flagged');
    assert.deepEqual(ds.map((d) => d.code).sort(), ['related-broken-url', 'related-unknown-id']);
    const broken = ds.find((d) => d.code === 'related-broken-url')!;
    const slot = { start: ds[0].range.start, end: broken.range.end };
    // the suggestion index is built on first use: the replacement appears once it is ready
    const ready = await waitFor(async () => {
      const found = (await client.codeActions(uri, slot, ds, ['quickfix'])) as CodeAction[];
      return found.some((a) => a.title.startsWith('Replace related_article2 with')) && found;
    }, 'the replacement action');
    // the slot's id and url are two diagnostics with the same fixes: each offered once
    const titles = ready.map((a) => a.title);
    assert.deepEqual(titles.filter((t) => /^(Remove|Replace) related_article2/.test(t)).length, 2, titles.join(' | '));
    const remove = ready.find((a) => a.title === 'Remove related_article2 (it links to no article)');
    assert.ok(remove?.edit?.changes, titles.join(' | '));
    assert.equal(applyTextEdits(articleText(IONS), remove.edit.changes[uri]), articleText({ ...IONS, related: [linkTo(NEURON)] }));
    const replace = ready.find((a) => a.title.startsWith('Replace'))!;
    await client.change(uri, applyTextEdits(articleText(IONS), replace.edit!.changes![uri]));
    await client.diagnosticsOf(uri, (d) => d.length === 0, 'the replaced slot to lead to an article');
  });
});

const SHARED_TABLE_CONFIG = '{ "redirects": "../constant/mappingQuestions.contant.js" }\n';

describe("language server over stdio: moves with the site's redirect table", () => {
  /** An entry unrelated to the moves, and one whose `current` is the folder the synapse article is in. */
  const ENTRIES: [string, string, string][] = [
    ['physics', 'what-is-light', 'chemistry'],
    ['sociology', SYNAPSE.questionKey, 'psychology'],
  ];
  let ws: string;
  let client: TestClient;
  let table: string;
  const file = (spec: ArticleSpec) => fileIn(ws, spec);
  const fileMoves = (files: FileRename[]) => client.connection.sendRequest(FILE_MOVES_REQUEST, { files });
  const expected = (change: Parameters<typeof expectedAfter>[0]) => expectedIn(ws, change);
  const entriesOf = (text: string) => parseRedirectTable(text).table!.entries.map((e) => Object.values(redirectOf(e)));

  before(async () => {
    ws = writeWorkspace({ ...workspaceOf(ALL), 'constant/mappingQuestions.contant.js': tableText(ENTRIES) });
    table = path.join(ws, 'constant/mappingQuestions.contant.js');
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it("a move to another subject appends its entry to the table in the table's format, and touches nothing else", async () => {
    const plan = await fileMoves([rename(file(NEURON), file(MOVED))]);
    assert.deepEqual(plan.warnings, []);
    assert.deepEqual(plan.files, [uriOf(file(NEURON)), ...[file(SIGNALS), file(IONS), table].map(uriOf).sort()]);
    const texts = applied(plan.edit);
    assert.equal(texts.get(table), tableText([...ENTRIES, ['psychology', NEURON.questionKey, 'biology']]));
    // one insertion after the last entry
    const [insert] = plan.edit!.changes![uriOf(table)];
    assert.deepEqual([plan.edit!.changes![uriOf(table)].length, insert.range.start], [1, insert.range.end]);
    texts.delete(table);
    assert.deepEqual(texts, expected('move'));
    // the editor's request answers the same edit
    assert.deepEqual(
      await client.connection.sendRequest(WillRenameFilesRequest.type, { files: [rename(file(NEURON), file(MOVED))] }),
      plan.edit,
    );
  });

  it('a subject folder move: one entry per article, and an entry whose `current` was the folder follows it', async () => {
    const folder = (name: string) => path.join(ws, 'content/learn', name);
    const plan = await fileMoves([rename(folder(FOLDER.from), folder(FOLDER.to))]);
    assert.deepEqual(plan.warnings, []);
    const texts = applied(plan.edit);
    const entries = entriesOf(texts.get(table)!);
    assert.deepEqual(entries.slice(0, 2), [ENTRIES[0], ['sociology', SYNAPSE.questionKey, FOLDER.to]]);
    assert.deepEqual(entries.slice(2).sort(), FOLDER.articles.map((s) => [FOLDER.from, s.questionKey, FOLDER.to]).sort());
    texts.delete(table);
    assert.deepEqual(texts, expected('folder'));
  });

  it('the table as the editor has it: an unsaved entry stays, the new one goes after it', async () => {
    const unsaved = tableText([...ENTRIES, ['biology', 'what-is-unsaved', 'physics']]);
    const uri = await client.open(table, unsaved);
    await client.diagnosticsOf(uri);
    const plan = await fileMoves([rename(file(NEURON), file(MOVED))]);
    assert.equal(
      applied(plan.edit, { [table]: unsaved }).get(table),
      tableText([...ENTRIES, ['biology', 'what-is-unsaved', 'physics'], ['psychology', NEURON.questionKey, 'biology']]),
    );
    await client.close(uri);
  });

  it('learn folders sharing one table: one insertion with the entries of both', async () => {
    // two workspace folders whose configs name the same table
    const root = writeWorkspace({
      ...Object.fromEntries(Object.entries(workspaceOf([NEURON])).map(([p, t]) => [`a/${p}`, t])),
      ...Object.fromEntries(Object.entries(workspaceOf([SYNAPSE])).map(([p, t]) => [`b/${p}`, t])),
      'a/.quicktakes.jsonc': SHARED_TABLE_CONFIG,
      'b/.quicktakes.jsonc': SHARED_TABLE_CONFIG,
      'constant/mappingQuestions.contant.js': tableText(ENTRIES),
    });
    const shared = new TestClient();
    try {
      await shared.initialize([path.join(root, 'a'), path.join(root, 'b')]);
      await shared.ready();
      const plan = await shared.connection.sendRequest(FILE_MOVES_REQUEST, {
        files: [
          rename(fileIn(path.join(root, 'a'), NEURON), fileIn(path.join(root, 'a'), MOVED)),
          rename(fileIn(path.join(root, 'b'), SYNAPSE), fileIn(path.join(root, 'b'), movedTo(SYNAPSE, 'biology'))),
        ],
      });
      assert.deepEqual(plan.warnings, []);
      const sharedTable = path.join(root, 'constant/mappingQuestions.contant.js');
      const inserts = plan.edit?.changes?.[uriOf(sharedTable)]?.filter((e) => e.newText.includes('{'));
      assert.equal(inserts?.length, 1, JSON.stringify(plan.edit));
      assert.deepEqual(
        entriesOf(applied(plan.edit).get(sharedTable)!).sort(),
        [
          ENTRIES[0],
          ['sociology', SYNAPSE.questionKey, 'biology'],
          ['psychology', NEURON.questionKey, 'biology'],
          ['psychology', SYNAPSE.questionKey, 'biology'],
        ].sort(),
      );
    } finally {
      await shared.stop();
    }
  });

  it('a changed question-key still warns that its old address will be a 404, and leaves the table alone', async () => {
    const plan = await fileMoves([rename(file(NEURON), file(movedTo(NEURON, 'biology', RENAMED.questionKey)))]);
    assert.deepEqual(
      plan.warnings.map((w) => w.kind),
      ['question-renamed'],
    );
    assert.deepEqual(plan.redirects, []);
    assert.ok(!plan.files.includes(uriOf(table)), plan.files.join(' '));
  });
});

/** An article's path in the workspace `ws`. */
function fileIn(ws: string, spec: ArticleSpec): string {
  return path.join(ws, 'content/learn', spec.subjectKey ?? 'psychology', `${spec.questionKey}.md`);
}

function rename(from: string, to: string): FileRename {
  return { oldUri: uriOf(from), newUri: uriOf(to) };
}

/** Each file's text after the edit: as in `texts` (an open buffer), else as on disk. */
function applied(edit: WorkspaceEdit | null, texts: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries(edit?.changes ?? {}).map(([uri, edits]) => {
      const p = URI.parse(uri).fsPath;
      return [p, applyTextEdits(texts[p] ?? fs.readFileSync(p, 'utf8'), edits)];
    }),
  );
}

/** Each file a change edits in the workspace `ws`, with its text after the edit. */
function expectedIn(ws: string, change: Parameters<typeof expectedAfter>[0]): Map<string, string> {
  return new Map(expectedAfter(change).map(([spec, text]) => [fileIn(ws, spec), text]));
}

/** Polls `probe` until it gives a truthy value (60 s at most). */
async function waitFor<T>(probe: () => Promise<T | false | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
