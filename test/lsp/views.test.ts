/**
 * The data of the editor's live views over LSP while files change: an
 * article's Linked From and Links, the corpus lists and the problems by code,
 * and the `quicktakes/corpusChanged` notification that tells the client to ask
 * again (one per burst of changes, a `git checkout` included). After each
 * change the live answers equal those of a fresh index of the files on disk.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeConfigurationNotification, FileChangeType, type FileEvent } from 'vscode-languageserver-protocol/node';
import { Project } from '../../server/src/core/corpus/project';
import { atOnce } from '../../server/src/core/loading/slices';
import { loadCorpusSync } from '../../server/src/core/loading/workspace';
import { linkedFromNowhereSteps, withoutRelatedSteps } from '../../server/src/core/views/lists';
import { ProblemTally } from '../../server/src/core/views/problems';
import { defaultSiteFilePaths, SiteFiles } from '../../server/src/core/site/siteFiles';
import {
  ARTICLE_LINKS_REQUEST,
  CORPUS_CHANGED_NOTIFICATION,
  CORPUS_LIST_LIMIT,
  CORPUS_LIST_REQUEST,
  PROBLEM_CODES_REQUEST,
  type CorpusListParams,
} from '../../server/src/protocol';
import { articleText, linkTo, type ArticleSpec } from '../support/fixtures';
import { TestClient, uriOf } from '../support/lsp';
import { git, sampleCopy } from '../support/sampleCopy';

const BERNOULLI = 'content/learn/physics/what-is-bernoullis-principle-in-fluid-dynamics.md';
const BERNOULLI_SPEC: ArticleSpec = {
  subjectKey: 'physics',
  questionKey: 'what-is-bernoullis-principle-in-fluid-dynamics',
  id: 85144,
  title: 'What is Bernoulli’s Principle in fluid dynamics?',
};
const NEW: ArticleSpec = {
  subjectKey: 'physics',
  questionKey: 'how-do-live-views-follow-files',
  id: 990101,
  related: [linkTo(BERNOULLI_SPEC)],
};
const NEW_FILE = 'content/learn/physics/how-do-live-views-follow-files.md';
const ALL = 100_000;

describe('the live views over LSP', () => {
  const ws = fs.realpathSync(sampleCopy({ repo: true }));
  const abs = (r: string) => path.join(ws, r);
  const event = (r: string, type: FileChangeType): FileEvent => ({ uri: uriOf(abs(r)), type });
  let client: TestClient;

  const changes = () => client.notifications.filter((n) => n.method === CORPUS_CHANGED_NOTIFICATION.method).length;
  /** Resolves once a `quicktakes/corpusChanged` arrives after the `before`-th one. */
  const changedAfter = (seen: number) => client.until(() => changes() > seen, 'quicktakes/corpusChanged');
  const links = (r: string) => client.connection.sendRequest(ARTICLE_LINKS_REQUEST, { uri: uriOf(abs(r)) });
  const list = async (params: CorpusListParams) => {
    const found = await client.connection.sendRequest(CORPUS_LIST_REQUEST, { limit: ALL, ...params });
    assert.ok(found && !found.indexing);
    return found;
  };

  /** What the views show now. */
  async function live() {
    const codes = await client.connection.sendRequest(PROBLEM_CODES_REQUEST, {});
    assert.ok(codes && !codes.indexing);
    return {
      nowhere: (await list({ list: 'linkedFromNowhere' })).articles.map((a) => a.uri),
      without: (await list({ list: 'withoutRelated' })).articles.map((a) => a.uri),
      codes: codes.codes.map((c) => [c.code, c.count, c.articles]),
    };
  }

  /** What a fresh index of the files on disk says. */
  async function fresh() {
    const corpus = loadCorpusSync(abs('content/learn'));
    // the sample's redirect table decides how its moved links are judged
    corpus.site = SiteFiles.read(defaultSiteFilePaths(corpus.learnRoot));
    const project = new Project();
    project.addCorpus(corpus);
    const tally = new ProblemTally();
    await tally.refresh(
      () => [...corpus.articles()].map((a) => a.path),
      (p) => project.diagnostics(p),
    );
    return {
      nowhere: atOnce(linkedFromNowhereSteps([corpus])).map((a) => uriOf(a.path)),
      without: atOnce(withoutRelatedSteps([corpus])).map((a) => uriOf(a.path)),
      codes: tally.codes().map((c) => [c.code, c.count, c.articles]),
    };
  }

  async function assertFresh(what: string): Promise<void> {
    assert.deepEqual(await live(), await fresh(), what);
  }

  before(async () => {
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    await changedAfter(0); // the index is built
  });
  after(() => client.stop());

  it('answers the views of an article: who links to it, and its related slots with their status', async () => {
    const bernoulli = await links(BERNOULLI);
    assert.ok(bernoulli && !bernoulli.indexing);
    assert.equal(bernoulli.title, BERNOULLI_SPEC.title);
    assert.deepEqual(
      bernoulli.linkedFrom.map((l) => [path.relative(ws, new URL(l.uri).pathname), l.n, l.subject]),
      [
        ['content/learn/chemistry/can-you-provide-examples-of-specific-gravity-for-different-fluids.md', 1, 'chemistry'],
        ['content/learn/engineering/what-are-some-common-applications-of-pascals-principle.md', 3, 'engineering'],
      ],
    );
    assert.ok(bernoulli.links.length > 0);
    for (const slot of bernoulli.links) assert.ok(slot.target || slot.problems.length > 0, JSON.stringify(slot));
    assert.equal(await links('content/learn/physics/no-such-article.md'), null);
    await assertFresh('at start');
  });

  it('caps a list, and says how long it is', async () => {
    const all = await list({ list: 'linkedFromNowhere' });
    const first = await list({ list: 'linkedFromNowhere', limit: 2 });
    assert.ok(all.total > 2);
    assert.equal(first.total, all.total);
    assert.deepEqual(first.articles, all.articles.slice(0, 2));
  });

  it('answers bad parameters with an error, and a limit that is no number with the default', async () => {
    const send = (params: unknown) => client.connection.sendRequest(CORPUS_LIST_REQUEST, params as CorpusListParams);
    await assert.rejects(send({ list: 'nothing' }), /`nothing` is not a corpus list/);
    await assert.rejects(send({ list: 'problem', code: 'no-such-code' }), /`no-such-code` is not a diagnostic code/);
    const found = await send({ list: 'withoutRelated', limit: 'all' });
    assert.equal(found?.articles.length, Math.min(found!.total, CORPUS_LIST_LIMIT));
  });

  it('follows a file created, edited and deleted, one notification each', async () => {
    let seen = changes();
    fs.writeFileSync(abs(NEW_FILE), articleText(NEW));
    await client.filesChanged([event(NEW_FILE, FileChangeType.Created)]);
    await changedAfter(seen);
    const newUri = uriOf(abs(NEW_FILE));
    assert.ok((await links(BERNOULLI))!.linkedFrom.some((l) => l.uri === newUri));
    assert.ok((await list({ list: 'linkedFromNowhere' })).articles.some((a) => a.uri === newUri));
    await assertFresh('created');

    seen = changes();
    fs.writeFileSync(abs(NEW_FILE), articleText({ ...NEW, related: [] }));
    await client.filesChanged([event(NEW_FILE, FileChangeType.Changed)]);
    await changedAfter(seen);
    assert.ok(!(await links(BERNOULLI))!.linkedFrom.some((l) => l.uri === newUri));
    assert.ok((await list({ list: 'withoutRelated' })).articles.some((a) => a.uri === newUri));
    await assertFresh('edited');

    seen = changes();
    fs.rmSync(abs(NEW_FILE));
    await client.filesChanged([event(NEW_FILE, FileChangeType.Deleted)]);
    await changedAfter(seen);
    assert.ok(!(await list({ list: 'withoutRelated' })).articles.some((a) => a.uri === newUri));
    await assertFresh('deleted');
  });

  it('follows an open article as it is typed, slot status and problems by code included', async () => {
    const text = fs.readFileSync(abs(BERNOULLI), 'utf8');
    const pascal = 'url: /learn/engineering/questions/what-are-some-common-applications-of-pascals-principle';
    const broken = '/learn/physics/questions/a-question-nobody-asked';
    const before = await live();
    let seen = changes();
    const uri = await client.open(abs(BERNOULLI), text);
    await client.change(uri, text.replace(pascal, `url: ${broken}`));
    await changedAfter(seen);

    const slot = (await links(BERNOULLI))!.links.find((s) => s.url === broken);
    assert.deepEqual(
      slot?.problems.map((p) => p.code),
      ['related-broken-url'],
    );
    const count = (codes: (string | number)[][]) => Number(codes.find(([c]) => c === 'related-broken-url')?.[1] ?? 0);
    assert.equal(count((await live()).codes), count(before.codes) + 1);
    const listed = await list({ list: 'problem', code: 'related-broken-url' });
    const mine = listed.articles.find((a) => a.uri === uri);
    // as the editor's diagnostics of the article say: how many, and where the first is
    const line = text.split('\n').findIndex((l) => l.endsWith(pascal));
    const published = await client.diagnosticsOf(uri, (ds) => ds.some((d) => d.range.start.line === line));
    const brokenUrls = published.filter((d) => d.code === 'related-broken-url');
    assert.equal(mine?.count, brokenUrls.length);
    assert.deepEqual(mine?.range, brokenUrls[0].range);

    seen = changes();
    await client.close(uri);
    await changedAfter(seen);
    await assertFresh('closed');
  });

  it('follows a git checkout that switches hundreds of files, with one notification', async () => {
    const branch = git(ws, 'rev-parse', '--abbrev-ref', 'HEAD').trim();
    git(ws, 'checkout', '-q', '-b', 'other');
    fs.rmSync(abs('content/learn/physics'), { recursive: true });
    const spec = (i: number): ArticleSpec => ({ subjectKey: 'views-test', questionKey: `which-view-is-number-${i}`, id: 990200 + i });
    for (let i = 0; i < 300; i++) {
      // a chain of links, every tenth one broken
      const next = i % 10 === 0 ? { ...linkTo(spec(i + 1)), url: '/learn/views-test/questions/gone' } : linkTo(spec(i + 1));
      const file = abs(`content/learn/views-test/which-view-is-number-${i}.md`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, articleText({ ...spec(i), related: i % 7 === 0 ? [] : [next] }));
    }
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'other');
    git(ws, 'checkout', '-q', branch);
    let seen = changes();
    await client.filesChanged([event('content/learn', FileChangeType.Changed)]);
    await changedAfter(seen);
    await assertFresh(`back on ${branch}`);

    const switched = git(ws, 'diff', '--no-renames', '--name-status', branch, 'other').trim().split('\n');
    git(ws, 'checkout', '-q', 'other');
    const events = switched.map((line) => {
      const [status, file] = line.split('\t');
      return event(file, status === 'D' ? FileChangeType.Deleted : status === 'A' ? FileChangeType.Created : FileChangeType.Changed);
    });
    assert.ok(events.length > 300, `${events.length} files switched`);
    seen = changes();
    // as a file watcher delivers them: in batches
    for (let k = 0; k < events.length; k += 50) await client.filesChanged(events.slice(k, k + 50));
    await changedAfter(seen);
    await assertFresh('after the checkout');
    assert.equal(changes(), seen + 1, 'one notification for the whole checkout');
    assert.equal(await links(BERNOULLI), null, 'the physics folder is gone');
  });

  it('counts problems with the severity settings in force, once they change', async () => {
    const codes = async () => (await client.connection.sendRequest(PROBLEM_CODES_REQUEST, {}))!.codes.map((c) => c.code);
    assert.ok((await codes()).includes('related-duplicate'));
    const seen = changes();
    client.settings = { ...client.settings, severity: { 'related-duplicate': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await changedAfter(seen);
    assert.ok(!(await codes()).includes('related-duplicate'));
  });
});
