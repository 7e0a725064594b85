/** The extension's snippets are offered in QuickTakes articles and expand to front matter that fits the file. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, completionsAt, fileUri, labelOf, until } from './util';

const NEW_FILE = 'content/learn/psychology/what-do-snippets-fill-in.md';

describe('snippets', () => {
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(fileUri(NEW_FILE));
  });

  it('offers the article snippet in a new, empty article and fills in what the location implies', async () => {
    const uri = fileUri(NEW_FILE);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('qt-art'));
    const editor = await vscode.window.showTextDocument(uri);
    assert.equal(editor.document.languageId, 'quicktakes');
    const at = new vscode.Position(0, 'qt-art'.length);
    let items: vscode.CompletionItem[] = [];
    const snippet = await until(async () => {
      items = await completionsAt(uri, at);
      return items.find((i) => labelOf(i) === 'qt-article' && i.kind === vscode.CompletionItemKind.Snippet);
    }, 'the qt-article snippet').catch(() => assert.fail(`qt-article among ${items.map(labelOf).join(', ')}`));
    assert.ok(snippet.insertText instanceof vscode.SnippetString);
    assert.ok(await editor.insertSnippet(snippet.insertText, new vscode.Range(new vscode.Position(0, 0), at)));
    const text = editor.document.getText();
    assert.match(text, /^---\n_schema: default\n/);
    assert.match(text, /^file_name: what-do-snippets-fill-in\.md$/m);
    assert.match(text, /^url: \/learn\/psychology\/questions\/what-do-snippets-fill-in$/m);
    assert.match(text, /^ {2}title: QuickTakes \| Psychology$/m);
  });

  it('offers the related-article snippet inside the front matter (the front matter is QuickTakes, not plain YAML)', async () => {
    const uri = fileUri(NEW_FILE);
    const editor = await vscode.window.showTextDocument(uri);
    const closing = editor.document.getText().split('\n').lastIndexOf('---');
    assert.ok(closing > 0, 'the article snippet left a closing fence');
    await editor.edit((e) => e.insert(new vscode.Position(closing, 0), 'qt-rel\n'));
    const at = new vscode.Position(closing, 'qt-rel'.length);
    let items: vscode.CompletionItem[] = [];
    await until(async () => {
      items = await completionsAt(uri, at);
      return items.find((i) => labelOf(i) === 'qt-related' && i.kind === vscode.CompletionItemKind.Snippet);
    }, 'the qt-related snippet').catch(() => assert.fail(`qt-related among ${items.map(labelOf).join(', ')}`));
  });
});
