/** Server lifecycle: long requests can be cancelled, shutdown/exit is clean. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { LINT_WORKSPACE_REQUEST } from '../../server/src/protocol';
import { articleText, linkTo, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient } from '../support/lsp';

function bigWorkspace(n: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const spec: ArticleSpec = {
      questionKey: `question-${i}`,
      id: i + 1,
      related: [linkTo({ questionKey: `question-${(i + 1) % n}`, id: i + 2 })],
    };
    files[`content/learn/psychology/question-${i}.md`] = articleText(spec);
  }
  return writeWorkspace(files, 'qt-big-');
}

describe('server lifecycle', () => {
  it('cancels a long request and keeps answering', async () => {
    const client = new TestClient();
    try {
      await client.initialize(bigWorkspace(3000));
      await client.ready();
      const full = await client.connection.sendRequest(LINT_WORKSPACE_REQUEST, {});
      assert.ok(full);
      assert.equal(full.files, 3000);
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(LINT_WORKSPACE_REQUEST, {}, source.token);
      source.cancel();
      const outcome = await pending.then(
        (r) => (r === null ? 'cancelled' : `finished ${r.files}`),
        (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `failed ${JSON.stringify(e)}`),
      );
      assert.equal(outcome, 'cancelled');
      const symbols = await client.workspaceSymbols('question 42');
      assert.ok(Array.isArray(symbols) && symbols.length > 0);
    } finally {
      await client.stop();
    }
  });

  it('exits with status 0 after shutdown and exit', async () => {
    const client = new TestClient();
    await client.initialize(writeWorkspace({ 'content/learn/psychology/q.md': articleText({ questionKey: 'q' }) }));
    await client.ready();
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    await client.stop();
    assert.equal(await exited, 0);
  });
});
