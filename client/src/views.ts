/**
 * The QuickTakes views (a view container in the activity bar): Linked From and
 * Links of the article in the editor, and the corpus lists Linked From Nowhere,
 * Without Related Links and Problems by Code. The server computes every list
 * (protocol.ts); this module turns them into tree items and asks again when the
 * server says the corpus changed (VS Code asks only the views that are visible)
 * or another article comes into the editor. Each row opens its article.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ARTICLE_LINKS_REQUEST,
  CORPUS_LIST_LIMIT,
  CORPUS_LIST_REQUEST,
  PROBLEM_CODES_REQUEST,
  type ArticleLinks,
  type BacklinkItem,
  type CorpusListParams,
  type ListedArticle,
  type SlotStatusItem,
  type WireRange,
} from '../../server/src/protocol';
import { articleUriOf } from './answerUri';
import { toRange } from './commands';
import { corpusChanged } from './corpusChanges';
import { isArticle } from './previewPanel';

const VIEWS = {
  linkedFrom: 'quicktakes.linkedFrom',
  links: 'quicktakes.links',
  linkedFromNowhere: 'quicktakes.linkedFromNowhere',
  withoutRelated: 'quicktakes.withoutRelated',
  problems: 'quicktakes.problems',
} as const;

type Severity = SlotStatusItem['problems'][number]['severity'];

const SEVERITY_ICONS: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};
const OK_ICON = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const INDEXING = 'Indexing the QuickTakes articles…';

/** A row: a tree item, with its children when it has some, and the article a slot leads to. */
interface Row extends vscode.TreeItem {
  children?: () => Promise<Row[]>;
  target?: vscode.Uri;
}

/** What a view shows: its rows, and the message and description above them. */
interface Shown {
  rows: Row[];
  message?: string;
  description?: string;
}

/** What a view shows, as plain data (for end-to-end tests). */
export interface ShownData {
  message?: string;
  description?: string;
  rows: { label: string; description?: string; uri?: string }[];
}

/** One tree view whose top rows come from `load`, asked again on `refresh`. */
class LiveView implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Row>;
  private loading: vscode.CancellationTokenSource | undefined;
  /** What the view showed last. */
  private shown: Shown = { rows: [] };

  constructor(
    readonly id: string,
    private readonly load: (token: vscode.CancellationToken) => Promise<Shown | undefined>,
  ) {
    this.view = vscode.window.createTreeView(id, { treeDataProvider: this });
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(row: Row): Row {
    return row;
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (row) return (await row.children?.()) ?? [];
    this.loading?.cancel();
    const loading = (this.loading = new vscode.CancellationTokenSource());
    let shown: Shown | undefined;
    try {
      shown = await vscode.window.withProgress({ location: { viewId: this.id } }, () => this.load(loading.token));
    } catch (e) {
      shown = loading.token.isCancellationRequested
        ? undefined
        : { rows: [], message: `The QuickTakes language server did not answer: ${String(e)}` };
    }
    // superseded by a newer load, which will answer
    if (!shown || loading.token.isCancellationRequested) return this.shown.rows;
    this.shown = shown;
    this.view.message = shown.message;
    this.view.description = shown.description;
    return shown.rows;
  }

  data(): ShownData {
    const text = (s: string | vscode.TreeItemLabel | boolean | undefined) =>
      typeof s === 'object' ? s.label : s === true ? '' : s || undefined;
    return {
      message: this.shown.message,
      description: this.shown.description,
      rows: this.shown.rows.map((r) => ({ label: text(r.label) ?? '', description: text(r.description), uri: r.resourceUri?.toString() })),
    };
  }

  dispose(): void {
    this.loading?.cancel();
    this.view.dispose();
    this.changed.dispose();
  }
}

const fileName = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** The command that opens an article (at a range) from a row, in a preview editor, the view keeping the focus. */
function openCommand(uri: vscode.Uri, range?: WireRange): vscode.Command {
  const options: vscode.TextDocumentShowOptions = { preview: true, preserveFocus: true, ...(range ? { selection: toRange(range) } : {}) };
  return { command: 'vscode.open', title: 'Open', arguments: [uri, options] };
}

