import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { SIMILAR_QUESTIONS_REQUEST } from '../../server/src/protocol';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient } from '../support/lsp';
import { ALL, ASKED } from '../support/similarFixtures';
import { pathToUri } from '../../server/src/uri';

describe('quicktakes/similarQuestions', () => {
  const ws = writeWorkspace(workspaceOf(ALL));
  const learnRootUri = pathToUri(path.join(ws, 'content/learn'));
  let client: TestClient;

  before(async () => {
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('answers the articles asking a question, best first, with their uri, id, title, url, subject and score', async () => {
    const found = await client.connection.sendRequest(SIMILAR_QUESTIONS_REQUEST, { question: ASKED, learnRootUri });
    assert.deepEqual(
      found.map((s) => s.id),
      [1, 2],
    );
    assert.deepEqual(found[0], {
      uri: pathToUri(path.join(ws, 'content/learn/biology/how-do-plants-produce-food-from-sunlight.md')),
      id: 1,
      title: 'How do plants produce food from sunlight?',
      url: '/learn/biology/questions/how-do-plants-produce-food-from-sunlight',
      subject: 'Biology',
      score: found[0].score,
    });
    assert.ok(found[0].score > 0 && found[0].score <= 1);
    const one = await client.connection.sendRequest(SIMILAR_QUESTIONS_REQUEST, { question: ASKED, limit: 1 });
    assert.deepEqual(
      one.map((s) => s.id),
      [1],
    );
  });

  it('follows the files: an article written meanwhile is found by the next request', async () => {
    const cats: ArticleSpec = { subjectKey: 'biology', questionKey: 'why-do-cats-purr', id: 50, answer: 'Cats purr when content.' };
    assert.deepEqual(await client.connection.sendRequest(SIMILAR_QUESTIONS_REQUEST, { question: 'Why do cats purr?' }), []);
    const file = path.join(ws, 'content/learn/biology/why-do-cats-purr.md');
    fs.writeFileSync(file, articleText(cats));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToUri(file), type: FileChangeType.Created }],
    });
    // the change is applied in the background: ask again until it is (a generous limit for a loaded machine)
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = await client.connection.sendRequest(SIMILAR_QUESTIONS_REQUEST, { question: 'Why do cats purr?' });
      if (found[0]?.id === 50) break;
      assert.ok(Date.now() < deadline, `the new article was not found: ${JSON.stringify(found)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
