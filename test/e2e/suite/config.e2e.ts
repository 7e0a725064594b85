/** The project config `.quicktakes.jsonc` changes what the Problems panel shows for an open article. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, codeOf, diagnosticsWith, fileUri, until } from './util';

describe('project config', () => {
  const config = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.quicktakes.jsonc');
  let original: Uint8Array | undefined;

  after(async () => {
    // leave the workspace as it was for the other suites
    if (original) await vscode.workspace.fs.writeFile(config, original);
    else await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    await closeAll();
  });

  it('turns a code off and changes a severity once written, and back once removed', async () => {
    original = await vscode.workspace.fs.readFile(config).then(
      (bytes) => bytes,
      () => undefined,
    );
    const uri = fileUri(FIXTURE.broken.path);
    await vscode.workspace.openTextDocument(uri);
    await diagnosticsWith(uri, ['related-title-mismatch', 'url-mismatch']);

    const text = '{ "severity": { "related-title-mismatch": "off", "url-mismatch": "info" } }\n';
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(text));
    const ds = await until(() => {
      const now = vscode.languages.getDiagnostics(uri);
      return !now.some((d) => codeOf(d) === 'related-title-mismatch') && now.length > 0 ? now : undefined;
    }, 'the config to turn related-title-mismatch off');
    assert.equal(ds.find((d) => codeOf(d) === 'url-mismatch')?.severity, vscode.DiagnosticSeverity.Information);

    await vscode.workspace.fs.delete(config);
    await diagnosticsWith(uri, ['related-title-mismatch']);
    assert.equal(vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'url-mismatch')?.severity, vscode.DiagnosticSeverity.Error);
  });
});
