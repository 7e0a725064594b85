/** The status-bar item showing the server's index state; clicking it offers the main commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { isArticle } from './previewPanel';

const WALKTHROUGH = 'quicktakes.quicktakes-authoring#gettingStarted';

/** The commands the status item offers, titled as package.json titles them; some only with an article in the editor. */
const MENU: { command: string; article?: boolean }[] = [
  { command: 'quicktakes.openPreviewToSide', article: true },
  { command: 'quicktakes.editAnswer', article: true },
  { command: 'quicktakes.insertRelatedArticle', article: true },
  { command: 'quicktakes.showBacklinks', article: true },
  { command: 'quicktakes.newQuestion' },
  { command: 'quicktakes.lintWorkspace' },
  { command: 'quicktakes.showCorpusHealth' },
];

type MenuItem = vscode.QuickPickItem & { run: () => unknown };

function menuItems(context: vscode.ExtensionContext, client: LanguageClient): MenuItem[] {
  const contributed = (context.extension.packageJSON as { contributes: { commands: { command: string; title: string }[] } }).contributes
    .commands;
  const editor = vscode.window.activeTextEditor;
  const article = !!editor && isArticle(editor.document);
  const items: MenuItem[] = MENU.filter((m) => article || !m.article).map((m) => ({
    label: contributed.find((c) => c.command === m.command)?.title ?? m.command,
    run: () => vscode.commands.executeCommand(m.command),
  }));
  return [
    ...items,
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: () => undefined },
    { label: 'Show the QuickTakes Views', run: () => vscode.commands.executeCommand('workbench.view.extension.quicktakes') },
    { label: 'Get Started', run: () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH) },
    { label: 'Show the Language Server Output', run: () => client.outputChannel.show() },
  ];
}

export function activateStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
  const status = vscode.window.createStatusBarItem('quicktakes.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'QuickTakes index';
  status.text = '$(sync~spin) QuickTakes: starting…';
  status.command = 'quicktakes.showCommands';
  status.show();
  context.subscriptions.push(
    status,
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
      status.text =
        s.state === 'indexing'
          ? `$(sync~spin) QuickTakes: indexing ${Math.round((s.progress ?? 0) * 100)}%`
          : s.state === 'ready'
            ? `$(book) QuickTakes: ${s.articles.toLocaleString('en-US')} articles`
            : s.state === 'error'
              ? '$(error) QuickTakes: index failed'
              : '$(book) QuickTakes: no articles';
      status.tooltip = `${s.message ?? 'QuickTakes article index'} (click for the QuickTakes commands)`;
    }),
    vscode.commands.registerCommand('quicktakes.showCommands', async () => {
      const picked = await vscode.window.showQuickPick(menuItems(context, client), {
        title: 'QuickTakes',
        placeHolder: 'Run a QuickTakes command',
      });
      await picked?.run();
    }),
  );
}
