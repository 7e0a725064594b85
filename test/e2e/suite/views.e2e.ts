/**
 * The QuickTakes views in the real editor: what each view shows as VS Code
 * renders it (the rows it last asked for, through a test-only command), kept
 * current as an article is edited; and the walkthrough.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { ShownData } from '../../../client/src/views';
import { FIXTURE, SPECS } from '../fixture';
import { articleText, linkTo } from '../../support/fixtures';
import { closeAll, fileUri, openArticle, until } from './util';

const shown = (viewId: string) => vscode.commands.executeCommand<ShownData | undefined>('quicktakes.viewShown', viewId);

/** Waits until the view `viewId` shows what `ok` accepts, and returns it. */
function viewShowing(viewId: string, ok: (s: ShownData) => boolean, what: string): Promise<ShownData> {
  let last: ShownData | undefined;
  return until(async () => {
    last = await shown(viewId);
    return last && ok(last) && last;
  }, `${viewId} to show ${what}`).catch((e: Error) => {
    throw new Error(`${e.message}; it shows ${JSON.stringify(last)}`);
  });
}

const lists = (s: ShownData, rel: string) => s.rows.some((r) => r.uri === fileUri(rel).toString());

describe('live views', () => {
  before(() => vscode.commands.executeCommand('workbench.view.extension.quicktakes'));
  after(closeAll);

  it('Linked From lists the backlinks of the active article, and follows an edit adding and removing one', async () => {
    await openArticle(FIXTURE.target.path);
    const first = await viewShowing('quicktakes.linkedFrom', (s) => lists(s, FIXTURE.good.path), 'the good fixture');
    assert.equal(first.description, FIXTURE.target.title);
    assert.ok(lists(first, FIXTURE.broken.path), JSON.stringify(first));
    assert.ok(!lists(first, FIXTURE.unlinked.path), JSON.stringify(first));

    // the unlinked article gets a related link to the target, in its buffer only (the target stays in the editor)
    const unlinked = await vscode.workspace.openTextDocument(fileUri(FIXTURE.unlinked.path));
    const original = unlinked.getText();
    const replaceAll = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(unlinked.uri, new vscode.Range(unlinked.positionAt(0), unlinked.positionAt(unlinked.getText().length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await replaceAll(articleText({ ...SPECS.unlinked, related: [linkTo(SPECS.target)] }));
    await viewShowing('quicktakes.linkedFrom', (s) => lists(s, FIXTURE.unlinked.path), 'the new backlink');
    await replaceAll(original);
    const last = await viewShowing('quicktakes.linkedFrom', (s) => !lists(s, FIXTURE.unlinked.path), 'the backlink gone');
    assert.ok(lists(last, FIXTURE.good.path), JSON.stringify(last));
  });

  it('Links shows each related slot of the active article with its status', async () => {
    await openArticle(FIXTURE.broken.path);
    const links = await viewShowing('quicktakes.links', (s) => s.rows.length === 2, 'the two slots of the broken fixture');
    // the first leads to the target under an outdated title; the second names an id no article has
    assert.equal(links.rows[0].description, 'related-title-mismatch');
    assert.ok(links.rows[1].description?.split(', ').includes('related-unknown-id'), JSON.stringify(links));
  });

  it('lists the articles linked from nowhere and the problems by code', async () => {
    await vscode.commands.executeCommand('quicktakes.linkedFromNowhere.focus');
    await viewShowing('quicktakes.linkedFromNowhere', (s) => lists(s, FIXTURE.unlinked.path), 'the unlinked fixture');
    await vscode.commands.executeCommand('quicktakes.problems.focus');
    const problems = await viewShowing('quicktakes.problems', (s) => s.rows.length > 0, 'codes');
    for (const code of FIXTURE.broken.codes)
      assert.ok(
        problems.rows.some((r) => r.label === code),
        `${code} in ${JSON.stringify(problems)}`,
      );
  });

  it('opens the getting-started walkthrough', async () => {
    await closeAll();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'quicktakes.quicktakes-authoring#gettingStarted');
    // what the page shows is checked in ui.test.ts: the tab API keeps the label a page opened with, before it
    // finds the walkthrough (the workbench registers an extension's walkthroughs seconds after its first use)
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await until(() => tabs().some((l) => l === 'Welcome' || l.startsWith('Walkthrough: ')), 'the walkthrough page');
  });
});
