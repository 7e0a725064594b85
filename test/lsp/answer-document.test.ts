import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResponseError, type Hover, type MarkupContent, type Position, type Range } from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import {
  ANSWER_DIAGNOSTICS_REQUEST,
  ANSWER_HOVER_REQUEST,
  ANSWER_TEXT_REQUEST,
  PREVIEW_REQUEST,
  SET_ANSWER_TEXT_REQUEST,
} from '../../server/src/protocol';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { applyTextEdits, TestClient, uriOf } from '../support/lsp';

const FOLDED: ArticleSpec = { questionKey: 'how-is-an-answer-edited', id: 1, answer: 'First line.\\n\\n- one\\n- two' };
const CLOSED: ArticleSpec = { questionKey: 'what-is-on-disk-only', id: 2, answer: 'On disk.' };
const FLAGGED: ArticleSpec = {
  questionKey: 'how-is-a-flagged-answer-edited',
  id: 4,
  answer: 'Intro.\\n\\nSince $a \\neq b$, see \\(A = \\pi r^2\\).\\n- costs $5 or $10\\n- bad $x^2^3$ and a <br> tag',
};

/** The position of `needle` (plus `at` characters) in `text`. */
function pos(text: string, needle: string, at = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset + at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The characters a range covers in a text. */
function covered(text: string, r: Range): string {
  const lines = text.split('\n');
  const first = lines[r.start.line];
  if (r.start.line === r.end.line) return first.slice(r.start.character, r.end.character);
  return [first.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join(
    '\n',
  );
}

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
    ws = writeWorkspace(workspaceOf([FOLDED, CLOSED, FLAGGED]));
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

  it('hovers a flagged span of an answer text as the article hovers the same span, and nothing elsewhere', async () => {
    const article = articleText(FLAGGED);
    const articleUri = await client.open(path.join(ws, 'content/learn/psychology', `${FLAGGED.questionKey}.md`), article);
    const answer = (await getText(articleUri))!.text;
    const hoverIn = (t: string, position: Position) =>
      client.connection.sendRequest(ANSWER_HOVER_REQUEST, { textDocument: { uri: articleUri }, text: t, position });
    const value = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value;
    // `eq b`: the `\n` of `\neq` is a line break in the answer text, as on the site.
    for (const [needle, at, shows] of [
      ['eq b', 1, /On the site:.*“aeqb”/],
      ['pi r', 1, /On the site:.*Plain text/],
      ['$5 or', 1, /On the site:/],
      ['^2^3', 1, /On the site:.*red/],
      ['<br>', 2, /On the site:.*as text/],
    ] as const) {
      const inArticle = await client.hover(articleUri, pos(article, needle, at));
      const inText = await hoverIn(answer, pos(answer, needle, at));
      assert.match(value(inText) ?? '', shows, needle);
      assert.equal(value(inText), value(inArticle), needle);
      assert.equal(covered(answer, inText!.range!), covered(article, inArticle!.range!).replaceAll('\\n', '\n'), needle);
    }
    for (const needle of ['Intro', 'Since', 'costs', 'tag']) {
      assert.equal(await hoverIn(answer, pos(answer, needle, 1)), null, needle);
    }
    // An unsaved text is hovered as it stands, whatever the article holds.
    const edited = `Now <b>${answer}`;
    assert.match(value(await hoverIn(edited, pos(edited, '<b>', 1))) ?? '', /as text: `<b>`/);
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
