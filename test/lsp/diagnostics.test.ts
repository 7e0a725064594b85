import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient, uriOf } from '../support/lsp';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const IONS: ArticleSpec = { questionKey: 'how-do-ions-work', id: 1, related: [linkTo(NEURON), linkTo(SYNAPSE)] };
const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code);

describe('language server over stdio: diagnostics', () => {
  let ws: string;
  let client: TestClient;
  const file = (spec: ArticleSpec) => path.join(ws, 'content/learn', spec.subjectKey ?? 'psychology', `${spec.questionKey}.md`);

  before(async () => {
    ws = writeWorkspace(workspaceOf([NEURON, SYNAPSE, IONS]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('reports index progress and the article count', () => {
    const ready = client.statuses.find((s) => s.state === 'ready');
    assert.deepEqual(ready, { state: 'ready', articles: 3 });
    assert.ok(
      client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end'),
    );
  });

  it('publishes diagnostics for an open article and updates them as it is edited', async () => {
    const uri = await client.open(file(IONS), articleText(IONS));
    assert.deepEqual(await client.diagnosticsOf(uri), []);
    // a one-character edit: id 10 → 19 in related_article1 (line 26 `    id: 10`)
    await client.change(uri, '9', { start: { line: 26, character: 9 }, end: { line: 26, character: 10 } });
    const ds = await client.diagnosticsOf(uri, (d) => d.length > 0);
    assert.deepEqual(codes(ds), ['related-id-url-mismatch', 'related-unknown-id']);
    assert.deepEqual(ds[0].range, { start: { line: 26, character: 8 }, end: { line: 26, character: 10 } });
    assert.equal(ds[0].source, 'quicktakes');
    await client.change(uri, articleText(IONS));
    assert.deepEqual(await client.diagnosticsOf(uri, (d) => d.length === 0), []);
  });

  it('updates an open article when an article it links to changes (open or on disk)', async () => {
    const ionsUri = uriOf(file(IONS));
    const neuronUri = await client.open(file(NEURON), articleText(NEURON));
    await client.change(neuronUri, articleText({ ...NEURON, title: 'What is a nerve cell?' }));
    const ds = await client.diagnosticsOf(ionsUri, (d) => d.length > 0, 'title drift on the linking article');
    assert.deepEqual(codes(ds), ['related-title-mismatch']);
    await client.close(neuronUri); // back to the file on disk: the title matches again
    await client.diagnosticsOf(ionsUri, (d) => d.length === 0, 'the drift to clear on close');

    fs.writeFileSync(file(SYNAPSE), articleText({ ...SYNAPSE, id: 77 }));
    await client.filesChanged([{ uri: uriOf(file(SYNAPSE)), type: FileChangeType.Changed }]);
    const after = await client.diagnosticsOf(ionsUri, (d) => d.length > 0, 'id change on disk');
    assert.deepEqual(codes(after), ['related-id-url-mismatch', 'related-unknown-id']);
  });

  it('follows files created and deleted on disk', async () => {
    const ionsUri = uriOf(file(IONS));
    fs.rmSync(file(SYNAPSE));
    await client.filesChanged([{ uri: uriOf(file(SYNAPSE)), type: FileChangeType.Deleted }]);
    await client.diagnosticsOf(ionsUri, (d) => codes(d).includes('related-broken-url'), 'broken url after delete');
    fs.writeFileSync(file(SYNAPSE), articleText(SYNAPSE));
    await client.filesChanged([{ uri: uriOf(file(SYNAPSE)), type: FileChangeType.Created }]);
    await client.diagnosticsOf(ionsUri, (d) => d.length === 0, 'clean after re-create');
  });

  it('keeps answering after a garbage document', async () => {
    const uri = await client.open(path.join(ws, 'content/learn/psychology/garbage.md'), '\u0000\u0001---\n: : :\n');
    const ds = await client.diagnosticsOf(uri);
    assert.deepEqual(codes(ds), ['front-matter-missing']);
    await client.change(uri, '---\nid: [\n---\n');
    const again = await client.diagnosticsOf(uri, (d) => codes(d).includes('yaml-syntax'));
    assert.ok(again.length > 0);
  });
});

describe('language server: a workspace without content/learn', () => {
  it('stays quiet', async () => {
    const ws = writeWorkspace({ 'README.md': '# hello\n', 'docs/learn.md': '---\nid: x\n' });
    const client = new TestClient();
    try {
      await client.initialize(ws);
      await client.ready();
      const uri = await client.open(path.join(ws, 'docs/learn.md'), '---\nid: x\n');
      // quiet leaves no event to wait for: diagnostics would go out one 0 ms timer and one turn after the open,
      // which two request round trips after it (handled in order) outlast
      await client.documentSymbols(uri);
      await client.documentSymbols(uri);
      assert.equal([...client.diagnostics.values()].flat().length, 0);
      assert.equal(client.statuses.at(-1)?.state, 'idle');
    } finally {
      await client.stop();
    }
  });

  it('also runs over node IPC', async () => {
    const { fork } = await import('node:child_process');
    const ws = writeWorkspace(workspaceOf([NEURON]));
    const { createProtocolConnection, IPCMessageReader, IPCMessageWriter, InitializeRequest } =
      await import('vscode-languageserver-protocol/node');
    const child = fork(path.resolve(__dirname, '../../dist/server.js'), ['--node-ipc'], { silent: true });
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.listen();
    try {
      const result = await conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: uriOf(ws),
        capabilities: {},
        workspaceFolders: null,
      });
      assert.equal(result.serverInfo?.name, 'quicktakes-language-server');
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});
