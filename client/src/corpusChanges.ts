/**
 * The server's `quicktakes/corpusChanged` as an event every client feature can
 * follow: the language client keeps one handler per notification method.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CORPUS_CHANGED_NOTIFICATION } from '../../server/src/protocol';

const events = new WeakMap<LanguageClient, vscode.Event<void>>();

/** Fires once per burst of changes to the index (files, settings, a new index). */
export function corpusChanged(context: vscode.ExtensionContext, client: LanguageClient): vscode.Event<void> {
  let event = events.get(client);
  if (!event) {
    const emitter = new vscode.EventEmitter<void>();
    context.subscriptions.push(
      emitter,
      client.onNotification(CORPUS_CHANGED_NOTIFICATION, () => emitter.fire()),
    );
    event = emitter.event;
    events.set(client, event);
  }
  return event;
}
