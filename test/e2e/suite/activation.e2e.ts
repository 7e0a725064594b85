/** The extension activates on QuickTakes articles and owns only them. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, EXTENSION_ID, fileUri, openArticle, until } from './util';

describe('activation and language', () => {
  it('activates on a QuickTakes article, which gets the quicktakes language', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const editor = await openArticle(FIXTURE.good.path);
    assert.equal(editor.document.languageId, 'quicktakes');
    await until(() => ext.isActive, 'the extension to activate');
  });

  it('leaves other Markdown files as markdown', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('README.md'));
    assert.equal(doc.languageId, 'markdown');
    await closeAll();
  });
});
