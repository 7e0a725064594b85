/**
 * The server started in the test's process (startServer over in-memory streams):
 * the same LSP messages as over stdio, and a look at what the instance holds, so
 * a re-index and a shutdown can be shown to let every cache go.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DidChangeConfigurationNotification, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { SEARCH_INDEX } from '../../server/src/core/authoring/search';
import { listArticles } from '../../server/src/core/loading/workspace';
import { COMPLETION_RELEVANCE } from '../../server/src/features/completion';
import { readySuggestionIndex } from '../../server/src/features/suggest';
import { sampleFiles, writeWorkspace } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/corpus';
import { InProcessClient } from '../support/inProcess';

const SAMPLE_COUNT = listArticles(path.join(PROJECT_ROOT, 'sample/content/learn')).length;
/** An article with free related slots (so its code actions start the suggestion index). */
const ARTICLE = 'content/learn/accounting-and-finance/how-can-small-businesses-effectively-plan-for-cash-flow.md';
function stateCount(client: InProcessClient, state: 'ready' | 'idle'): number {
  return client.statuses.filter((s) => s.state === state).length;
}

describe('the server in process', () => {
  it('indexes a folder, publishes diagnostics, and a re-index lets every cache go', async () => {
    const ws = writeWorkspace(sampleFiles());
    const file = path.join(ws, ARTICLE);
    const text = fs.readFileSync(file, 'utf8');
    const client = new InProcessClient();
    try {
      await client.initialize(ws);
      await client.ready();
      const { project } = client.server;
      assert.equal(project.articleCount, SAMPLE_COUNT);

      // an id another article has: a finding only the index can make
      const otherId = [...project.allCorpora()[0].articles()].find((a) => a.path !== file && a.id !== undefined)!.id!;
      const uri = await client.open(file, text.replace(/^id: \d+$/m, `id: ${otherId}`));
      await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'duplicate-id'), 'the duplicate-id finding');

      // fill the caches: the suggestion index (started by the code action), the search index and the relevance memo (completion)
      const corpus = project.corpusOf(file)!;
      const at = { line: 2, character: 0 };
      await client.codeActions(uri, { start: at, end: at }, []);
      await client.until(() => readySuggestionIndex(corpus), 'the suggestion index');
      const idLine = text.split('\n').findIndex((l) => /^ {4}id: \d+$/.test(l));
      await client.completion(uri, { line: idLine, character: text.split('\n')[idLine].length });
      assert.deepEqual(corpus.caches.names().sort(), ['completion relevance', 'search index', 'suggestion index']);
      assert.ok(corpus.caches.peek(COMPLETION_RELEVANCE)!.has(file));
      const suggestions = readySuggestionIndex(corpus)!;
      const search = corpus.caches.peek(SEARCH_INDEX)!;

      // a content glob elsewhere re-indexes (nothing there): the old corpus and all it held are let go
      const glob = client.settings.contentGlob;
      const idleBefore = stateCount(client, 'idle');
      client.settings = { ...client.settings, contentGlob: 'elsewhere/learn/*/*.md' };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await client.until(() => stateCount(client, 'idle') > idleBefore, 'the re-index of an empty workspace');
      assert.equal(corpus.caches.size, 0);
      assert.ok(corpus.caches.isDisposed);
      assert.ok(!project.allCorpora().includes(corpus));
      corpus.delete(file);
      assert.ok(suggestions.has(file), 'the dropped suggestion index no longer follows its corpus');

      // back to the articles: a fresh corpus
      const readyBefore = stateCount(client, 'ready');
      client.settings = { ...client.settings, contentGlob: glob };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await client.until(() => stateCount(client, 'ready') > readyBefore, 'the re-index');

      const fresh = project.corpusOf(file)!;
      assert.notEqual(fresh, corpus);
      assert.equal(project.articleCount, SAMPLE_COUNT);
      assert.equal(readySuggestionIndex(fresh), undefined, 'no suggestion index carried over');
      assert.equal(fresh.caches.peek(COMPLETION_RELEVANCE), undefined, 'no relevance carried over');
      // completion builds the search index again, for the new corpus
      await client.completion(uri, { line: idLine, character: text.split('\n')[idLine].length });
      const rebuilt = fresh.caches.peek(SEARCH_INDEX);
      assert.ok(rebuilt && rebuilt !== search);
      await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'duplicate-id'), 'the finding after the re-index');

      // shutdown disposes the instance: nothing indexed, nothing cached
      await client.connection.sendRequest(ShutdownRequest.type);
      assert.equal(project.articleCount, 0);
      assert.ok(fresh.caches.isDisposed);
      assert.equal(fresh.caches.size, 0);
    } finally {
      await client.stop();
    }
  });
});
