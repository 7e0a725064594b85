/**
 * The client-side features, each in its own module with an `activate…(context, client)`
 * function. Add new ones to this list.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { activateAnswerEditor } from './answerEditor';
import { activateCommands } from './commands';
import { activateHealth } from './health';
import { activatePreview } from './preview';
import { activateStatus } from './status';
import { activateViews } from './views';

export type ClientFeature = (context: vscode.ExtensionContext, client: LanguageClient) => void;

export const CLIENT_FEATURES: ClientFeature[] = [
  activateStatus,
  activatePreview,
  activateCommands,
  activateHealth,
  activateAnswerEditor,
  activateViews,
];
