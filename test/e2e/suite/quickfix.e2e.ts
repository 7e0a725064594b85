/** A quick fix from the server, applied through VS Code, removes its diagnostic and touches only the offending value. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, codeOf, diagnosticsWith, openArticle, until } from './util';

describe('quick fixes', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAll();
  });

  it('sets a drifted related title to the target’s title', async () => {
    const { document } = await openArticle(FIXTURE.broken.path);
    const before = document.getText();
    const drifted = (await diagnosticsWith(document.uri, ['related-title-mismatch'])).find((d) => codeOf(d) === 'related-title-mismatch')!;
    // kind `quickfix`, and resolve up to 10 actions' edits, as the light bulb does on demand
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      drifted.range,
      vscode.CodeActionKind.QuickFix.value,
      10,
    );
    const fix = actions.find((a) => a.title.startsWith('Set related_article1.title'));
    assert.ok(fix?.edit, `a quick fix with an edit among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), before.replace('An outdated title?', FIXTURE.target.title));
    await until(
      () => !vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'related-title-mismatch'),
      'the related-title-mismatch to go',
    );
  });
});
