/**
 * A warm start from the index cache: the server is ready from the cache without
 * checking every file first, then finds the files changed while no server was
 * running, reads them again and updates the diagnostics that depend on them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheFileOf } from '../../server/src/core/loading/indexCache';
import { toSlash } from '../../server/src/core/site/paths';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient } from '../support/lsp';

/** Enough articles for the server to keep an index cache (it does from 2,000). */
const MANY: ArticleSpec[] = Array.from({ length: 2100 }, (_, i) => ({
  subjectKey: `subject-${i % 12}`,
  questionKey: `what-is-topic-number-${i}`,
  id: 1000 + i,
}));
const A: ArticleSpec = { subjectKey: 'subject-0', questionKey: 'what-is-an-atom', id: 1 };
const B: ArticleSpec = { subjectKey: 'subject-0', questionKey: 'what-is-a-bond', id: 2 };

describe('language server warm start', () => {
  const ws = writeWorkspace(workspaceOf([...MANY, A, B]));
  const learn = path.join(ws, 'content/learn');
  const fileOf = (s: ArticleSpec) => path.join(learn, s.subjectKey!, `${s.questionKey}.md`);
  // a temp folder of its own: the server keeps its index cache in the OS temp folder
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qt-warm-start-'));
  const cacheFile = cacheFileOf(path.join(tmp, 'quicktakes-index-cache'), toSlash(learn));
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  let client: TestClient | undefined;

  after(async () => {
    await client?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reads again the files changed while it was not running, and their referrers’ diagnostics follow', async () => {
    client = new TestClient(undefined, { env });
    await client.initialize(ws);
    await client.ready();
    await client.until(() => fs.existsSync(cacheFile), 'the index cache to be written', 120_000);
    await client.stop();

    // while no server runs: A takes B's id
    fs.writeFileSync(fileOf(A), articleText({ ...A, id: 2 }));

    client = new TestClient(undefined, { env });
    await client.initialize(ws);
    await client.ready();
    assert.ok(
      client.notifications.some(
        (n) => n.method === 'window/logMessage' && /from the index cache/.test((n.params as { message: string }).message),
      ),
      'ready from the cache',
    );
    // B's diagnostics depend on A, which only the check after the start reads again
    const uri = await client.open(fileOf(B), fs.readFileSync(fileOf(B), 'utf8'));
    const diagnostics = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'duplicate-id'));
    assert.match(diagnostics.find((d) => d.code === 'duplicate-id')!.message, /what-is-an-atom/);
  });
});
