/**
 * One preview panel: an article as the site shows it (with the unsaved answer of
 * its answer document while that document is followed), either locked to that
 * article or following the active editor. It scrolls with the editors of the
 * article and of its answer document, both ways, in the preview lines of
 * protocol.ts (`PreviewLine`); a double-click opens the source there; links in
 * the answer open the article they point at. What the page shows, its lock and
 * its scroll position live in the page's webview state, so the panel serializer
 * (preview.ts) brings it back after a reload.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PREVIEW_REQUEST,
  RESOLVE_LINK_REQUEST,
  type PreviewAnchors,
  type PreviewHostMessage,
  type PreviewParams,
  type PreviewResult,
  type PreviewWebviewMessage,
} from '../../server/src/protocol';
import { ANSWER_SCHEME, answerUriOf, articleUriOf } from './answerUri';
import { previewPage } from './previewHtml';
import { allowResources, isArticlePath, openWorkspaceArticle, RenderedProbe } from './webviewPanel';

export const PREVIEW_VIEW_TYPE = 'quicktakes.preview';
const UPDATE_DELAY_MS = 250;
/** How often an editor's scrolling moves the preview. */
const SCROLL_THROTTLE_MS = 50;
/** How long after the preview moved an editor that editor's scrolling is its echo, not the author's. */
const SCROLL_ECHO_MS = 200;
/** How long a test probe waits for a page's answer. */
const PROBE_TIMEOUT_MS = 3000;

/** What a preview shows: an article, and the answer document whose text stands for its answer. */
export interface PreviewTarget {
  article: vscode.Uri;
  answer?: vscode.Uri;
}

export function isArticle(document: vscode.TextDocument): boolean {
  return document.languageId === 'quicktakes' || (document.languageId === 'markdown' && isArticlePath(document.uri.path));
}

/** The article a document shows: itself, or for an answer document its article. */
export function articleShownBy(document: vscode.TextDocument): PreviewTarget | undefined {
  if (document.uri.scheme === ANSWER_SCHEME) {
    const article = articleUriOf(document.uri);
    return article && { article, answer: document.uri };
  }
  return isArticle(document) ? { article: document.uri } : undefined;
}

/** "Preview x", or "[Preview] x" when locked, as VS Code titles its Markdown previews. */
export function previewTitle(article: vscode.Uri | undefined, locked: boolean): string {
  if (!article) return 'QuickTakes Preview';
  const name = article.path.slice(article.path.lastIndexOf('/') + 1);
  return locked ? `[Preview] ${name}` : `Preview ${name}`;
}

/** What the page tells it shows. */
type Rendered = Extract<PreviewWebviewMessage, { type: 'rendered' }>;

/** What an end-to-end test learns of a preview: the extension's side and, when it is visible, the page's. */
export interface PreviewProbe {
  article?: string;
  answer?: string;
  locked: boolean;
  title: string;
  viewColumn?: number;
  rendered?: Rendered;
}

const same = (a: vscode.Uri | undefined, b: vscode.Uri | undefined) => a?.toString() === b?.toString();

