/**
 * `question-duplicate` in the editor: two articles come to ask the same
 * question by an edit, and both show it (with related information linking each
 * to the other's question) until the edit is undone; the hover on `question`
 * lists the others; a file on disk counts as well as an open one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { TestClient, uriOf } from '../support/lsp';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-nerve-cell', id: 20 };
const ON_DISK: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 30 };
const duplicates = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'question-duplicate');
/** The `question:` line of a fixture article (0-based), whose value the diagnostic covers. */
const QUESTION_LINE = 17;

describe('language server: question-duplicate', () => {
  let ws: string;
  let client: TestClient;
  const file = (spec: ArticleSpec) => path.join(ws, 'content/learn', spec.subjectKey ?? 'psychology', `${spec.questionKey}.md`);

  before(async () => {
    ws = writeWorkspace(workspaceOf([NEURON, CELL, ON_DISK]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('appears in both open articles when an edit makes one ask what the other asks, and goes when it is undone', async () => {
    const neuron = await client.open(file(NEURON), articleText(NEURON));
    const cell = await client.open(file(CELL), articleText(CELL));
    assert.deepEqual(await client.diagnosticsOf(neuron), []);
    assert.deepEqual(await client.diagnosticsOf(cell), []);

    await client.change(neuron, articleText({ ...NEURON, question: 'what is a NERVE  cell!' }));
    const [mine] = duplicates(await client.diagnosticsOf(neuron, (d) => duplicates(d).length > 0, 'the edited article'));
    const [theirs] = duplicates(await client.diagnosticsOf(cell, (d) => duplicates(d).length > 0, 'the other article'));
    assert.match(mine.message, /is also the `question` of biology\/what-is-a-nerve-cell\.md \(id 20\)\.$/);
    assert.match(theirs.message, /is also the `question` of psychology\/what-is-a-neuron\.md \(id 10\)\.$/);
    assert.equal(mine.severity, 2, 'a warning');
    assert.deepEqual(mine.range.start, { line: QUESTION_LINE, character: 10 });
    assert.deepEqual(mine.relatedInformation, [
      {
        location: { uri: cell, range: { start: { line: QUESTION_LINE, character: 10 }, end: { line: QUESTION_LINE + 1, character: 25 } } },
        message: 'The same question, id 20',
      },
    ]);
    assert.equal(theirs.relatedInformation![0].location.uri, neuron);

    const hover = await client.hover(cell, { line: QUESTION_LINE + 1, character: 8 });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /The same question is asked by 1 other article/);
    assert.ok(value.includes(`(${uriOf(file(NEURON))}) (psychology/what-is-a-neuron.md, id 10)`), value);

    await client.change(neuron, articleText(NEURON));
    await client.diagnosticsOf(neuron, (d) => d.length === 0, 'the edited article to clear');
    await client.diagnosticsOf(cell, (d) => d.length === 0, 'the other article to clear');
    assert.equal(await client.hover(cell, { line: QUESTION_LINE + 1, character: 8 }), null, 'no hover without duplicates');
    await client.close(neuron);
    await client.close(cell);
  });

  it('counts an article on disk, and follows it when it changes there', async () => {
    const neuron = await client.open(file(NEURON), articleText({ ...NEURON, question: 'What is a synapse' }));
    const [d] = duplicates(await client.diagnosticsOf(neuron, (ds) => duplicates(ds).length > 0, 'a duplicate of a file on disk'));
    assert.match(d.message, /psychology\/what-is-a-synapse\.md \(id 30\)/);

    // the file on disk becomes a copy of the open article (its id): duplicate-id, no longer question-duplicate
    fs.writeFileSync(file(ON_DISK), articleText({ ...ON_DISK, id: 10 }));
    await client.filesChanged([{ uri: uriOf(file(ON_DISK)), type: FileChangeType.Changed }]);
    const now = await client.diagnosticsOf(neuron, (ds) => duplicates(ds).length === 0, 'the copy on disk');
    assert.deepEqual(
      now.map((x) => x.code),
      ['duplicate-id'],
    );
    await client.close(neuron);
  });
});
