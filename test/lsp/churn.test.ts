/**
 * File churn while the server runs: hundreds of creates, edits, renames and
 * deletes, whole folders moved and removed, and a `git checkout` replacing
 * thousands of files. The live index must converge to a fresh index of the
 * final state.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type FileEvent } from 'vscode-languageserver-protocol/node';
import { snapshotLines } from '../../server/src/core/corpus/snapshot';
import { loadCorpusSync } from '../../server/src/core/loading/workspace';
import { INDEX_SNAPSHOT_REQUEST } from '../../server/src/protocol';
import { articleText, linkTo, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient, uriOf } from '../support/lsp';

const SUBJECTS = ['psychology', 'biology', 'chemistry'];

function spec(i: number, variant = 0): ArticleSpec {
  const subjectKey = SUBJECTS[i % SUBJECTS.length];
  const neighbours = [i + 1, i + 7].map((j) => ({
    subjectKey: SUBJECTS[j % SUBJECTS.length],
    questionKey: `question-number-${j}`,
    id: 1000 + j,
  }));
  return {
    subjectKey,
    questionKey: `question-number-${i}`,
    id: 1000 + i + variant,
    title: `Question number ${i}${variant ? ` (v${variant})` : ''}?`,
    related: neighbours.map(linkTo),
  };
}

const rel = (s: ArticleSpec) => `content/learn/${s.subjectKey}/${s.questionKey}.md`;

describe('file churn', () => {
  let ws: string;
  let client: TestClient;
  const abs = (r: string) => path.join(ws, r);
  const write = (s: ArticleSpec) => {
    fs.mkdirSync(path.dirname(abs(rel(s))), { recursive: true });
    fs.writeFileSync(abs(rel(s)), articleText(s));
  };
  const event = (r: string, type: FileChangeType): FileEvent => ({ uri: uriOf(abs(r)), type });

  async function assertConverged(what: string): Promise<void> {
    const fresh = snapshotLines([loadCorpusSync(path.join(ws, 'content/learn'))]);
    // events are handled in order; a request after them sees their result
    const live = await client.connection.sendRequest(INDEX_SNAPSHOT_REQUEST);
    assert.equal(live.articles, fresh.length, `${what}: article count`);
    assert.deepEqual(live.lines, fresh, what);
  }

  before(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[rel(spec(i))] = articleText(spec(i));
    ws = writeWorkspace(files, 'qt-churn-');
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('starts equal to a fresh index', () => assertConverged('initial'));

  it('follows hundreds of creates, edits, renames and deletes', async () => {
    const events: FileEvent[] = [];
    for (let i = 300; i < 450; i++) {
      write(spec(i));
      events.push(event(rel(spec(i)), FileChangeType.Created));
    }
    for (let i = 0; i < 150; i++) {
      write(spec(i, 1));
      events.push(event(rel(spec(i)), FileChangeType.Changed));
    }
    for (let i = 150; i < 220; i++) {
      const from = rel(spec(i));
      const to = from.replace('question-number', 'renamed-question');
      fs.renameSync(abs(from), abs(to));
      events.push(event(from, FileChangeType.Deleted), event(to, FileChangeType.Created));
    }
    for (let i = 220; i < 280; i++) {
      fs.rmSync(abs(rel(spec(i))));
      events.push(event(rel(spec(i)), FileChangeType.Deleted));
    }
    // events arrive in several batches, as a file watcher delivers them
    for (let k = 0; k < events.length; k += 97) await client.filesChanged(events.slice(k, k + 97));
    await assertConverged('after churn');
  });

  it('follows a subject folder moved and another deleted, each reported as one folder event', async () => {
    fs.renameSync(abs('content/learn/chemistry'), abs('content/learn/organic-chemistry'));
    fs.rmSync(abs('content/learn/biology'), { recursive: true });
    await client.filesChanged([
      event('content/learn/chemistry', FileChangeType.Deleted),
      event('content/learn/organic-chemistry', FileChangeType.Created),
      event('content/learn/biology', FileChangeType.Deleted),
    ]);
    await assertConverged('after folder moves');
  });

  it('follows a git checkout that replaces thousands of files', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, stdio: 'pipe', encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'a');
    git('checkout', '-q', '-b', 'other');
    fs.rmSync(abs('content/learn/psychology'), { recursive: true });
    for (let i = 1000; i < 3000; i++) write(spec(i, i % 5));
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'b');
    git('checkout', '-q', 'main');
    await client.filesChanged([event('content/learn', FileChangeType.Changed)]); // settle to main first
    await assertConverged('back on main');

    const changed = git('diff', '--no-renames', '--name-status', 'main', 'other').trim().split('\n');
    git('checkout', '-q', 'other');
    const events = changed.map((line) => {
      const [status, file] = line.split('\t');
      return event(file, status === 'D' ? FileChangeType.Deleted : status === 'A' ? FileChangeType.Created : FileChangeType.Changed);
    });
    assert.ok(events.length > 2000, `${events.length} files changed by the checkout`);
    for (let k = 0; k < events.length; k += 500) await client.filesChanged(events.slice(k, k + 500));
    await assertConverged('after checkout');
    // the server still answers promptly afterwards
    const uri = await client.open(abs(rel(spec(1001, 1001 % 5))), articleText(spec(1001, 1001 % 5)));
    await client.diagnosticsOf(uri);
  });
});
