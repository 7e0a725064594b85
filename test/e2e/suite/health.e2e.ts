/**
 * "QuickTakes: Corpus Health" and "Suggest related articles" in the real editor:
 * the webview renders the server's report (a message round trip through it),
 * and the server command fills an article's empty related slots.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE } from '../fixture';
import { askWebview, closeAll, openArticle, until } from './util';

interface Rendered {
  articles: number;
  tables: number;
  rows: number;
  files: number;
}

const rendered = () => askWebview<Rendered>('quicktakes.corpusHealthRendered');

describe('corpus health and suggestions', () => {
  after(closeAll);

  it('opens the Corpus Health webview, which shows the report of every article', async () => {
    await vscode.commands.executeCommand('quicktakes.showCorpusHealth');
    const shown = await until(async () => {
      const r = await rendered();
      return r && r.articles > 0 && r;
    }, 'the webview to show the report');
    assert.equal(shown.tables, 7);
    assert.ok(shown.rows > 0 && shown.files > 0, JSON.stringify(shown));
  });

  it('fills the empty related slots of an article with suggestions', async () => {
    const editor = await openArticle(FIXTURE.unlinked.path);
    assert.ok(!editor.document.getText().includes('related_article1:'), `the fixture as written:\n${editor.document.getText()}`);
    // the command palette's entry, which runs the server's command on the active article
    await vscode.commands.executeCommand('quicktakes.suggestRelatedArticles');
    const text = await until(() => {
      const t = editor.document.getText();
      return t.includes('related_article1:') && t;
    }, 'the suggestions to fill the slots');
    assert.ok(text.includes('related_article1:\n    id: '), text);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
