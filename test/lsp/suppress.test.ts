/** Suppression comments in the editor: the quick fixes that add one and remove an unused one, over stdio. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { applyTextEdits, TestClient, uriOf } from '../support/lsp';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const IONS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  related: [linkTo(NEURON), { ...linkTo(SYNAPSE), title: 'Drifted title' }],
};

describe('language server over stdio: suppression comments', () => {
  let ws: string;
  let client: TestClient;
  let ionsFile: string;

  before(async () => {
    ws = writeWorkspace(workspaceOf([NEURON, SYNAPSE, IONS]));
    ionsFile = path.join(ws, 'content/learn/psychology/how-do-ions-work.md');
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('"Suppress CODE on this key" inserts the comment above the key, and the problem goes', async () => {
    const text = articleText(IONS);
    const u = await client.open(ionsFile, text, uriOf(ionsFile));
    const [d] = await client.diagnosticsOf(u, (ds) => ds.length === 1);
    assert.equal(d.code, 'related-title-mismatch');
    const actions = (await client.codeActions(u, d.range, [d], ['quickfix'])) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(!titles[0].startsWith('Suppress'), 'the real fix comes first');
    const onKey = actions.find((a) => a.title === 'Suppress related-title-mismatch on this key')!;
    assert.ok(onKey, titles.join(', '));
    assert.ok(!onKey.isPreferred);
    assert.ok(actions.some((a) => a.title === 'Suppress related-title-mismatch in this file'));
    const suppressed = applyTextEdits(text, onKey.edit!.changes![u]);
    assert.ok(
      suppressed.includes('    id: 11\n    # quicktakes-disable-next-line related-title-mismatch\n    title: >-\n        Drifted title'),
      suppressed,
    );
    await client.change(u, suppressed);
    assert.deepEqual(await client.diagnosticsOf(u, (ds) => ds.length === 0), []);
    await client.close(u);
  });

  it('an unused suppression is reported, and its quick fix removes it', async () => {
    const text = articleText(IONS).replace(
      'author: QuickTakes\n',
      'author: QuickTakes\n# quicktakes-disable related-self related-title-mismatch\n',
    );
    const u = await client.open(ionsFile, text, uriOf(ionsFile));
    const [d] = await client.diagnosticsOf(u, (ds) => ds.length === 1 && ds[0].code === 'unused-suppression');
    assert.equal(d.severity, 3); // information
    assert.equal(d.message, 'Unused suppression: no `related-self` problem in this file.');
    const actions = (await client.codeActions(u, d.range, [d], ['quickfix'])) as CodeAction[];
    const remove = actions.find((a) => a.title === 'Remove related-self from the suppression')!;
    assert.ok(remove, actions.map((a) => a.title).join(', '));
    const cleaned = applyTextEdits(text, remove.edit!.changes![u]);
    assert.ok(cleaned.includes('author: QuickTakes\n# quicktakes-disable related-title-mismatch\n'));
    await client.change(u, cleaned);
    assert.deepEqual(await client.diagnosticsOf(u, (ds) => ds.length === 0), []);

    // once nothing is left to silence, the whole comment goes
    const fixed = cleaned.replace('Drifted title', 'What is a synapse?');
    await client.change(u, fixed);
    const [all] = await client.diagnosticsOf(u, (ds) => ds.length === 1 && ds[0].code === 'unused-suppression');
    const [removeAll] = ((await client.codeActions(u, all.range, [all], ['quickfix'])) as CodeAction[]).filter(
      (a) => a.title === 'Remove the unused suppression',
    );
    assert.equal(applyTextEdits(fixed, removeAll.edit!.changes![u]), articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE)] }));
    await client.close(u);
  });
});
