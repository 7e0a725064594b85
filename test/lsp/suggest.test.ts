import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ApplyWorkspaceEditRequest,
  ExecuteCommandRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { articleText, linkTo, workspaceOf, writeWorkspace } from '../support/fixtures';
import { MYELIN, NEURON, OTHERS, SIGNALS, SYNAPSE } from '../support/suggestFixtures';
import { applyTextEdits, TestClient } from '../support/lsp';

const WITH_ONE = { ...NEURON, related: [linkTo(MYELIN)] };

describe('Suggest Related Articles (code action and command)', () => {
  const ws = writeWorkspace(workspaceOf([WITH_ONE, SIGNALS, SYNAPSE, MYELIN, ...OTHERS]));
  const file = path.join(ws, 'content/learn/psychology/what-is-a-neuron.md');
  const text = articleText(WITH_ONE);
  let client: TestClient;
  const applied: ApplyWorkspaceEditParams[] = [];

  before(async () => {
    client = new TestClient();
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      applied.push(params);
      return { applied: true };
    });
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('offers the action for an article with empty slots, and running it fills them with the best suggestions', async () => {
    const uri = await client.open(file, text);
    const at = { line: 2, character: 0 };
    const actions = (await client.codeActions(uri, { start: at, end: at }, [])) as CodeAction[];
    const action = actions.find((a) => a.kind === 'refactor.quicktakes.suggestRelated');
    assert.ok(action?.command, JSON.stringify(actions));
    assert.equal(action.title, 'Suggest related articles (fill 4 empty related slots)');

    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: action.command.command,
      arguments: action.command.arguments,
    })) as { filled: { n: number; id: number }[] };
    assert.deepEqual(
      result.filled.map((f) => f.n),
      [2, 3],
    );
    assert.deepEqual(result.filled.map((f) => f.id).sort(), [11, 12], 'not the article itself, nor myelin (already linked)');

    const edit = applied.at(-1)!.edit.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.uri, uri);
    assert.equal(edit.textDocument.version, 1, 'applied only to the version it was computed for');
    const after = applyTextEdits(text, edit.edits as never);
    assert.match(
      after,
      /related_article2:\n {4}id: 1[12]\n {4}title: >-\n {8}\S.*\?\n {4}subject: Psychology\n {4}url: \/learn\/psychology\/questions\//,
    );
    assert.ok(after.startsWith(text.slice(0, text.indexOf('---', 4))), 'nothing before the new slots changed');
  });

  it('offers nothing when all five slots are used', async () => {
    const full = articleText({
      ...NEURON,
      related: [linkTo(SIGNALS), linkTo(SYNAPSE), linkTo(MYELIN), linkTo(OTHERS[0]), linkTo(OTHERS[1])],
    });
    const uri = await client.open(file, full);
    await client.change(uri, full);
    const at = { line: 2, character: 0 };
    const actions = (await client.codeActions(uri, { start: at, end: at }, [])) as CodeAction[];
    assert.ok(!actions.some((a) => a.kind === 'refactor.quicktakes.suggestRelated'));
  });
});
