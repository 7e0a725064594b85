/**
 * What the extension's webview panels (preview, corpus health) share: their
 * pages load scripts and styles from the extension's own folders only; a page
 * that shows corpus text may ask to open an article, and only article files of
 * this workspace are opened; and end-to-end tests read what a page shows by a
 * `ping` it answers with `rendered`.
 */
import * as vscode from 'vscode';

/** `<learn>/<subject>/<question>.md` at the end of a path. */
const ARTICLE_PATH = /\/learn\/[^/]+\/[^/]+\.md$/;

export function isArticlePath(path: string): boolean {
  return ARTICLE_PATH.test(path);
}

/** Lets a panel's page run its script and load files from `roots` only; returns the page's URI of a file there. */
export function allowResources(webview: vscode.Webview, roots: vscode.Uri[]): (root: vscode.Uri, file: string) => string {
  webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
  return (root, file) => webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
}

/** Opens an article a page asked for, if it is an article file of this workspace (the page shows corpus text). */
export async function openWorkspaceArticle(uri: vscode.Uri, preview: boolean): Promise<void> {
  if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri) || !isArticlePath(uri.path)) return;
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview });
}

/** The `ping` → `rendered` round trip through a page, for end-to-end tests. */
export class RenderedProbe<R> {
  private readonly waiting: ((m: R) => void)[] = [];

  /** Sends a ping (by `ping`) and resolves with the page's next `rendered` reply. */
  ask(ping: () => Thenable<boolean>): Promise<R> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      void ping();
    });
  }

  answer(m: R): void {
    for (const resolve of this.waiting.splice(0)) resolve(m);
  }
}