function articleRow(a: ListedArticle, id: string): Row {
  const uri = vscode.Uri.parse(a.uri);
  const row: Row = new vscode.TreeItem(a.title ?? fileName(uri));
  row.id = id;
  row.resourceUri = uri;
  row.description = a.count !== undefined ? `${a.subject} · ${a.count}` : a.subject;
  row.tooltip = vscode.workspace.asRelativePath(uri);
  row.command = openCommand(uri, a.range);
  return row;
}

function moreRow(more: number, viewId: string, code?: string): Row {
  const row: Row = new vscode.TreeItem(`${more.toLocaleString('en-US')} more…`);
  row.iconPath = new vscode.ThemeIcon('ellipsis');
  row.command = { command: 'quicktakes.views.showMore', title: 'Show More', arguments: [viewId, code] };
  return row;
}

function backlinkRow(b: BacklinkItem): Row {
  const uri = vscode.Uri.parse(b.uri);
  const row: Row = new vscode.TreeItem(b.title ?? fileName(uri));
  row.id = `${b.uri}#${b.n}`;
  row.resourceUri = uri;
  row.description = `${b.subject ?? ''} · related_article${b.n}`;
  row.tooltip = vscode.workspace.asRelativePath(uri);
  row.command = openCommand(uri, b.range);
  return row;
}

function slotRow(article: vscode.Uri, s: SlotStatusItem, index: number): Row {
  const row: Row = new vscode.TreeItem(s.title ?? s.target?.title ?? s.url ?? `related_article${s.n}`);
  row.id = `${index}`;
  const worst = s.problems.reduce<Severity | undefined>(
    (w, p) => (w === undefined || RANK[p.severity] < RANK[w] ? p.severity : w),
    undefined,
  );
  row.iconPath = worst ? SEVERITY_ICONS[worst] : OK_ICON;
  row.description = s.problems.length > 0 ? [...new Set(s.problems.map((p) => p.code))].join(', ') : 'ok';
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`\`related_article${s.n}\``);
  if (s.url) tooltip.appendMarkdown(' → ').appendText(s.url);
  for (const p of s.problems) tooltip.appendMarkdown('\n\n').appendText(`${p.code}: ${p.message}`);
  row.tooltip = tooltip;
  row.command = openCommand(article, s.range);
  if (s.target) {
    row.target = vscode.Uri.parse(s.target.uri);
    row.contextValue = 'slotWithTarget';
  }
  return row;
}

/** The article the Linked From and Links views show: the last one active in an editor (an answer document shows its article). */
class ArticleFocus implements vscode.Disposable {
  uri: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  /** Both views ask for the same data: one request per article and change. */
  private asked: Promise<ArticleLinks | null> | undefined;

