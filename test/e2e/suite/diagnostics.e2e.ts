/** Diagnostics with their codes reach VS Code's Problems through the real client, live as one types. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, codeOf, diagnosticsWith, fileUri, openArticle, until } from './util';

describe('diagnostics', () => {
  after(closeAll);

  it('reports the diagnostic codes of a broken article, on the offending values', async () => {
    const uri = fileUri(FIXTURE.broken.path);
    const doc = await vscode.workspace.openTextDocument(uri);
    const ds = await diagnosticsWith(uri, FIXTURE.broken.codes);
    const url = ds.find((d) => codeOf(d) === 'url-mismatch')!;
    assert.equal(doc.getText(url.range), '/learn/psychology/questions/a-wrong-key');
    assert.equal(url.severity, vscode.DiagnosticSeverity.Error);
    const title = ds.find((d) => codeOf(d) === 'related-title-mismatch')!;
    assert.match(doc.getText(title.range), /^(>-\s+)?An outdated title\?$/);
    assert.equal(title.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('reports a file without front matter', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(FIXTURE.noFrontMatter.path));
    await diagnosticsWith(doc.uri, ['front-matter-missing']);
  });

  it('updates as the author types, and clears when the defect is undone', async () => {
    const editor = await openArticle(FIXTURE.good.path);
    const doc = editor.document;
    const offset = doc.getText().indexOf('file_name: ') + 'file_name: '.length;
    const start = doc.positionAt(offset);
    await editor.edit((b) => b.insert(start, 'x'));
    const ds = await diagnosticsWith(doc.uri, ['file-name-mismatch']);
    assert.equal(ds.find((d) => codeOf(d) === 'file-name-mismatch')!.range.start.line, start.line);
    await editor.edit((b) => b.delete(new vscode.Range(start, start.translate(0, 1))));
    await until(() => vscode.languages.getDiagnostics(doc.uri).length === 0, 'the diagnostics to clear');
    await doc.save();
  });
});
