/** The preview webview renders the article and answers the extension (a message round trip through the webview). */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { askWebview, closeAll, openArticle, until } from './util';

interface Rendered {
  uri?: string;
  html: string;
  length: number;
}

const rendered = () => askWebview<Rendered>('quicktakes.previewRendered');

describe('preview', () => {
  after(closeAll);

  it('opens to the side and its webview reports the rendered answer', async () => {
    const editor = await openArticle(FIXTURE.good.path);
    await vscode.commands.executeCommand('quicktakes.openPreviewToSide');
    const shown = await until(async () => {
      const r = await rendered();
      return r?.html.includes('<strong>bold</strong>') && r;
    }, 'the webview to show the answer');
    assert.equal(shown.uri, editor.document.uri.toString());
    // the site turns the literal \n into line breaks: a list, not backslashes
    assert.match(shown.html, /<li>one<\/li>/);
    assert.doesNotMatch(shown.html, /\\n/);
  });

  it('follows edits to the answer', async () => {
    const editor = await openArticle(FIXTURE.good.path);
    const at = editor.document.positionAt(editor.document.getText().indexOf('**bold**'));
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, '**bold**'.length)), '*edited*'));
    await until(async () => (await rendered())?.html.includes('<em>edited</em>'), 'the preview to show the edit');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
