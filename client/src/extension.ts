/**
 * The VS Code side, kept thin: starts the language server (the client library
 * restarts it if it dies) and activates the client features.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_FEATURES } from './features';
import { fileMovesMiddleware } from './fileMoves';
import { RestartingErrorHandler } from './lifecycle';
import { explicitSettings, settingsMiddleware } from './settings';

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
      // the site's redirect table and subject list: their diagnostics and quick fixes
      { scheme: 'file', pattern: '**/{mappingQuestions,topQuestions}.contant.js' },
    ],
    synchronize: { configurationSection: 'quicktakes' },
    initializationOptions: explicitSettings(),
    middleware: { workspace: { ...settingsMiddleware.workspace, ...fileMovesMiddleware(() => client) } },
    errorHandler: new RestartingErrorHandler(() => client?.outputChannel),
  };
  client = new LanguageClient('quicktakes', 'QuickTakes', serverOptions, clientOptions);
  for (const activateFeature of CLIENT_FEATURES) activateFeature(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
