/**
 * Moving or renaming articles and subject folders (the Explorer, or any edit
 * that renames files): before the files move, the server says what would keep
 * every link right (the moved articles' own fields, the related slots linking
 * to them, the redirect table) and what will be lost; the setting
 * `quicktakes.updateLinksOnFileMove.enabled` decides whether that edit is
 * applied: `always`, `never`, or `prompt` (the default: Yes / No / Always / Never).
 * It runs as the language client's `willRenameFiles` middleware, so the edit
 * lands on the files before they move, where the server computed it.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { FILE_MOVES_REQUEST, type FileMovesResult } from '../../server/src/protocol';

const SECTION = 'quicktakes';
const SETTING = 'updateLinksOnFileMove.enabled';
type UpdateLinks = 'always' | 'prompt' | 'never';
/** Files named in the prompt; the others are counted. */
const LISTED_FILES = 10;

/** The `willRenameFiles` middleware, for a client made after it (the client is looked up when a rename happens). */
export function fileMovesMiddleware(client: () => LanguageClient | undefined): NonNullable<Middleware['workspace']> {
  return {
    willRenameFiles: async (event, next) => {
      const c = client();
      if (!c) return next(event);
      const scope = event.files[0]?.newUri;
      const setting = vscode.workspace.getConfiguration(SECTION, scope).get<UpdateLinks>(SETTING, 'prompt');
      const params = c.code2ProtocolConverter.asWillRenameFilesParams(event);
      let result: FileMovesResult;
      try {
        result = await c.sendRequest(FILE_MOVES_REQUEST, params, event.token);
      } catch (e) {
        c.error('Planning the link updates of a file move failed; the files move without them.', e);
        return undefined;
      }
      if (result.notIndexed) {
        if (setting !== 'never')
          void vscode.window.showWarningMessage('QuickTakes is still indexing: links to the moved articles were not updated.');
        return undefined;
      }
      if (!result.edit || setting === 'never') {
        showWarnings(result); // what the move loses, whether or not the links follow
        return undefined;
      }
      if (setting === 'prompt' && !(await confirm(result, scope))) return undefined; // the dialog showed the warnings
      if (setting !== 'prompt') showWarnings(result);
      return c.protocol2CodeConverter.asWorkspaceEdit(result.edit, event.token);
    },
  };
}

function showWarnings(result: FileMovesResult): void {
  for (const w of result.warnings) void vscode.window.showWarningMessage(`QuickTakes: ${w.message}`);
}

/** Asks whether to apply the edit (the files it changes and the warnings in the dialog); Always / Never also set the setting. */
async function confirm(result: FileMovesResult, scope: vscode.Uri | undefined): Promise<boolean> {
  const yes: vscode.MessageItem = { title: 'Yes' };
  const no: vscode.MessageItem = { title: 'No', isCloseAffordance: true };
  const always: vscode.MessageItem = { title: 'Always' };
  const never: vscode.MessageItem = { title: 'Never' };
  const names = result.files.map((uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false));
  const listed = names.slice(0, LISTED_FILES);
  if (names.length > LISTED_FILES) listed.push(`…and ${names.length - LISTED_FILES} more`);
  const moved = result.articles === 1 ? 'the moved article' : `the ${result.articles} moved articles`;
  const detail = [...listed, ...result.warnings.map((w) => `\n⚠ ${w.message}`)].join('\n');
  const choice = await vscode.window.showInformationMessage(
    `Update the links to ${moved} in ${names.length} file${names.length === 1 ? '' : 's'}?`,
    { modal: true, detail },
    yes,
    no,
    always,
    never,
  );
  if (choice === always || choice === never) {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    await config.update(SETTING, choice === always ? 'always' : 'never', targetOf(config));
  }
  return choice === yes || choice === always;
}

/** Where the setting is set now (folder, workspace), so Always / Never change it there; else the user's settings. */
function targetOf(config: vscode.WorkspaceConfiguration): vscode.ConfigurationTarget {
  const found = config.inspect(SETTING);
  if (found?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (found?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}
