/**
 * The VS Code side, kept thin: starts the language server and restarts it if it
 * dies, shows the index state in the status bar. Features live in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'quicktakes' },
      { scheme: 'file', language: 'markdown', pattern: '**/learn/*/*.md' },
    ],
    synchronize: { configurationSection: 'quicktakes' },
    initializationOptions: vscode.workspace.getConfiguration('quicktakes'),
  };
  client = new LanguageClient('quicktakes', 'QuickTakes', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'QuickTakes index';
  status.text = '$(sync~spin) QuickTakes: starting…';
  status.show();
  context.subscriptions.push(status);

  context.subscriptions.push(
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
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
