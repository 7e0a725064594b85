/** The status-bar item showing the server's index state. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';

export function activateStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
  const status = vscode.window.createStatusBarItem('quicktakes.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'QuickTakes index';
  status.text = '$(sync~spin) QuickTakes: starting…';
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
      status.tooltip = s.message ?? 'QuickTakes article index';
    }),
  );
}
