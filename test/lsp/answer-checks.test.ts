import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { articleText, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { applyTextEdits, TestClient } from '../support/lsp';

const CLEAN: ArticleSpec = { questionKey: 'what-is-a-formula', id: 1 };
const BROKEN: ArticleSpec = {
  questionKey: 'how-do-formulas-break',
  id: 2,
  answer: 'Since $a \\neq b$, the area \\(A = \\pi r^2\\) costs $5 or $10; bad $x^2^3$ and a<br>break.',
};

function pos(text: string, needle: string, at = 0): Position {
  const offset = text.indexOf(needle) + at;
  assert.ok(offset >= at, `${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language server over stdio: answer checks', () => {
  let ws: string;
  let client: TestClient;
  let uri: string;
  let text: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    ws = writeWorkspace(workspaceOf([CLEAN, BROKEN]));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    text = articleText(BROKEN);
    uri = await client.open(path.join(ws, 'content/learn/psychology', `${BROKEN.questionKey}.md`), text);
    diagnostics = await client.diagnosticsOf(uri, (d) => d.some((x) => String(x.code).startsWith('answer-')));
  });

  after(async () => {
    await client.stop();
  });

  it('publishes each answer problem on its exact characters', () => {
    const lineText = (d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, lineText(d), d.severity]),
      [
        ['answer-tex-newline', '\\neq', 2],
        ['answer-math-delimiter', '\\(A = \\pi r^2\\)', 2],
        ['answer-currency-dollar', '$5 or $', 2],
        ['answer-math-error', '$x^2^3$', 1],
        ['answer-raw-html', '<br>', 3],
      ],
    );
  });

  it('hovers inside a flagged span with what the site will show', async () => {
    const hover = await client.hover(uri, pos(text, '\\neq', 2));
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /On the site:.*“aeqb”.*not “a≠b”/);
    const delimiter = (await client.hover(uri, pos(text, 'pi r', 1)))!;
    assert.match((delimiter.contents as MarkupContent).value, /Plain text.*\(A = \\pi r\^2\)/);
    assert.equal(await client.hover(uri, pos(text, 'Since', 1)), null, 'nothing outside flagged spans');
  });

  it('offers quick fixes whose edits make the answer render right', async () => {
    let fixed = text;
    for (const code of ['answer-currency-dollar', 'answer-math-delimiter', 'answer-tex-newline']) {
      const d = diagnostics.find((x) => x.code === code)!;
      const actions = (await client.codeActions(uri, d.range, [d], ['quickfix'])) as CodeAction[];
      const fix = actions.find((a) => a.diagnostics?.some((x) => x.code === code));
      assert.ok(fix?.edit?.changes?.[uri], `a quick fix for ${code}`);
      fixed = applyTextEdits(fixed, fix.edit.changes[uri]);
    }
    assert.ok(fixed.includes('Since $a ≠ b$, the area $A = \\pi r^2$ costs \\$5 or \\$10; bad'));
    await client.change(uri, fixed);
    const after = await client.diagnosticsOf(uri, (ds) => !ds.some((x) => x.code === 'answer-tex-newline'));
    assert.deepEqual(
      after.map((d) => d.code),
      ['answer-math-error', 'answer-raw-html'],
    );
  });

  it('keeps a clean article clean', async () => {
    const clean = await client.open(path.join(ws, 'content/learn/psychology', `${CLEAN.questionKey}.md`), articleText(CLEAN));
    assert.deepEqual(await client.diagnosticsOf(clean), []);
  });
});
