/**
 * Bad input (test/support/badInputs.ts) through the real server: the same
 * diagnostics as the core gives, and the server keeps answering after each.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Code } from '../../server/src/core/checks/diagnostics';
import { BAD_INPUTS, GOOD, NEURON_KEY, SYNAPSE } from '../support/badInputs';
import { workspaceOf, writeWorkspace } from '../support/fixtures';
import { TestClient } from '../support/lsp';

describe('bad input through the server', () => {
  let client: TestClient;
  let uri: string;

  before(async () => {
    const ws = writeWorkspace(workspaceOf([SYNAPSE]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    uri = await client.open(path.join(ws, `content/learn/psychology/${NEURON_KEY}.md`), GOOD);
    await client.diagnosticsOf(uri);
  });
  after(() => client.stop());

  for (const [name, text, expect] of BAD_INPUTS) {
    it(name, async () => {
      client.diagnostics.delete(uri);
      await client.change(uri, text);
      const ds = await client.diagnosticsOf(uri);
      expect(
        ds.map((d) => d.code as Code),
        ds.map((d) => d.message),
      );
      // still answering requests at the same document
      const hover = await client.hover(uri, { line: 1, character: 1 });
      assert.ok(hover === null || typeof hover === 'object');
    });
  }
});
