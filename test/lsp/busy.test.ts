/**
 * The server answers while it is busy: an article opened while the workspace is
 * being indexed gets the checks of its own text at once (the full set once the
 * index is ready), and completion answers while the suggestion index is built.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient } from '../support/lsp';

/** Enough articles (below the index cache's threshold) that indexing and the suggestion index take a while. */
const WORDS = 'neuron glacier tariff sonnet enzyme orbit parliament bacteria sculpture inflation volcano synapse'.split(' ');
const MANY: ArticleSpec[] = Array.from({ length: 1800 }, (_, i) => ({
  subjectKey: `subject-${i % 12}`,
  questionKey: `what-is-${WORDS[i % WORDS.length]}-number-${i}`,
  id: 1000 + i,
  answer: `A ${WORDS[i % WORDS.length]} and a ${WORDS[(i * 7) % WORDS.length]} are studied in course ${i % 40}.`,
}));
const HOST: ArticleSpec = { subjectKey: 'subject-0', questionKey: 'what-links-here', id: 5, related: [linkTo(MANY[0])] };
/** An own-file defect (its url names another folder) and two only the index shows (a related id no article has, its url another's). */
const DEFECTIVE: ArticleSpec = {
  ...HOST,
  url: '/learn/elsewhere/questions/what-links-here',
  related: [{ ...linkTo(MANY[1]), id: 999999 }],
};
const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code).sort();
const isReady = (c: TestClient) => c.statuses.some((s) => s.state === 'ready');

describe('language server while busy', () => {
  const ws = writeWorkspace(workspaceOf([...MANY, HOST]));
  const file = path.join(ws, 'content/learn/subject-0/what-links-here.md');
  let client: TestClient;

  before(() => (client = new TestClient()));
  after(() => client.stop());

  it('publishes an open article’s own-file checks while indexing, and every check once the index is ready', async () => {
    await client.initialize(ws);
    const uri = await client.open(file, articleText(DEFECTIVE));
    let readyAtFirst: boolean | undefined;
    const first = await client.diagnosticsOf(uri, (d) => {
      readyAtFirst ??= isReady(client);
      return d.length > 0;
    });
    assert.equal(readyAtFirst, false, 'published before the index was ready');
    assert.deepEqual(codes(first), ['url-mismatch'], 'only the checks of its own text');
    await client.ready();
    const full = await client.diagnosticsOf(uri, (d) => d.length > 2);
    assert.deepEqual(codes(full), ['related-id-url-mismatch', 'related-unknown-id', 'url-mismatch']);
    await client.close(uri);
  });

  it('answers completion while the suggestion index is being built', async () => {
    const uri = await client.open(file, articleText(HOST));
    const at = { line: 2, character: 0 };
    await client.codeActions(uri, { start: at, end: at }, []); // starts the suggestion index
    const built = () =>
      client.notifications.some(
        (n) => n.method === 'window/logMessage' && /suggestion index of \d+ articles built/.test((n.params as { message: string }).message),
      );
    const slot = articleText(HOST)
      .split('\n')
      .findIndex((l) => /^ {4}id: /.test(l));
    const list = await client.completion(uri, { line: slot, character: 9 });
    const items = Array.isArray(list) ? list : (list?.items ?? []);
    assert.equal(built(), false, 'answered before the suggestion index was built');
    assert.ok(items.length > 0, 'related articles offered');
    await client.until(built, 'the suggestion index', 60_000);
  });
});
