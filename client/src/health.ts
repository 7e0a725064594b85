/**
 * "QuickTakes: Corpus Health": a webview showing the corpus health report the
 * server computes (`quicktakes/corpusHealth`): defects per code and subject as
 * charts and sortable tables, articles without related links, most and never
 * linked articles. The page is media/health.js (the same renderer as
 * `quicktakes report --html`); clicking a file opens it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CORPUS_HEALTH_REQUEST,
  type CorpusHealthParams,
  type HealthHostMessage,
  type HealthWebviewMessage,
} from '../../server/src/protocol';
import { healthPage } from './healthHtml';
import { allowResources, openWorkspaceArticle, RenderedProbe } from './webviewPanel';

export const HEALTH_VIEW_TYPE = 'quicktakes.corpusHealth';

type Rendered = Extract<HealthWebviewMessage, { type: 'rendered' }>;

class HealthPanel {
  private request: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly probe = new RenderedProbe<Rendered>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    extensionUri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const webview = panel.webview;
    const uriOf = allowResources(webview, [media]);
    webview.html = healthPage(webview.cspSource, uriOf(media, 'health.css'), uriOf(media, 'health.js'));
    this.disposables.push(
      webview.onDidReceiveMessage((m: HealthWebviewMessage) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Asks the webview what it shows (for end-to-end tests). */
  rendered(): Promise<Rendered> {
    return this.probe.ask(() => this.post({ type: 'ping' }));
  }

  private async load(): Promise<void> {
    this.request?.cancel();
    const request = (this.request = new vscode.CancellationTokenSource());
    await this.post({ type: 'loading', message: 'Checking every article…' });
    try {
      const report = await this.client.sendRequest(CORPUS_HEALTH_REQUEST, {} satisfies CorpusHealthParams, request.token);
      if (report && request === this.request) await this.post({ type: 'report', report });
    } catch (e) {
      if (request === this.request) await this.post({ type: 'error', message: `The corpus health report failed: ${String(e)}` });
    }
  }

  private post(message: HealthHostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onMessage(m: HealthWebviewMessage): void {
    if (m.type === 'ready' || m.type === 'refresh') void this.load();
    else if (m.type === 'open' && typeof m.file === 'string') void openWorkspaceArticle(vscode.Uri.file(m.file), true);
    else if (m.type === 'rendered') this.probe.answer(m);
  }

  dispose(): void {
    this.request?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

export function activateHealth(context: vscode.ExtensionContext, client: LanguageClient): void {
  let current: HealthPanel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand('quicktakes.showCorpusHealth', () => {
      if (current) {
        current.panel.reveal();
        return;
      }
      const panel = vscode.window.createWebviewPanel(HEALTH_VIEW_TYPE, 'QuickTakes: Corpus Health', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableFindWidget: true,
        retainContextWhenHidden: true,
        localResourceRoots: [],
      });
      current = new HealthPanel(panel, client, context.extensionUri, () => (current = undefined));
    }),
    // for end-to-end tests: what the health webview shows now (a round trip through the webview)
    vscode.commands.registerCommand('quicktakes.corpusHealthRendered', () => current?.rendered()),
    { dispose: () => current?.panel.dispose() },
  );
}
