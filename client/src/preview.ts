/**
 * The preview commands, as VS Code's Markdown preview has them: "Open Preview"
 * (in the editor's group), "Open Preview to the Side", "Open Locked Preview to
 * the Side", "Toggle Preview Locking", "Show Source" and "Open on the Live Site".
 * One dynamic (following) preview per editor group, and locked ones per article
 * (previewPanel.ts). Previews come back after a window reload: the serializer
 * revives each panel from the state its page kept.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewPageState } from '../../server/src/protocol';
import { ANSWER_SCHEME, articleUriOf } from './answerUri';
import {
  articleShownBy,
  PREVIEW_VIEW_TYPE,
  PreviewPanel,
  previewTitle,
  siteAddress,
  type PreviewOpening,
  type PreviewProbe,
  type PreviewTarget,
} from './previewPanel';

/** The article a command is about: its argument (a URI from a menu), else the active editor's. */
function commandTarget(arg: unknown): PreviewTarget | undefined {
  if (arg instanceof vscode.Uri) {
    const article = arg.scheme === ANSWER_SCHEME ? articleUriOf(arg) : arg;
    return article && { article, answer: arg.scheme === ANSWER_SCHEME ? arg : undefined };
  }
  const active = vscode.window.activeTextEditor?.document;
  return active && (articleShownBy(active) ?? { article: active.uri });
}

class PreviewManager implements vscode.WebviewPanelSerializer {
  private readonly previews = new Set<PreviewPanel>();
  /** The preview last focused or opened: the one "Toggle Preview Locking" and "Show Source" act on. */
  private active: PreviewPanel | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {}

  open(arg: unknown, { side, locked }: { side: boolean; locked: boolean }): void {
    const target = commandTarget(arg);
    if (!target) {
      void vscode.window.showInformationMessage('Open a QuickTakes article to preview it.');
      return;
    }
    const sourceColumn = vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const column = side ? sourceColumn + 1 : sourceColumn;
    let preview = [...this.previews].find((p) => p.matches(column, locked, target.article));
    if (preview) {
      preview.panel.reveal(column, side);
    } else {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        previewTitle(target.article, locked),
        { viewColumn: column, preserveFocus: side },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      preview = this.add(panel, { locked, sourceColumn });
    }
    this.active = preview;
    preview.show(target);
  }

  /** Brings back a preview after a reload, from what its page kept (PreviewPageState). */
  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const kept = (state ?? {}) as PreviewPageState;
    const parse = (uri: unknown) => {
      try {
        return typeof uri === 'string' ? vscode.Uri.parse(uri, true) : undefined;
      } catch {
        return undefined;
      }
    };
    const article = parse(kept.uri);
    // a page that never showed an article has nothing to come back to
    if (!article) {
      panel.dispose();
      return Promise.resolve();
    }
    const column = panel.viewColumn ?? vscode.ViewColumn.One;
    const sourceColumn = typeof kept.sourceColumn === 'number' ? kept.sourceColumn : Math.max(vscode.ViewColumn.One, column - 1);
    const preview = this.add(panel, { locked: kept.locked === true, sourceColumn });
    // the page scrolls itself back to where it was
    preview.show({ article, answer: parse(kept.answer) }, { syncWithEditor: false });
    return Promise.resolve();
  }

  toggleLock(): void {
    const preview = this.focused() ?? this.active;
    if (!preview) return;
    preview.toggleLock();
    // two dynamic previews in one group, or two locked on one article: keep the one just toggled
    for (const other of this.previews)
      if (other !== preview && other.matches(preview.panel.viewColumn, preview.locked, preview.article)) other.panel.dispose();
  }

  async showSource(): Promise<void> {
    await (this.focused() ?? this.active)?.showSource();
  }

  /** The page of the focused preview's article, or the command's or active editor's, on the live site; returns the address opened. */
  async openOnSite(arg: unknown): Promise<string | undefined> {
    const focused = arg === undefined ? this.focused() : undefined;
    let page: vscode.Uri | undefined;
    if (focused) {
      page = focused.siteAddress();
    } else {
      const target = commandTarget(arg);
      if (!target) {
        void vscode.window.showInformationMessage('Open a QuickTakes article to open its page on the live site.');
        return undefined;
      }
      const preview = await this.client.sendRequest(PREVIEW_REQUEST, { uri: target.article.toString() });
      if (!preview?.pageUrl) {
        void vscode.window.showWarningMessage(
          'This file is not a QuickTakes article in a `learn/<subject>` folder: the site has no page for it.',
        );
        return undefined;
      }
      page = siteAddress(target.article, preview.pageUrl);
    }
    if (!page) return undefined;
    void vscode.env.openExternal(page);
    return page.toString(true);
  }

  probe(): Promise<PreviewProbe[]> {
    return Promise.all([...this.previews].map((p) => p.probeState()));
  }

  dispose(): void {
    for (const p of this.previews) p.panel.dispose();
  }

  private focused(): PreviewPanel | undefined {
    return [...this.previews].find((p) => p.panel.active);
  }

  private add(panel: vscode.WebviewPanel, opening: PreviewOpening): PreviewPanel {
    const preview = new PreviewPanel(panel, opening, this.client, this.extensionUri, () => {
      this.previews.delete(preview);
      if (this.active === preview) this.active = undefined;
    });
    this.previews.add(preview);
    panel.onDidChangeViewState(() => {
      if (panel.active) this.active = preview;
    });
    return preview;
  }
}

export function activatePreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const previews = new PreviewManager(client, context.extensionUri);
  const uriArg = (arg: unknown) => (arg instanceof vscode.Uri ? arg : undefined);
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, previews),
    vscode.commands.registerCommand('quicktakes.openPreview', (arg?: unknown) =>
      previews.open(uriArg(arg), { side: false, locked: false }),
    ),
    vscode.commands.registerCommand('quicktakes.openPreviewToSide', (arg?: unknown) =>
      previews.open(uriArg(arg), { side: true, locked: false }),
    ),
    vscode.commands.registerCommand('quicktakes.openLockedPreviewToSide', (arg?: unknown) =>
      previews.open(uriArg(arg), { side: true, locked: true }),
    ),
    vscode.commands.registerCommand('quicktakes.toggleLockPreview', () => previews.toggleLock()),
    vscode.commands.registerCommand('quicktakes.showPreviewSource', () => previews.showSource()),
    vscode.commands.registerCommand('quicktakes.openOnSite', (arg?: unknown) => previews.openOnSite(uriArg(arg))),
    // For end-to-end tests: what each preview shows (a round trip through each visible page).
    vscode.commands.registerCommand('quicktakes.previewRendered', () => previews.probe()),
    previews,
  );
}
