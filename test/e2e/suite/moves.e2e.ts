/**
 * Moving an article file to another subject folder as the Explorer does (a rename
 * through a workspace edit fires `onWillRenameFiles`): with
 * `quicktakes.updateLinksOnFileMove.enabled` set to `always`, the server's edit
 * updates the moved article's own fields, the articles that link to it and the
 * site's redirect table (the entry keeping its old address); with `never`,
 * nothing but the file moves.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { articleText, linkTo, type ArticleSpec } from '../../support/fixtures';
import { tableText } from '../../support/siteFiles';
import { FIXTURE, SPECS } from '../fixture';
import { closeAll, diagnosticsWith, fileUri } from './util';

const SETTING = 'updateLinksOnFileMove.enabled';

describe('moving an article', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('quicktakes').update(SETTING, undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
  });

  const table = () => vscode.workspace.openTextDocument(fileUri(FIXTURE.redirects.path));
  const entries = (): [string, string, string][] => FIXTURE.redirects.entries.map((e) => [...e]);

  it('to another subject folder, with the setting `always`, updates its own fields, a referrer and the redirect table', async () => {
    // cross-file diagnostics mean the workspace is indexed
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(FIXTURE.broken.path)));
    await diagnosticsWith(fileUri(FIXTURE.broken.path), ['related-unknown-id']);
    await vscode.workspace.getConfiguration('quicktakes').update(SETTING, 'always', vscode.ConfigurationTarget.Global);

    const moved: ArticleSpec = { ...SPECS.mover, subjectKey: 'physics' };
    const from = fileUri(FIXTURE.mover.path);
    const to = fileUri(`content/learn/physics/${SPECS.mover.questionKey}.md`);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(from, to);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename applies');

    const referrer = await vscode.workspace.openTextDocument(fileUri(FIXTURE.linksToMover.path));
    const expected = articleText({ ...SPECS.linksToMover, related: [{ ...linkTo(moved), subject: 'Physics' }] });
    // the rename participants have run when the edit is applied
    assert.equal(referrer.getText(), expected);
    const own = await vscode.workspace.openTextDocument(to);
    assert.equal(own.getText(), articleText(moved));
    // its old address stays served: the entry appended in the table's format
    assert.equal((await table()).getText(), tableText([...entries(), ['psychology', SPECS.mover.questionKey, 'physics']]));
  });

  it('with the setting `never`, moves it and leaves the links alone', async () => {
    await vscode.workspace.getConfiguration('quicktakes').update(SETTING, 'never', vscode.ConfigurationTarget.Global);
    const referrer = await vscode.workspace.openTextDocument(fileUri(FIXTURE.linksToMover.path));
    const before = referrer.getText();
    const tableBefore = (await table()).getText();
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(fileUri(`content/learn/physics/${SPECS.mover.questionKey}.md`), fileUri(FIXTURE.mover.path));
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename applies');
    assert.equal(referrer.getText(), before);
    assert.equal((await table()).getText(), tableBefore);
    const own = await vscode.workspace.openTextDocument(fileUri(FIXTURE.mover.path));
    assert.equal(own.getText(), articleText({ ...SPECS.mover, subjectKey: 'physics' }));
  });
});
