/**
 * The authoring commands: New Question, Insert Related Article, Suggest Related
 * Articles, Show Backlinks and Lint Workspace (and the context key for New
 * Question in the Explorer). Each asks the server (custom requests in protocol.ts)
 * and only turns the answer into editor UI.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BACKLINKS_REQUEST,
  INSERT_RELATED_REQUEST,
  LINT_WORKSPACE_REQUEST,
  RELATED_CANDIDATES_REQUEST,
  SUGGEST_RELATED_COMMAND,
  type RelatedCandidate,
  type WireRange,
} from '../../server/src/protocol';
import { corpusChanged } from './corpusChanges';
import { newQuestion, trackLearnFolders } from './newQuestion';
import { isArticle } from './previewPanel';

const SEARCH_DELAY_MS = 120;

export function toRange(r: WireRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function activeArticle(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isArticle(editor.document)) return editor;
  void vscode.window.showInformationMessage('Open a QuickTakes article first.');
  return undefined;
}

type CandidateItem = vscode.QuickPickItem & { candidate: RelatedCandidate };

/** A quick pick whose items come from the server as the author types (the corpus is too big to send whole). */
function pickRelated(client: LanguageClient, uri: string): Promise<RelatedCandidate | undefined> {
  const pick = vscode.window.createQuickPick<CandidateItem>();
  pick.title = 'Insert Related Article';
  pick.placeholder = 'Type words of the related question (nearby articles are listed first)';
  pick.matchOnDescription = true;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const search = async (query: string) => {
    const mine = ++generation;
    pick.busy = true;
    const found = await client.sendRequest(RELATED_CANDIDATES_REQUEST, { uri, query, limit: 50 });
    if (mine !== generation) return;
    // The server already matched every word; `alwaysShow` stops the quick pick's own filter from hiding them.
    pick.items = found.map((c) => ({
      label: c.title,
      description: `${c.subject ?? ''} · id ${c.id ?? '?'}`,
      detail: c.url,
      alwaysShow: true,
      candidate: c,
    }));
    pick.busy = false;
  };
  return new Promise((resolve) => {
    pick.onDidChangeValue((v) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void search(v), SEARCH_DELAY_MS);
    });
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.candidate);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (timer) clearTimeout(timer);
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
    void search('');
  });
}

async function insertRelatedArticle(client: LanguageClient): Promise<void> {
  const editor = activeArticle();
  if (!editor) return;
  const uri = editor.document.uri.toString();
  const target = await pickRelated(client, uri);
  if (!target) return;
  const result = await client.sendRequest(INSERT_RELATED_REQUEST, { uri, targetUri: target.uri });
  if ('error' in result) {
    void vscode.window.showWarningMessage(result.error);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(editor.document.uri, toRange(e.range), e.newText);
  if (await vscode.workspace.applyEdit(edit)) {
    const at = toRange(result.edits[0].range).start;
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at.translate(6)));
  }
}

/** The server's Suggest Related action, for the active article (the server's command needs its URI). */
async function suggestRelatedArticles(): Promise<void> {
  const editor = activeArticle();
  if (!editor) return;
  await vscode.commands.executeCommand(SUGGEST_RELATED_COMMAND, editor.document.uri.toString());
}

async function showBacklinks(client: LanguageClient): Promise<void> {
  const editor = activeArticle();
  if (!editor) return;
  const links = await client.sendRequest(BACKLINKS_REQUEST, { uri: editor.document.uri.toString() });
  if (links.length === 0) {
    void vscode.window.showInformationMessage('No article links to this one.');
    return;
  }
  const locations = links.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range)));
  await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, editor.selection.active, locations);
}

export const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

async function lintWorkspace(client: LanguageClient, collection: vscode.DiagnosticCollection): Promise<void> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'QuickTakes: linting the workspace…', cancellable: true },
    (_progress, token) => client.sendRequest(LINT_WORKSPACE_REQUEST, {}, token),
  );
  if (!result) return;
  collection.clear();
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  collection.set(
    result.problems
      // Open documents already show the live diagnostics.
      .filter((p) => !open.has(p.uri))
      .map((p) => [
        vscode.Uri.parse(p.uri),
        p.diagnostics.map((d) => {
          const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
          diagnostic.code = d.code;
          diagnostic.source = 'quicktakes';
          return diagnostic;
        }),
      ]),
  );
  const c = result.counts;
  const summary = `QuickTakes: ${result.files.toLocaleString('en-US')} articles, ${c.error} errors, ${c.warning} warnings, ${c.info + c.hint} notes.`;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(summary);
}

export function activateCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const collection = vscode.languages.createDiagnosticCollection('quicktakes-workspace');
  const forget = (d: vscode.TextDocument) => collection.delete(d.uri);
  const guarded = (name: string, run: (...args: unknown[]) => Promise<void>) =>
    vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (e) {
        void vscode.window.showErrorMessage(`QuickTakes: ${(e as Error).message ?? e}`);
      }
    });
  context.subscriptions.push(
    collection,
    // Once a file is open, the server's live diagnostics replace the workspace snapshot.
    vscode.workspace.onDidOpenTextDocument(forget),
    vscode.workspace.onDidChangeTextDocument((e) => forget(e.document)),
    guarded('quicktakes.newQuestion', (folder) => newQuestion(client, folder instanceof vscode.Uri ? folder : undefined)),
    trackLearnFolders(client, corpusChanged(context, client)),
    guarded('quicktakes.insertRelatedArticle', () => insertRelatedArticle(client)),
    guarded('quicktakes.suggestRelatedArticles', suggestRelatedArticles),
    guarded('quicktakes.showBacklinks', () => showBacklinks(client)),
    guarded('quicktakes.lintWorkspace', () => lintWorkspace(client, collection)),
  );
}
