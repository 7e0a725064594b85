/**
 * "QuickTakes: Open Preview to the Side": one webview that shows the active
 * article as the site shows it. The server computes the content
 * (`quicktakes/preview`); this module only follows the editor, debounces edits,
 * and opens the article behind a clicked related link.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PREVIEW_REQUEST,
  type PreviewHostMessage,
  type PreviewParams,
  type PreviewResult,
  type PreviewWebviewMessage,
} from '../../server/src/protocol';
import { ANSWER_SCHEME, articleUriOf } from './answerUri';
import { previewPage } from './previewHtml';
import { allowResources, isArticlePath, openWorkspaceArticle, RenderedProbe } from './webviewPanel';

export const PREVIEW_VIEW_TYPE = 'quicktakes.preview';
const UPDATE_DELAY_MS = 250;

export function isArticle(document: vscode.TextDocument): boolean {
  return document.languageId === 'quicktakes' || (document.languageId === 'markdown' && isArticlePath(document.uri.path));
}

/** The article a document shows: itself, or for an answer document its article. */
function articleShownBy(document: vscode.TextDocument): { article: vscode.Uri; answer?: vscode.Uri } | undefined {
  if (document.uri.scheme === ANSWER_SCHEME) {
    const article = articleUriOf(document.uri);
    return article && { article, answer: document.uri };
  }
  return isArticle(document) ? { article: document.uri } : undefined;
}

class PreviewPanel {
  private uri: vscode.Uri | undefined;
  /** The answer document followed, whose text (saved or not) the preview shows as the answer. */
  private answer: vscode.Uri | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per request, so a slow answer never overwrites a newer one. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly probe = new RenderedProbe<Extract<PreviewWebviewMessage, { type: 'rendered' }>>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    extensionUri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const katex = vscode.Uri.joinPath(extensionUri, 'dist', 'katex');
    const webview = panel.webview;
    const uriOf = allowResources(webview, [media, katex]);
    webview.html = previewPage({
      cspSource: webview.cspSource,
      katexCss: uriOf(katex, 'katex.min.css'),
      css: uriOf(media, 'preview.css'),
      script: uriOf(media, 'preview.js'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: PreviewWebviewMessage) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => panel.visible && this.schedule(0)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const shown = editor && articleShownBy(editor.document);
        if (shown) this.show(shown.article, shown.answer);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const uri = e.document.uri.toString();
        if (uri === this.uri?.toString() || uri === this.answer?.toString()) this.schedule(UPDATE_DELAY_MS);
      }),
    );
  }

  /** Shows an article (or refreshes it), with the answer of an answer document when given. */
  show(uri: vscode.Uri, answer?: vscode.Uri): void {
    this.uri = uri;
    this.answer = answer;
    this.panel.title = `Preview ${uri.path.split('/').pop()}`;
    this.schedule(0);
  }

  /** Asks the webview what it shows (for end-to-end tests). */
  rendered(): Promise<{ uri?: string; html: string; length: number }> {
    return this.probe.ask(() => this.post({ type: 'ping' }));
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    this.timer = undefined;
    const uri = this.uri;
    if (!uri) return;
    const generation = ++this.generation;
    const answer = this.answer && vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.answer?.toString());
    const params: PreviewParams = { uri: uri.toString(), ...(answer?.isDirty ? { answerText: answer.getText() } : {}) };
    let preview: PreviewResult | null;
    try {
      preview = await this.client.sendRequest(PREVIEW_REQUEST, params);
    } catch (e) {
      preview = null;
      this.client.outputChannel.appendLine(`Preview of ${uri.toString()} failed: ${String(e)}`);
    }
    if (generation !== this.generation) return;
    await this.post(
      preview ? { type: 'update', preview } : { type: 'empty', reason: 'This file is not a QuickTakes article the preview can read.' },
    );
  }

  private post(message: PreviewHostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onMessage(m: PreviewWebviewMessage): void {
    if (m.type === 'ready') this.schedule(0);
    else if (m.type === 'openRelated') void this.openRelated(m.uri);
    else if (m.type === 'rendered') this.probe.answer(m);
  }

  private async openRelated(target: string): Promise<void> {
    await openWorkspaceArticle(vscode.Uri.parse(target, true), false);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

export function activatePreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  let current: PreviewPanel | undefined;

  const open = (uri: vscode.Uri | undefined) => {
    const active = vscode.window.activeTextEditor?.document;
    const fromAnswer = uri?.scheme === ANSWER_SCHEME ? articleUriOf(uri) : undefined;
    const given = fromAnswer ? { article: fromAnswer, answer: uri } : uri && { article: uri };
    const shown = given ?? (active && (articleShownBy(active) ?? { article: active.uri }));
    if (!shown) {
      void vscode.window.showInformationMessage('Open a QuickTakes article to preview it.');
      return;
    }
    if (!current) {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        'QuickTakes Preview',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      current = new PreviewPanel(panel, client, context.extensionUri, () => (current = undefined));
    } else {
      current.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    current.show(shown.article, shown.answer);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('quicktakes.openPreviewToSide', (uri?: vscode.Uri) =>
      open(uri instanceof vscode.Uri ? uri : undefined),
    ),
    // For end-to-end tests: what the preview webview shows now (round trip through the webview).
    vscode.commands.registerCommand('quicktakes.previewRendered', () => current?.rendered()),
    { dispose: () => current?.panel.dispose() },
  );
}
