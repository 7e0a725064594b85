import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { ANSWER_DIAGNOSTICS_REQUEST, ANSWER_TEXT_REQUEST, PREVIEW_REQUEST, SET_ANSWER_TEXT_REQUEST } from '../../server/src/protocol';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { applyTextEdits, TestClient, uriOf } from '../support/lsp';

const FOLDED: ArticleSpec = { questionKey: 'how-is-an-answer-edited', id: 1, answer: 'First line.\\n\\n- one\\n- two' };
const CLOSED: ArticleSpec = { questionKey: 'what-is-on-disk-only', id: 2, answer: 'On disk.' };

/** The answer of an article text as a YAML parser reads it. */
function yamlAnswer(text: string): string {
  const yaml = text.split('---\n')[1];
  return (parse(yaml) as { answer: string }).answer;
}

describe('language server over stdio: the answer as a document', () => {
  let ws: string;
  let client: TestClient;
  let uri: string;
  let text: string;

  before(async () => {
    ws = writeWorkspace(workspaceOf([FOLDED, CLOSED]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    text = articleText(FOLDED);
    uri = await client.open(path.join(ws, 'content/learn/psychology', `${FOLDED.questionKey}.md`), text);
  });

  after(async () => {
    await client.stop();
  });

  const getText = (u: string) => client.connection.sendRequest(ANSWER_TEXT_REQUEST, { textDocument: { uri: u } });
  const setText = (u: string, t: string) => client.connection.sendRequest(SET_ANSWER_TEXT_REQUEST, { textDocument: { uri: u }, text: t });

  it('reads the answer with real line breaks, from the open document or the file', async () => {
    assert.deepEqual(await getText(uri), { text: 'First line.\n\n- one\n- two' });
    const closed = uriOf(path.join(ws, 'content/learn/psychology', `${CLOSED.questionKey}.md`));
    assert.deepEqual(await getText(closed), { text: 'On disk.' });
    assert.equal(await getText(uriOf(path.join(ws, 'missing.md'))), null);
    const noAnswer = await client.open(path.join(ws, 'content/learn/psychology/no-answer.md'), '---\nid: 3\n---\n');
    assert.equal(await getText(noAnswer), null);
  });

  it('writes a text with YAML and Markdown specials back in the folded style, parsing back exactly', async () => {
    assert.deepEqual(await setText(uri, 'First line.\n\n- one\n- two'), [], 'no edit when nothing changes');
    const wanted = 'Key: value # not a comment\n\n"Quoted" and \'single\' \\ backslash, \\$5 and $x^2$\n  - indented: item';
    const edits = await setText(uri, wanted);
    assert.equal(edits.length, 1);
    const edited = applyTextEdits(text, edits);
    assert.equal(yamlAnswer(edited).replaceAll('\\n', '\n'), wanted);
    assert.match(edited, /\nanswer: >-\n {4}Key: value # not a comment\\n\\n"Quoted"/);
    // Every line but the answer's value line is untouched.
    const before = text.split('\n');
    const afterLines = edited.split('\n');
    const at = before.findIndex((l) => l.startsWith('    First line.'));
    assert.deepEqual([...afterLines.slice(0, at), ...afterLines.slice(at + 1)], [...before.slice(0, at), ...before.slice(at + 1)]);
    await client.change(uri, edited);
    assert.deepEqual(await getText(uri), { text: wanted });
    await client.change(uri, text);
  });

  it('refuses a typed \\n pair with a clear error', async () => {
    await assert.rejects(setText(uri, 'Since $a \\neq b$'), (e: unknown) => {
      assert.ok(e instanceof ResponseError);
      assert.match(e.message, /`\\neq` cannot be written in an answer/);
      return true;
    });
    await assert.rejects(setText(uriOf(path.join(ws, 'missing.md')), 'x'), ResponseError);
  });

  it('checks an unsaved answer text in its own positions, with fixes as edits of it', async () => {
    const answer = 'Costs $5 or $10.\nSee <br> here.\nAnd \\nu typed.';
    const ds = await client.connection.sendRequest(ANSWER_DIAGNOSTICS_REQUEST, { text: answer });
    const lines = answer.split('\n');
    const at = (d: (typeof ds)[number]) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line, at(d), d.severity]),
      [
        ['answer-currency-dollar', 0, '$5 or $', 'warning'],
        ['answer-raw-html', 1, '<br>', 'info'],
        ['answer-typed-newline', 2, '\\n', 'error'],
      ],
    );
    const fix = ds[0].fix!;
    assert.equal(applyTextEdits(answer, fix.edits).split('\n')[0], 'Costs \\$5 or \\$10.');
  });

  it('previews the article with an unsaved answer text', async () => {
    const p = await client.connection.sendRequest(PREVIEW_REQUEST, { uri, answerText: '# Heading\n\nNew **text**' });
    assert.match(p!.answerHtml, /<h1[^>]*>Heading<\/h1>/);
    assert.match(p!.answerHtml, /<strong>text<\/strong>/);
  });

  it('leaves files on disk alone', () => {
    assert.equal(fs.readFileSync(path.join(ws, 'content/learn/psychology', `${FOLDED.questionKey}.md`), 'utf8'), text);
  });
});