  constructor(private readonly client: LanguageClient) {
    this.disposables = [vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)), this.changed];
    this.follow(vscode.window.activeTextEditor);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    const document = editor?.document;
    const uri = document && (isArticle(document) ? document.uri : articleUriOf(document.uri));
    // for the walkthrough's "open an article" step
    void vscode.commands.executeCommand('setContext', 'quicktakes.articleActive', !!uri);
    if (!uri || uri.toString() === this.uri?.toString()) return;
    this.uri = uri;
    this.forget();
    this.changed.fire();
  }

  /** What the server says of the article now. */
  links(): Promise<ArticleLinks | null> | undefined {
    if (!this.uri) return undefined;
    this.asked ??= this.client.sendRequest(ARTICLE_LINKS_REQUEST, { uri: this.uri.toString() });
    return this.asked;
  }

  forget(): void {
    this.asked = undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The top rows of a view of the focused article, made by `rows` from what the server says of it; `messages` for no article and no rows. */
function articleView(
  focus: ArticleFocus,
  messages: { none: string; empty: string },
  rows: (article: vscode.Uri, links: ArticleLinks) => Row[],
) {
  return async (): Promise<Shown> => {
    const asked = focus.links();
    const uri = focus.uri;
    if (!asked || !uri) return { rows: [], message: messages.none };
    const links = await asked;
    if (!links) return { rows: [], message: `${vscode.workspace.asRelativePath(uri)} is not an article of the index.` };
    if (links.indexing) return { rows: [], message: INDEXING };
    const found = rows(uri, links);
    return { rows: found, message: found.length === 0 ? messages.empty : undefined, description: links.title ?? fileName(uri) };
  };
}

export function activateViews(context: vscode.ExtensionContext, client: LanguageClient): void {
  const focus = new ArticleFocus(client);
  /** How many articles a list shows (by view, or by code in Problems by Code): "N more…" raises it. */
  const limits = new Map<string, number>();
  const limitOf = (key: string) => limits.get(key) ?? CORPUS_LIST_LIMIT;

  const list = async (params: CorpusListParams, id: (a: ListedArticle) => string, viewId: string, token?: vscode.CancellationToken) => {
    const found = await client.sendRequest(CORPUS_LIST_REQUEST, params, token);
    if (!found) return undefined;
    const rows = found.articles.map((a) => articleRow(a, id(a)));
    const more = found.total - found.articles.length;
    if (more > 0) rows.push(moreRow(more, viewId, params.list === 'problem' ? params.code : undefined));
    return { found, rows };
  };

  const corpusList = (viewId: string, which: 'linkedFromNowhere' | 'withoutRelated', empty: string) =>
    new LiveView(viewId, async (token) => {
      const r = await list({ list: which, limit: limitOf(viewId) }, (a) => a.uri, viewId, token);
      if (!r) return undefined;
      if (r.found.indexing) return { rows: [], message: INDEXING };
      return { rows: r.rows, message: r.found.total === 0 ? empty : undefined, description: r.found.total.toLocaleString('en-US') };
    });

  const problems = new LiveView(VIEWS.problems, async (token) => {
    const found = await client.sendRequest(PROBLEM_CODES_REQUEST, {}, token);
    if (!found) return undefined;
    if (found.indexing) return { rows: [], message: INDEXING };
    const rows = found.codes.map((c): Row => {
      const row: Row = new vscode.TreeItem(c.code, vscode.TreeItemCollapsibleState.Collapsed);
      row.id = `code:${c.code}`;
      row.iconPath = SEVERITY_ICONS[c.severity];
      row.description = `${c.count.toLocaleString('en-US')} in ${c.articles.toLocaleString('en-US')} ${c.articles === 1 ? 'article' : 'articles'}`;
      const key = `${VIEWS.problems}:${c.code}`;
      row.children = async () =>
        (await list({ list: 'problem', code: c.code, limit: limitOf(key) }, (a) => `${c.code}:${a.uri}`, VIEWS.problems))?.rows ?? [];
      return row;
    });
    const total = found.codes.reduce((n, c) => n + c.count, 0);
    return { rows, message: rows.length === 0 ? 'No problems in any article.' : undefined, description: total.toLocaleString('en-US') };
  });

  const views = [
    new LiveView(
      VIEWS.linkedFrom,
      articleView(
        focus,
        { none: 'Open a QuickTakes article to see the articles linking to it.', empty: 'No article links to this one.' },
        (_uri, l) => l.linkedFrom.map(backlinkRow),
      ),
    ),
    new LiveView(
      VIEWS.links,
      articleView(
        focus,
        { none: 'Open a QuickTakes article to see its related links.', empty: 'This article has no related links.' },
        (uri, l) => l.links.map((s, i) => slotRow(uri, s, i)),
      ),
    ),
    corpusList(VIEWS.linkedFromNowhere, 'linkedFromNowhere', 'Every article is linked from another one.'),
    corpusList(VIEWS.withoutRelated, 'withoutRelated', 'Every article has related links.'),
    problems,
  ];
  const byId = new Map(views.map((v) => [v.id, v]));
  const articleViews = views.slice(0, 2);

  // the views show in workspaces where the extension runs only
  void vscode.commands.executeCommand('setContext', 'quicktakes.enabled', true);
  context.subscriptions.push(
    focus,
    ...views,
    focus.onDidChange(() => articleViews.forEach((v) => v.refresh())),
    corpusChanged(
      context,
      client,
    )(() => {
      focus.forget();
      views.forEach((v) => v.refresh());
    }),
    vscode.commands.registerCommand('quicktakes.views.showMore', (viewId: string, code?: string) => {
      const key = code ? `${viewId}:${code}` : viewId;
      limits.set(key, limitOf(key) + CORPUS_LIST_LIMIT);
      byId.get(viewId)?.refresh();
    }),
    vscode.commands.registerCommand('quicktakes.openLinkTarget', (row?: Row) =>
      row?.target ? vscode.window.showTextDocument(row.target, { preview: true }) : undefined,
    ),
    // for end-to-end tests: what a view showed last
    vscode.commands.registerCommand('quicktakes.viewShown', (viewId: string): ShownData | undefined => byId.get(viewId)?.data()),
  );
}
