/** Related-article completion through the real client: accepting an article rewrites the whole slot consistently. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { articleText, linkTo } from '../../support/fixtures';
import { FIXTURE, SPECS } from '../fixture';
import { applyCompletion, closeAll, codeOf, completionsAt, labelOf, openArticle, until } from './util';

describe('completion', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAll();
  });

  it('offers articles by question words in a related slot; accepting one fills id, title, subject and url', async () => {
    const editor = await openArticle(FIXTURE.unlinked.path);
    const closing = editor.document.getText().split('\n').lastIndexOf('---');
    const typed = '    id: fixtures link';
    await editor.edit((b) => b.insert(new vscode.Position(closing, 0), `related_article1:\n${typed}\n`));
    const at = new vscode.Position(closing + 1, typed.length);
    const items = await completionsAt(editor.document.uri, at);
    const item = items.find((i) => labelOf(i) === FIXTURE.target.title);
    assert.ok(item, `${FIXTURE.target.title} among ${items.map(labelOf).join(', ')}`);
    await applyCompletion(editor, item, at);
    assert.equal(editor.document.getText(), articleText({ ...SPECS.unlinked, related: [linkTo(SPECS.target)] }));
    // the filled slot is consistent: the server finds nothing wrong with it
    await until(
      () => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => codeOf(d).startsWith('related-')).length === 0,
      'no related-* diagnostics',
    );
  });
});
