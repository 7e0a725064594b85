/** Definition, hover and references on related links, through VS Code's provider commands. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { closeAll, fileUri, openArticle } from './util';

/** The position of `needle`'s value (after `key: `) in the document. */
function valuePosition(doc: vscode.TextDocument, needle: string): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} in ${doc.uri.path}`);
  return doc.positionAt(offset + needle.indexOf(': ') + 3);
}

const uriOf = (l: vscode.Location | vscode.LocationLink) => ('targetUri' in l ? l.targetUri : l.uri).toString();

describe('navigation', () => {
  after(closeAll);

  it('goes to the article a related id points at', async () => {
    const { document } = await openArticle(FIXTURE.good.path);
    const at = valuePosition(document, `id: ${FIXTURE.target.id}`);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      at,
    );
    assert.deepEqual(targets.map(uriOf), [fileUri(FIXTURE.target.path).toString()]);
  });

  it('hovers a related id with the target’s title', async () => {
    const { document } = await openArticle(FIXTURE.good.path);
    const at = valuePosition(document, `id: ${FIXTURE.target.id}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes(FIXTURE.target.title), text);
  });

  it('finds every article linking to an article', async () => {
    const { document } = await openArticle(FIXTURE.target.path);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      document.uri,
      new vscode.Position(1, 1),
    );
    const files = refs.map((r) => r.uri.toString());
    assert.ok(files.includes(fileUri(FIXTURE.good.path).toString()), files.join('\n'));
    assert.ok(files.includes(fileUri(FIXTURE.broken.path).toString()), files.join('\n'));
  });
});
