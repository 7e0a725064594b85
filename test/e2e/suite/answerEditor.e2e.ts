/**
 * Edit Answer: the answer opens beside the article as Markdown, a save writes it
 * into the article in the article's style, the two follow each other's edits,
 * undo in the article restores it, a stale save is refused, a typed `\n` is flagged,
 * a flagged span hovers with what the site will show.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, codeOf, fileUri, openArticle, until } from './util';

const SCHEME = 'quicktakes-answer';
const ANSWER = 'The answer has **bold** text.\n\n- one\n- two';
const PARAGRAPH = 'A new paragraph: "quoted", a # sign, a \\ backslash and $5.';

describe('answer editor', () => {
  const articleUri = fileUri(FIXTURE.target.path);
  let original = '';
  let answer: vscode.TextEditor;

  const answerText = () => answer.document.getText();
  const articleDoc = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === articleUri.toString())!;

  before(() => {
    original = fs.readFileSync(articleUri.fsPath, 'utf8');
  });

  after(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === SCHEME)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAll();
    fs.writeFileSync(articleUri.fsPath, original);
  });

  it('opens the answer beside the article as a Markdown document with real line breaks', async () => {
    const article = await openArticle(FIXTURE.target.path);
    await vscode.commands.executeCommand('quicktakes.editAnswer');
    answer = await until(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === SCHEME && e;
    }, 'the answer editor');
    assert.equal(answer.document.languageId, 'markdown');
    assert.equal(answerText(), ANSWER);
    assert.notEqual(answer.viewColumn, article.viewColumn);
  });

  it('saving it writes the answer into the article in its own style, nothing else moved, and saves the article', async () => {
    const end = answer.document.positionAt(answerText().length);
    assert.ok(await answer.edit((b) => b.insert(end, `\n\n${PARAGRAPH}`)));
    assert.ok(await answer.document.save(), 'the answer document saves');
    const expected = original.replace('- two\n', `- two\\n\\n${PARAGRAPH}\n`);
    assert.match(expected, /\nanswer: >-\n {4}The answer has \*\*bold\*\* text\.\\n\\n- one\\n- two\\n\\nA new paragraph/);
    await until(() => fs.readFileSync(articleUri.fsPath, 'utf8') === expected, 'the article on disk to hold the answer');
    assert.equal(articleDoc().getText(), expected);
    assert.equal(articleDoc().isDirty, false);
    assert.equal(answer.document.isDirty, false);
  });

  it('follows an edit of the article', async () => {
    const article = await vscode.window.showTextDocument(articleDoc(), { viewColumn: vscode.ViewColumn.One });
    const at = article.document.positionAt(article.document.getText().indexOf('**bold**'));
    assert.ok(await article.edit((b) => b.replace(new vscode.Range(at, at.translate(0, '**bold**'.length)), '*edited*')));
    await until(() => answerText().startsWith('The answer has *edited* text.'), 'the answer document to follow the article');
    assert.equal(answer.document.isDirty, false);
  });

  it('undo in the article undoes the written answer, and the answer document follows', async () => {
    await vscode.window.showTextDocument(articleDoc(), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await until(() => articleDoc().getText() === original, 'the article to be as before');
    await until(() => answerText() === ANSWER, 'the answer document to show the answer as before');
  });

  it('refuses a save over an answer changed meanwhile, and keeps the unsaved text', async () => {
    answer = await vscode.window.showTextDocument(answer.document);
    assert.ok(await answer.edit((b) => b.insert(new vscode.Position(0, 0), 'Mine: ')));
    const article = await vscode.window.showTextDocument(articleDoc(), { viewColumn: vscode.ViewColumn.One });
    const at = article.document.positionAt(article.document.getText().indexOf('- one'));
    assert.ok(await article.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 5)), '- theirs')));
    const theirs = article.document.getText();
    // the answer document learns of the change (it stays dirty: VS Code does not reload it)
    await until(async () => {
      const saved = await answer.document.save();
      return !saved;
    }, 'a refused save');
    assert.equal(answer.document.isDirty, true);
    assert.ok(answerText().startsWith('Mine: The answer has'));
    assert.equal(articleDoc().getText(), theirs);
    await vscode.window.showTextDocument(answer.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await until(() => answerText().includes('- theirs'), 'the reverted answer document to show the article’s answer');
  });

  it('flags a typed \\n pair and puts the answer checks on their characters', async () => {
    answer = await vscode.window.showTextDocument(answer.document);
    const end = answer.document.positionAt(answerText().length);
    assert.ok(await answer.edit((b) => b.insert(end, '\n\nSince $a \\neq b$, it costs $5 or $10.')));
    const ds = await until(() => {
      const found = vscode.languages.getDiagnostics(answer.document.uri);
      return ['answer-typed-newline', 'answer-currency-dollar'].every((c) => found.some((d) => codeOf(d) === c)) && found;
    }, 'the answer checks in the answer document');
    const textOf = (code: string) => answer.document.getText(ds.find((d) => codeOf(d) === code)!.range);
    assert.equal(textOf('answer-typed-newline'), '\\n');
    assert.equal(ds.find((d) => codeOf(d) === 'answer-typed-newline')!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(textOf('answer-currency-dollar'), '$5 or $');
    const hoverAt = async (needle: string) => {
      const at = answer.document.positionAt(answerText().indexOf(needle) + 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', answer.document.uri, at);
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    assert.match(await hoverAt('$5 or'), /On the site:.*dollar signs disappear/);
    assert.doesNotMatch(await hoverAt('Since'), /On the site/);
    const currency = ds.find((d) => codeOf(d) === 'answer-currency-dollar')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      answer.document.uri,
      currency.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.includes('dollar'));
    assert.ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(answerText().endsWith('it costs \\$5 or \\$10.'));
    // the typed pair cannot be written: the save is refused
    assert.equal(await answer.document.save(), false);
    assert.equal(articleDoc().getText().includes('costs'), false);
  });
});
