import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORPUS_HEALTH_REQUEST } from '../../server/src/protocol';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient, uriOf } from '../support/lsp';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11, related: [linkTo(A), linkTo(A)] };
const C: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12, related: [linkTo(A)] };

describe('quicktakes/corpusHealth', () => {
  const ws = fs.realpathSync(writeWorkspace(workspaceOf([A, B, C])));
  let client: TestClient;

  before(async () => {
    client = new TestClient();
    client.settings = { ...client.settings, severity: { 'related-duplicate': 'info' } };
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('reports on every indexed article, with severity settings and open buffers applied', async () => {
    // the open buffer of the cell article repeats its link: a defect the file on disk does not have
    const cell = path.join(ws, 'content/learn/biology/what-is-a-cell.md');
    await client.open(cell, articleText({ ...C, related: [linkTo(A), linkTo(A)] }));
    await client.diagnosticsOf(uriOf(cell), (d) => d.length === 1);
    const report = await client.connection.sendRequest(CORPUS_HEALTH_REQUEST, {});
    assert.ok(report);
    assert.equal(report.root, ws);
    assert.equal(report.articles, 3);
    assert.deepEqual(report.bySeverity, { error: 0, warning: 0, info: 2, hint: 0 });
    assert.deepEqual(
      report.files.map((f) => [path.relative(ws, f.file), f.other]),
      [
        ['content/learn/biology/what-is-a-cell.md', 1],
        ['content/learn/psychology/what-is-a-synapse.md', 1],
      ],
    );
    assert.equal(report.mostLinked[0].file, path.join(ws, 'content/learn/psychology/what-is-a-neuron.md'));
    assert.equal(report.mostLinked[0].inbound, 2);
  });
});