/** The site address a page path is served at: `quicktakes.siteUrl` + the path; undefined (the author told why) when it is not set. */
export function siteAddress(article: vscode.Uri, pagePath: string): vscode.Uri | undefined {
  const site = vscode.workspace.getConfiguration('quicktakes', article).get<string>('siteUrl', '').trim();
  if (!site) {
    void vscode.window
      .showInformationMessage(
        'Set `quicktakes.siteUrl` to the address of the live site (e.g. https://www.example.com) to open its pages.',
        'Open Settings',
      )
      .then((pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', 'quicktakes.siteUrl'));
    return undefined;
  }
  if (!/^https?:\/\/[^/]/i.test(site)) {
    void vscode.window.showErrorMessage(`\`quicktakes.siteUrl\` must be an http(s) address, not \`${site}\`.`);
    return undefined;
  }
  return vscode.Uri.parse(site.replace(/\/+$/, '') + pagePath, true);
}

/** How a preview starts: locked or not, and the editor group it was opened from (the source opens there when no editor shows it). */
export interface PreviewOpening {
  locked: boolean;
  sourceColumn: vscode.ViewColumn;
}

export class PreviewPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly probe = new RenderedProbe<Rendered>();
  private isLocked: boolean;
  private readonly sourceColumn: vscode.ViewColumn;
  private target: PreviewTarget | undefined;
  /** What the page was last sent. */
  private shown: PreviewResult | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per request, so a slow answer never overwrites a newer one. */
  private generation = 0;
  /** After switching articles: scroll the page to the editor's top once it shows the new one. */
  private syncOnUpdate = false;
  private scrollTimer: NodeJS.Timeout | undefined;
  private scrollingEditor: vscode.TextEditor | undefined;
  /** Until when editors' scrolling echoes the preview's (Date.now() ms). */
  private echoUntil = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    opening: PreviewOpening,
    private readonly client: LanguageClient,
    extensionUri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    this.isLocked = opening.locked;
    this.sourceColumn = opening.sourceColumn;
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
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (same(e.document.uri, this.target?.article) || same(e.document.uri, this.target?.answer)) this.schedule(UPDATE_DELAY_MS);
      }),
    );
  }

  get article(): vscode.Uri | undefined {
    return this.target?.article;
  }

  get locked(): boolean {
    return this.isLocked;
  }

  /** Shows an article (with an answer document's text), scrolled to where its editor is when it is another article. */
  show(target: PreviewTarget, { syncWithEditor = true } = {}): void {
    if (same(target.article, this.target?.article) && same(target.answer, this.target?.answer)) return;
    if (!same(target.article, this.target?.article)) this.syncOnUpdate = syncWithEditor;
    this.target = target;
    this.panel.title = previewTitle(target.article, this.isLocked);
    this.schedule(0);
  }

  toggleLock(): void {
    this.isLocked = !this.isLocked;
    this.panel.title = previewTitle(this.target?.article, this.isLocked);
    this.schedule(0); // the page keeps the lock in its state
  }

  /** Whether this preview is the one to reuse for `article` in `column` (one dynamic preview per group; locked ones per article). */
  matches(column: vscode.ViewColumn | undefined, locked: boolean, article: vscode.Uri | undefined): boolean {
    if (this.panel.viewColumn !== column || this.isLocked !== locked) return false;
    return !locked || same(this.target?.article, article);
  }

  /** "Show Source": the article, in the editor that shows it or the group the preview was opened from. */
  async showSource(): Promise<void> {
    if (this.target) await this.showDocument(this.target.article);
  }

  /** A source document in the editor that shows it, else in the group the preview was opened from. */
  private async showDocument(uri: vscode.Uri): Promise<vscode.TextEditor> {
    const visible = vscode.window.visibleTextEditors.find((e) => same(e.document.uri, uri));
    const doc = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
    return vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? this.sourceColumn, preview: false });
  }

  /** The article's page on the live site (the command's target when the preview has the focus). */
  siteAddress(): vscode.Uri | undefined {
    const target = this.target;
    if (!target) return undefined;
    if (!this.shown?.pageUrl) {
      void vscode.window.showWarningMessage(
        `${target.article.path.split('/').pop()} is not in a \`learn/<subject>\` folder: the site has no page for it.`,
      );
      return undefined;
    }
    return siteAddress(target.article, this.shown.pageUrl);
  }

  /** What the extension and (when visible) the page show, for end-to-end tests. */
  async probeState(): Promise<PreviewProbe> {
    const rendered = this.panel.visible
      ? await Promise.race([
          this.probe.ask(() => this.post({ type: 'ping' })),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PROBE_TIMEOUT_MS)),
        ])
      : undefined;
    return {
      article: this.target?.article.toString(),
      answer: this.target?.answer?.toString(),
      locked: this.isLocked,
      title: this.panel.title,
      viewColumn: this.panel.viewColumn,
      rendered,
    };
  }

  // --- content ----------------------------------------------------------------------

  private follow(editor: vscode.TextEditor | undefined): void {
    // Only editors in a group (not an output or a diff's inner editor), as VS Code's preview does.
    if (!editor || editor.viewColumn === undefined) return;
    const shown = articleShownBy(editor.document);
    // A locked preview still follows its own article's answer document and back.
    if (shown && (!this.isLocked || same(shown.article, this.target?.article))) this.show(shown);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    this.timer = undefined;
    const target = this.target;
    if (!target) return;
    const generation = ++this.generation;
    const answer = target.answer && vscode.workspace.textDocuments.find((d) => same(d.uri, target.answer));
    const params: PreviewParams = { uri: target.article.toString(), ...(answer?.isDirty ? { answerText: answer.getText() } : {}) };
    let preview: PreviewResult | null;
    let anchors: PreviewAnchors | undefined;
    try {
      preview = await this.client.sendRequest(PREVIEW_REQUEST, params);
      anchors = preview?.source && (await anchorsIn(target.article, preview.source));
    } catch (e) {
      preview = null;
      this.client.outputChannel.appendLine(`Preview of ${target.article.toString()} failed: ${String(e)}`);
    }
    if (generation !== this.generation) return;
    this.shown = preview ?? undefined;
    if (!preview) {
      await this.post({ type: 'empty', reason: 'This file is not a QuickTakes article the preview can read.' });
      return;
    }
    await this.post({
      type: 'update',
      preview,
      anchors,
      locked: this.isLocked,
      answer: target.answer?.toString(),
      sourceColumn: this.sourceColumn,
    });
    if (this.syncOnUpdate) {
      this.syncOnUpdate = false;
      const editor = this.sourceEditors().find((e) => e === vscode.window.activeTextEditor) ?? this.sourceEditors()[0];
      const top = editor && topOf(editor, target.article);
      if (top) await this.post(top);
    }
  }

  private post(message: PreviewHostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onMessage(m: PreviewWebviewMessage): void {
    switch (m.type) {
      case 'ready':
        return this.schedule(0);
      case 'openRelated':
        return void openWorkspaceArticle(vscode.Uri.parse(m.uri, true), false);
      case 'openLink':
        return void this.openLink(m.href);
      case 'revealLine':
        return this.scrollEditors(m.line, m.offset);
      case 'openSource':
        return void this.openSource(m.line, m.offset);
      case 'rendered':
        return this.probe.answer(m);
    }
  }

  // --- scroll sync --------------------------------------------------------------------

  /** The visible editors of the article and of its answer document. */
  private sourceEditors(): vscode.TextEditor[] {
    const article = this.target?.article;
    const answer = article && answerUriOf(article);
    return vscode.window.visibleTextEditors.filter((e) => same(e.document.uri, article) || same(e.document.uri, answer));
  }

  /** An editor scrolled: the preview follows, at most every SCROLL_THROTTLE_MS, unless it is the echo of the preview's scroll. */
  private editorScrolled(editor: vscode.TextEditor): void {
    if (Date.now() < this.echoUntil || !this.panel.visible || !this.sourceEditors().includes(editor)) return;
    this.scrollingEditor = editor;
    this.scrollTimer ??= setTimeout(() => {
      this.scrollTimer = undefined;
      const top = this.scrollingEditor && this.target && topOf(this.scrollingEditor, this.target.article);
      if (top) void this.post(top);
    }, SCROLL_THROTTLE_MS);
  }

  /** The reader scrolled the preview: its editors show the same place at their top. */
  private scrollEditors(line: number, offset: number | undefined): void {
    const article = this.target?.article;
    if (!article) return;
    this.echoUntil = Date.now() + SCROLL_ECHO_MS;
    for (const editor of this.sourceEditors()) {
      const at = sourcePosition(editor.document, article, line, offset);
      if (at) editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
    }
  }

  /** A double-click: the source at that place, in the editor that shows it (the answer document while it is followed). */
  private async openSource(line: number, offset: number | undefined): Promise<void> {
    const target = this.target;
    if (!target) return;
    const intoAnswer = target.answer && line >= 0 && line < (this.shown?.answerLines ?? 0);
    const editor = await this.showDocument(intoAnswer ? target.answer! : target.article);
    const at = sourcePosition(editor.document, target.article, Math.max(0, line), offset) ?? new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  // --- links ---------------------------------------------------------------------------

  /** A link in the answer that is not a web address: an article of the site opens in the editor, any other page on the live site. */
  private async openLink(href: string): Promise<void> {
    const article = this.target?.article;
    if (!article) return;
    const base = 'https://site.invalid';
    let url: URL;
    try {
      url = new URL(href, base + (this.shown?.pageUrl ?? '/'));
    } catch {
      return;
    }
    if (url.origin !== base) return; // another scheme: the page would not have posted it
    if (!/^\/learn\/[^/]+\/questions\/[^/]+\/?$/.test(url.pathname)) {
      const page = siteAddress(article, url.pathname + url.search + url.hash);
      if (page) await vscode.env.openExternal(page);
      return;
    }
    const found = await this.client.sendRequest(RESOLVE_LINK_REQUEST, { uri: article.toString(), url: url.pathname });
    if (!found) void vscode.window.showInformationMessage('The articles are still being indexed: try the link again in a moment.');
    else if ('broken' in found) void vscode.window.showWarningMessage(`${href}: ${found.broken}`);
    else await openWorkspaceArticle(vscode.Uri.parse(found.targetUri, true), false);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.scrollTimer) clearTimeout(this.scrollTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
  }
}

/** `PreviewResult.source` as offsets into the article's text as the editor has it. */
async function anchorsIn(article: vscode.Uri, source: NonNullable<PreviewResult['source']>): Promise<PreviewAnchors> {
  const doc = await vscode.workspace.openTextDocument(article);
  const offset = (p: { line: number; character: number }) => doc.offsetAt(new vscode.Position(p.line, p.character));
  return {
    answer: source.answer && { lines: source.answer.lines.map(offset), end: offset(source.answer.end) },
    related: source.related.map((r) => ({ start: offset(r.start), end: offset(r.end) })),
  };
}

/** Where an editor's top is, for the page: an offset into the article, or a line of the answer document (its lines are the answer's). */
function topOf(editor: vscode.TextEditor, article: vscode.Uri): PreviewHostMessage | undefined {
  const start = editor.visibleRanges[0]?.start;
  if (!start) return undefined;
  const doc = editor.document;
  if (same(doc.uri, article)) return { type: 'scrollTo', offset: doc.offsetAt(start) };
  const length = doc.lineAt(start.line).text.length;
  return { type: 'scrollTo', line: start.line + (length > 0 ? start.character / length : 0) };
}

/** The place in a source document (the article, by offset; its answer document, by line) of a preview line. */
function sourcePosition(
  doc: vscode.TextDocument,
  article: vscode.Uri,
  line: number,
  offset: number | undefined,
): vscode.Position | undefined {
  if (same(doc.uri, article)) return offset === undefined ? undefined : doc.positionAt(offset);
  const at = Math.min(Math.max(line, 0), doc.lineCount - 1);
  const whole = Math.floor(at);
  return new vscode.Position(whole, Math.floor((at - whole) * doc.lineAt(whole).text.length));
}
