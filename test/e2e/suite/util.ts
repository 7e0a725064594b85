/** Helpers for the suites that run inside the extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until } from '../../support/until';

export { until };

export const EXTENSION_ID = 'quicktakes.quicktakes-authoring';

export function fileUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function openArticle(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc);
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** The diagnostics of `uri` once every code in `codes` is among them. */
export async function diagnosticsWith(uri: vscode.Uri, codes: readonly string[]): Promise<vscode.Diagnostic[]> {
  return until(
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      return codes.every((c) => ds.some((d) => codeOf(d) === c)) && ds;
    },
    `diagnostics ${codes.join(', ')} on ${uri.path}`,
  );
}

/** Closes every editor, discarding unsaved edits first: closing a dirty editor would stop at a save prompt. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Accepts a completion item as the editor would: its main edit and its additional edits, against the same text. */
export async function applyCompletion(editor: vscode.TextEditor, item: vscode.CompletionItem, at: vscode.Position): Promise<void> {
  const range =
    item.range === undefined
      ? (editor.document.getWordRangeAtPosition(at) ?? new vscode.Range(at, at))
      : 'replacing' in item.range
        ? item.range.replacing
        : item.range;
  const insert = item.insertText ?? labelOf(item);
  if (insert instanceof vscode.SnippetString) {
    assert.ok(!item.additionalTextEdits?.length, 'a snippet item without additional edits');
    assert.ok(await editor.insertSnippet(insert, range), 'the snippet inserts');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(editor.document.uri, [vscode.TextEdit.replace(range, insert), ...(item.additionalTextEdits ?? [])]);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the completion edits apply');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function completionsAt(uri: vscode.Uri, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
  return list.items;
}

/** A webview's answer to a round-trip command (what it shows now); undefined while it is not listening yet. */
export async function askWebview<T>(command: string, timeoutMs = 5000): Promise<T | undefined> {
  const reply = vscode.commands.executeCommand<T | undefined>(command);
  return Promise.race([reply, new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs))]);
}
