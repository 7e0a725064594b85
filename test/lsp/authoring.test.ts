/** The custom requests behind the preview and the authoring commands, over stdio against the real server. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { renderAnswer } from '../../server/src/core/answer/render';
import {
  BACKLINKS_REQUEST,
  INSERT_RELATED_REQUEST,
  LINT_WORKSPACE_REQUEST,
  NEW_QUESTION_INFO_REQUEST,
  NEW_QUESTION_REQUEST,
  PREVIEW_REQUEST,
  RELATED_CANDIDATES_REQUEST,
  RESOLVE_LINK_REQUEST,
} from '../../server/src/protocol';
import { articleText, linkTo, withoutSourceLines, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient, uriOf } from '../support/lsp';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10, answer: 'A **cell**: $V = IR$.\\n\\n<script>alert(1)</script>' };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12, related: [linkTo(NEURON)] };
const IONS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  date: '2025-01-28',
  related: [
    linkTo(NEURON),
    { id: 12, title: 'What is a cell?', url: '/learn/psychology/questions/what-is-a-cell' },
    { id: 99, title: 'Gone', url: '/learn/psychology/questions/gone' },
  ],
};

describe('language server over stdio: preview and authoring requests', () => {
  let ws: string;
  let client: TestClient;
  const file = (spec: ArticleSpec) => path.join(ws, 'content/learn', spec.subjectKey ?? 'psychology', `${spec.questionKey}.md`);

  before(async () => {
    ws = writeWorkspace(workspaceOf([NEURON, SYNAPSE, CELL, IONS]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('previews an open article as the site shows it, following edits', async () => {
    const uri = await client.open(file(IONS), articleText(IONS));
    const p = await client.connection.sendRequest(PREVIEW_REQUEST, { uri });
    assert.ok(p);
    assert.equal(p.question, 'How do ions work?');
    assert.equal(p.postOnText, 'Posted on');
    assert.equal(p.date, 'Jan 28, 2025');
    assert.equal(withoutSourceLines(p.answerHtml), renderAnswer('The answer has **bold** text.\\n\\n- one\\n- two'));
    assert.match(p.answerHtml, /<li data-line="3">two<\/li>/);
    assert.equal(p.answerLines, 4);
    assert.equal(p.pageUrl, '/learn/psychology/questions/how-do-ions-work');
    // where the answer's lines and the related slots are in the text (the answer is one YAML line)
    const lines = articleText(IONS).split('\n');
    const answerLine = lines.findIndex((l) => l.startsWith('    The answer has'));
    assert.deepEqual(
      p.source?.answer?.lines.map((at) => lines[at.line].slice(at.character, at.character + 5)),
      ['The a', '\\n- o', '- one', '- two'],
    );
    assert.equal(p.source?.answer?.lines[0].line, answerLine);
    assert.deepEqual(
      p.source?.related.map((r) => lines[r.start.line]),
      ['related_article1:', 'related_article2:', 'related_article3:'],
    );
    assert.deepEqual(p.related, [
      { n: 1, title: 'What is a neuron?', url: '/learn/psychology/questions/what-is-a-neuron', targetUri: uriOf(file(NEURON)) },
      // moved: the site still serves it, from the biology folder
      { n: 2, title: 'What is a cell?', url: '/learn/psychology/questions/what-is-a-cell', targetUri: uriOf(file(CELL)) },
      {
        n: 3,
        title: 'Gone',
        url: '/learn/psychology/questions/gone',
        broken: 'No article has the question-key of `/learn/psychology/questions/gone`: the site answers 404.',
      },
    ]);
    await client.change(uri, articleText({ ...IONS, answer: 'Now $x$', date: '2024-12-05' }));
    const q = await client.connection.sendRequest(PREVIEW_REQUEST, { uri });
    assert.ok(q);
    assert.equal(q.date, 'Dec 05, 2024');
    assert.match(q.answerHtml, /^<p data-line="0">Now <span class="katex">/);
    await client.close(uri);
  });

  it('previews an article that is not open, from disk, with raw HTML inert', async () => {
    const p = await client.connection.sendRequest(PREVIEW_REQUEST, { uri: uriOf(file(NEURON)) });
    assert.ok(p);
    assert.match(p.answerHtml, /<strong>cell<\/strong>/);
    assert.match(p.answerHtml, /&#x3C;script>alert\(1\)&#x3C;\/script>/);
    assert.doesNotMatch(p.answerHtml, /<script/);
    assert.equal(await client.connection.sendRequest(PREVIEW_REQUEST, { uri: uriOf(path.join(ws, 'missing.md')) }), null);
    assert.equal(await client.connection.sendRequest(PREVIEW_REQUEST, { uri: 'untitled:Untitled-1' }), null);
  });

  it('resolves a site link in an answer as the site serves it', async () => {
    const uri = uriOf(file(IONS));
    const resolve = (url: string) => client.connection.sendRequest(RESOLVE_LINK_REQUEST, { uri, url });
    assert.deepEqual(await resolve('/learn/psychology/questions/what-is-a-neuron'), { targetUri: uriOf(file(NEURON)) });
    // moved to another subject folder: the site still serves it there
    assert.deepEqual(await resolve('/learn/psychology/questions/what-is-a-cell'), { targetUri: uriOf(file(CELL)) });
    assert.deepEqual(await resolve('/learn/psychology/questions/gone'), {
      broken: 'No article has the question-key of `/learn/psychology/questions/gone`: the site answers 404.',
    });
    assert.deepEqual(await resolve('/about'), { broken: '`/about` is not a /learn/<subject>/questions/<question> URL.' });
  });

  it('finds an open article whatever the spelling of its URI', async () => {
    // another client's spelling of the same file ('-' percent-encoded), not the one the server makes
    const spelled = uriOf(file(SYNAPSE)).replace('what-is-a-synapse', 'what%2Dis%2Da%2Dsynapse');
    await client.open(file(SYNAPSE), articleText({ ...SYNAPSE, answer: 'Only in the buffer.' }), spelled);
    const p = await client.connection.sendRequest(PREVIEW_REQUEST, { uri: uriOf(file(SYNAPSE)) });
    assert.ok(p);
    assert.equal(withoutSourceLines(p.answerHtml), renderAnswer('Only in the buffer.'));
    await client.close(spelled);
  });

  it('tells the New Question command the subjects and the next id, and plans the file', async () => {
    const info = await client.connection.sendRequest(NEW_QUESTION_INFO_REQUEST, {});
    assert.deepEqual(info.learnRoots, [
      {
        uri: uriOf(path.join(ws, 'content/learn')),
        nextId: 13,
        subjects: [
          { key: 'biology', name: 'Biology' },
          { key: 'psychology', name: 'Psychology' },
        ],
      },
    ]);
    const learnRootUri = info.learnRoots[0].uri;
    const ok = await client.connection.sendRequest(NEW_QUESTION_REQUEST, {
      learnRootUri,
      subjectKey: 'psychology',
      question: 'What is memory?',
      date: '2025-06-01',
    });
    assert.ok('uri' in ok);
    assert.equal(ok.uri, uriOf(path.join(ws, 'content/learn/psychology/what-is-memory.md')));
    assert.match(ok.text, /\nid: 13\ndate: 2025-06-01\n/);
    assert.deepEqual(ok.cursor, { line: 20, character: 4 });

    const exists = await client.connection.sendRequest(NEW_QUESTION_REQUEST, {
      learnRootUri,
      subjectKey: 'psychology',
      question: 'What is a synapse?',
    });
    assert.ok('error' in exists && exists.reason === 'exists' && exists.existingUri === uriOf(file(SYNAPSE)));

    const collision = await client.connection.sendRequest(NEW_QUESTION_REQUEST, {
      learnRootUri,
      subjectKey: 'psychology',
      question: 'What is a cell?',
    });
    assert.ok('error' in collision && collision.reason === 'collision' && collision.existingUri === uriOf(file(CELL)));
    const bad = await client.connection.sendRequest(NEW_QUESTION_REQUEST, {
      learnRootUri,
      subjectKey: '../x',
      question: 'Q',
    });
    assert.ok('error' in bad);
  });

  it('offers related candidates and inserts the next free slot', async () => {
    const text = articleText(SYNAPSE);
    const uri = await client.open(file(SYNAPSE), text);
    const found = await client.connection.sendRequest(RELATED_CANDIDATES_REQUEST, { uri, query: 'what' });
    // ranked as completion ranks: the same subject (psychology) first
    assert.deepEqual(
      found.map((c) => c.title),
      ['What is a neuron?', 'What is a cell?'],
    );
    const neuron = found.find((c) => c.id === 10)!;
    const r = await client.connection.sendRequest(INSERT_RELATED_REQUEST, { uri, targetUri: neuron.uri });
    assert.ok('edits' in r);
    assert.equal(r.n, 1);
    const next = applyEdits(text, r.edits);
    assert.equal(next, articleText({ ...SYNAPSE, related: [linkTo(NEURON)] }));
    await client.change(uri, next);
    assert.deepEqual(await client.diagnosticsOf(uri, (d) => d !== undefined), []);
    const again = await client.connection.sendRequest(RELATED_CANDIDATES_REQUEST, { uri, query: 'what' });
    assert.deepEqual(
      again.map((c) => c.title),
      ['What is a cell?'],
      'already linked articles are not offered again',
    );
    await client.close(uri);
  });

  it('lists backlinks with the referring slot', async () => {
    const links = await client.connection.sendRequest(BACKLINKS_REQUEST, { uri: uriOf(file(NEURON)) });
    assert.deepEqual(
      links.map((l) => [path.basename(URI.parse(l.uri).path), l.n, l.range.start.line]),
      [
        ['what-is-a-cell.md', 1, 25],
        ['how-do-ions-work.md', 1, 25],
      ],
    );
  });

  it('lints the whole workspace', async () => {
    const r = await client.connection.sendRequest(LINT_WORKSPACE_REQUEST, {});
    assert.ok(r);
    assert.equal(r.files, 4);
    const byFile = new Map(r.problems.map((p) => [path.basename(URI.parse(p.uri).path), p.diagnostics.map((d) => d.code)]));
    assert.deepEqual(byFile.get('how-do-ions-work.md'), ['related-moved-url', 'related-unknown-id', 'related-broken-url']);
    // The neuron's answer holds raw HTML: only answer checks may speak about it.
    assert.deepEqual(
      (byFile.get('what-is-a-neuron.md') ?? []).filter((c) => !c.startsWith('answer-')),
      [],
    );
    assert.deepEqual(
      [...byFile.keys()].filter((f) => f !== 'how-do-ions-work.md' && f !== 'what-is-a-neuron.md'),
      [],
    );
    const total = r.problems.reduce((n, p) => n + p.diagnostics.length, 0);
    assert.equal(r.counts.error + r.counts.warning + r.counts.info + r.counts.hint, total);
  });
});
