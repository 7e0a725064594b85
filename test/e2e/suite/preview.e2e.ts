/**
 * The preview in a real VS Code: it renders the article (a message round trip
 * through its webview), opens in place or to the side, locks to one article
 * while a dynamic one follows the active editor, scrolls with the article's
 * editor and with its answer document, and opens the article's page on the live site.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PreviewProbe } from '../../../client/src/previewPanel';
import { articleText } from '../../support/fixtures';
import { FIXTURE } from '../fixture';
import { askWebview, closeAll, fileUri, openArticle, until } from './util';

/** What every preview shows (the pages of the visible ones answer a ping). */
const previews = async () => (await askWebview<PreviewProbe[]>('quicktakes.previewRendered', 15_000)) ?? [];
const nameOf = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);

async function showIn(rel: string, column: vscode.ViewColumn): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(rel)), column);
}

/** The preview showing `rel` (and passing `test`), once there is one. */
function previewOf(rel: string, what: string, test: (p: PreviewProbe) => boolean = () => true): Promise<PreviewProbe> {
  const uri = fileUri(rel).toString();
  return until(async () => (await previews()).find((p) => p.article === uri && test(p)), what);
}

describe('preview', () => {
  after(closeAll);

  it('opens to the side and its webview reports the rendered answer', async () => {
    const editor = await openArticle(FIXTURE.good.path);
    await vscode.commands.executeCommand('quicktakes.openPreviewToSide');
    const shown = await previewOf(
      FIXTURE.good.path,
      'the webview to show the answer',
      (p) => !!p.rendered?.html.includes('<strong>bold</strong>'),
    );
    assert.equal(shown.rendered?.uri, editor.document.uri.toString());
    assert.equal(shown.viewColumn, vscode.ViewColumn.Two);
    assert.equal(shown.title, `Preview ${nameOf(FIXTURE.good.path)}`);
    // the site turns the literal \n into line breaks: a list, not backslashes
    assert.match(shown.rendered!.html, /<li data-line="\d+">one<\/li>/);
    assert.doesNotMatch(shown.rendered!.html, /\\n/);
  });

  it('follows edits to the answer', async () => {
    const editor = await openArticle(FIXTURE.good.path);
    const at = editor.document.positionAt(editor.document.getText().indexOf('**bold**'));
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, '**bold**'.length)), '*edited*'));
    await previewOf(FIXTURE.good.path, 'the preview to show the edit', (p) => !!p.rendered?.html.includes('<em>edited</em>'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens in place, in the editor’s group', async () => {
    await closeAll();
    await showIn(FIXTURE.good.path, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('quicktakes.openPreview');
    const shown = await previewOf(
      FIXTURE.good.path,
      'the preview in the first group',
      (p) => p.viewColumn === vscode.ViewColumn.One && !!p.rendered,
    );
    assert.equal(shown.locked, false);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(
      tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('quicktakes.preview'),
      'the preview is the active tab',
    );
    assert.equal(vscode.window.tabGroups.all.length, 1);
  });

  it('keeps a locked preview on its article while a dynamic one follows the active editor; the lock toggles', async () => {
    await closeAll();
    await showIn(FIXTURE.good.path, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('quicktakes.openLockedPreviewToSide');
    await previewOf(FIXTURE.good.path, 'the locked preview', (p) => p.locked && p.title === `[Preview] ${nameOf(FIXTURE.good.path)}`);
    await vscode.commands.executeCommand('quicktakes.openPreviewToSide');
    await previewOf(FIXTURE.good.path, 'a dynamic preview beside it', (p) => !p.locked);

    await showIn(FIXTURE.target.path, vscode.ViewColumn.One);
    // every preview has seen the editor change once the dynamic one followed it
    const dynamic = await previewOf(
      FIXTURE.target.path,
      'the dynamic preview to follow',
      (p) => p.rendered?.uri === fileUri(FIXTURE.target.path).toString(),
    );
    assert.equal(dynamic.title, `Preview ${nameOf(FIXTURE.target.path)}`);
    const all = await previews();
    assert.equal(all.length, 2);
    const locked = all.find((p) => p.locked);
    assert.equal(locked?.article, fileUri(FIXTURE.good.path).toString());
    assert.equal(locked?.title, `[Preview] ${nameOf(FIXTURE.good.path)}`);

    // "Toggle Preview Locking" on the preview opened last: now it stays on its article too
    await vscode.commands.executeCommand('quicktakes.toggleLockPreview');
    await previewOf(
      FIXTURE.target.path,
      'the toggled preview to be locked',
      (p) => p.locked && p.title === `[Preview] ${nameOf(FIXTURE.target.path)}`,
    );
    await vscode.commands.executeCommand('quicktakes.toggleLockPreview');
    await showIn(FIXTURE.unlinked.path, vscode.ViewColumn.One);
    await previewOf(FIXTURE.unlinked.path, 'the unlocked preview to follow again', (p) => !p.locked);
    assert.equal((await previews()).find((p) => p.locked)?.article, fileUri(FIXTURE.good.path).toString());
  });

  describe('scroll sync', () => {
    const rel = 'content/learn/psychology/how-does-the-preview-scroll-with-the-editor.md';
    // 60 long paragraphs on one YAML line: paragraph i starts answer line 2(i - 1)
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} says something. ${'It goes on and on. '.repeat(12)}`);

    before(async () => {
      await closeAll();
      const text = articleText({ questionKey: 'how-does-the-preview-scroll-with-the-editor', answer: paragraphs.join('\\n\\n') });
      await vscode.workspace.fs.writeFile(fileUri(rel), new TextEncoder().encode(text));
    });
    after(async () => {
      await closeAll();
      await vscode.workspace.fs.delete(fileUri(rel));
    });

    /** The preview's top line once `test` holds for it. */
    const previewTop = (what: string, test: (line: number) => boolean) =>
      previewOf(rel, what, (p) => p.rendered?.line !== undefined && test(p.rendered.line)).then((p) => p.rendered!.line);

    it('scrolls with the article’s editor and with its answer document', async () => {
      const article = await showIn(rel, vscode.ViewColumn.One);
      await vscode.commands.executeCommand('quicktakes.editAnswer');
      const answer = await until(
        () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'quicktakes-answer'),
        'the answer document',
      );
      await vscode.commands.executeCommand('quicktakes.openPreviewToSide');
      await previewOf(rel, 'the preview beside them', (p) => !!p.rendered?.html.includes('Paragraph 60'));

      // the article: the answer is one long wrapped line; its editor's top is a column of it
      const at = article.document.positionAt(article.document.getText().indexOf('Paragraph 31 says'));
      article.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
      const fromArticle = await previewTop('the preview at paragraph 31 (answer line 60)', (line) => line > 57 && line <= 60.5);

      // the answer document: its lines are the answer's (the editor keeps a little room above a revealed line)
      answer.revealRange(new vscode.Range(100, 0, 100, 0), vscode.TextEditorRevealType.AtTop);
      const top = await until(
        () => answer.visibleRanges[0]?.start.line >= 95 && answer.visibleRanges[0].start,
        'the answer document to scroll',
      );
      const expected = top.line + top.character / answer.document.lineAt(top.line).text.length;
      const fromAnswer = await previewTop(`the preview at answer line ${expected}`, (line) => Math.abs(line - expected) < 0.1);
      assert.ok(fromAnswer > fromArticle);
    });
  });

  it('opens the article’s page on the live site, at `quicktakes.siteUrl`', async () => {
    await closeAll();
    await openArticle(FIXTURE.good.path);
    const settings = vscode.workspace.getConfiguration('quicktakes');
    // localhost: VS Code opens it without asking whether the site is trusted
    await settings.update('siteUrl', 'http://localhost:9/', vscode.ConfigurationTarget.Workspace);
    try {
      const opened = await vscode.commands.executeCommand<string>('quicktakes.openOnSite');
      assert.equal(opened, `http://localhost:9/learn/psychology/questions/${nameOf(FIXTURE.good.path).replace(/\.md$/, '')}`);
    } finally {
      await settings.update('siteUrl', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
