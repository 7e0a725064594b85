/**
 * "QuickTakes: Edit Answer": the article's answer beside it as a Markdown
 * document with real line breaks, served by a file system provider (see
 * answerUri.ts), so Markdown's outline, folding and spell checkers work on it.
 *
 * The article is updated when the answer document is saved: the provider's
 * `writeFile` applies the server's edit (`quicktakes/setAnswerText`, the answer
 * in the article's own style, nothing else changed) to the article and saves
 * the article, so undo in the article undoes it. Edits of the article, in its
 * editor or on disk, reload the answer document; VS Code keeps a dirty one and
 * reports the conflict on save. A save whose base is no longer the article's
 * answer is refused, and the unsaved text stays in the editor.
 *
 * Open answer documents get the answer checks with their quick fixes, and the
 * article's hovers on the flagged spans, all computed on their own text.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ANSWER_DIAGNOSTICS_REQUEST,
  ANSWER_HOVER_REQUEST,
  ANSWER_TEXT_REQUEST,
  SET_ANSWER_TEXT_REQUEST,
  type AnswerDiagnostic,
  type WireRange,
} from '../../server/src/protocol';
import { ANSWER_SCHEME, answerUriOf, articleUriOf } from './answerUri';
import { SEVERITY, toRange } from './commands';
import { isArticle } from './previewPanel';

const REFRESH_DELAY_MS = 150;
const CHECK_DELAY_MS = 200;

/** What the answer document was last loaded from (or saved as): the article's answer text then. */
interface Known {
  text: string;
  mtime: number;
}

/** Work per key that waits for a pause: a new request for the key replaces the one pending. */
class Debounce {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  run(key: string, delayMs: number, work: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        work();
      }, delayMs),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }
}

class AnswerFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /** By answer URI. */
  private readonly known = new Map<string, Known>();
  /** The answer each open document was read from: a save is refused unless the article still holds it. */
  private readonly loaded = new Map<string, string>();
  /** Answer URIs being written: the article edits they make are not news to them. */
  private readonly writing = new Set<string>();
  private readonly refreshes = new Debounce();

  constructor(private readonly client: LanguageClient) {}

  /** The article's answer now, undefined when it has none the server can read. */
  async articleAnswer(article: vscode.Uri): Promise<string | undefined> {
    const found = await this.client.sendRequest(ANSWER_TEXT_REQUEST, { textDocument: { uri: article.toString() } });
    return found?.text;
  }

  /** After a change of the article: reloads the answer document if the answer changed. */
  refreshSoon(answer: vscode.Uri): void {
    this.refreshes.run(answer.toString(), REFRESH_DELAY_MS, () => void this.refresh(answer));
  }

  private async refresh(answer: vscode.Uri): Promise<void> {
    const key = answer.toString();
    const article = articleUriOf(answer);
    if (!article || this.writing.has(key) || !this.known.has(key)) return;
    let text: string | undefined;
    try {
      text = await this.articleAnswer(article);
    } catch {
      return; // the server is restarting: the next change refreshes
    }
    // An answer that cannot be read (front matter broken mid-edit) leaves the document as it is.
    if (text === undefined || this.writing.has(key)) return;
    if (this.remember(key, text)) this.changes.fire([{ type: vscode.FileChangeType.Changed, uri: answer }]);
  }

  /** Records the article's answer; true when it differs from the one known (a new modification time then). */
  private remember(key: string, text: string): boolean {
    const old = this.known.get(key);
    if (old?.text === text) return false;
    // Later than any time handed out, so VS Code sees a newer file and reloads (or reports a conflict if dirty).
    this.known.set(key, { text, mtime: Math.max(Date.now(), (old?.mtime ?? 0) + 1) });
    return true;
  }

  private async load(uri: vscode.Uri): Promise<Known> {
    const article = articleUriOf(uri);
    if (!article) throw vscode.FileSystemError.FileNotFound(uri);
    const text = await this.articleAnswer(article);
    if (text === undefined) {
      throw vscode.FileSystemError.FileNotFound(
        `${fileName(article)} has no answer that can be edited as Markdown (fix the problems of its front matter first).`,
      );
    }
    this.remember(uri.toString(), text);
    return this.known.get(uri.toString())!;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const known = this.known.get(uri.toString()) ?? (await this.load(uri));
    return { type: vscode.FileType.File, ctime: 0, mtime: known.mtime, size: new TextEncoder().encode(known.text).length };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { text } = await this.load(uri);
    this.loaded.set(uri.toString(), text);
    return new TextEncoder().encode(text);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const article = articleUriOf(uri);
    const key = uri.toString();
    const base = this.known.get(key);
    if (!article || !base) throw vscode.FileSystemError.NoPermissions('Open the answer with "QuickTakes: Edit Answer".');
    let text = new TextDecoder().decode(content);
    // Line breaks the editor typed as CRLF (files.eol) are line breaks of the answer all the same.
    if (!base.text.includes('\r')) text = text.replaceAll('\r\n', '\n');
    this.writing.add(key);
    try {
      const now = await this.articleAnswer(article);
      if (now === undefined) {
        throw vscode.FileSystemError.Unavailable(
          `Nothing was written: the answer of ${fileName(article)} cannot be read now (see the article's problems). Your text is kept here.`,
        );
      }
      // compared with what the document was read from, not the latest refresh: a dirty document keeps its base
      if (now !== (this.loaded.get(key) ?? base.text)) {
        this.remember(key, now);
        this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
        throw vscode.FileSystemError.Unavailable(
          `Nothing was written: the answer in ${fileName(article)} changed since this document was loaded. Your text is kept here: ` +
            'copy what you want to keep, run "File: Revert File" to load the article’s answer, then paste and save.',
        );
      }
      await writeAnswer(this.client, article, text);
      this.remember(key, text);
      this.loaded.set(key, text);
    } finally {
      this.writing.delete(key);
    }
  }

  /** Forgets an answer document that was closed (it is read afresh when opened again). */
  forget(uri: vscode.Uri): void {
    this.known.delete(uri.toString());
    this.loaded.delete(uri.toString());
  }

  watch(): vscode.Disposable {
    // Changes come from the article's editor and a watcher of article files (see activateAnswerEditor).
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** Puts `text` into the article as its answer (one edit, undoable in the article) and saves the article. */
async function writeAnswer(client: LanguageClient, article: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(article);
  // The edits are for the text the server read: if the article changed meanwhile, ask again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const version = doc.version;
    let edits: { range: WireRange; newText: string }[];
    try {
      edits = await client.sendRequest(SET_ANSWER_TEXT_REQUEST, { textDocument: { uri: article.toString() }, text });
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(`Nothing was written to ${fileName(article)}: ${(e as Error).message}`);
    }
    if (doc.version !== version) continue;
    if (edits.length > 0) {
      const edit = new vscode.WorkspaceEdit();
      edit.set(
        article,
        edits.map((e) => vscode.TextEdit.replace(toRange(e.range), e.newText)),
      );
      if (!(await vscode.workspace.applyEdit(edit))) throw vscode.FileSystemError.Unavailable(`${fileName(article)} could not be edited.`);
    }
    if (doc.isDirty && !(await doc.save())) throw vscode.FileSystemError.Unavailable(`${fileName(article)} could not be saved.`);
    return;
  }
  throw vscode.FileSystemError.Unavailable(`Nothing was written: ${fileName(article)} kept changing. Save again.`);
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The article to edit the answer of: the command's argument (a code lens sends a string), else the active editor's. */
function targetArticle(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === ANSWER_SCHEME ? articleUriOf(arg) : arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg, true);
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return undefined;
  if (doc.uri.scheme === ANSWER_SCHEME) return articleUriOf(doc.uri);
  return isArticle(doc) ? doc.uri : undefined;
}

async function editAnswer(fs: AnswerFileSystem, arg: unknown): Promise<void> {
  const article = targetArticle(arg);
  const uri = article && answerUriOf(article);
  if (!article || !uri) {
    void vscode.window.showInformationMessage('Open a QuickTakes article to edit its answer.');
    return;
  }
  if ((await fs.articleAnswer(article)) === undefined) {
    void vscode.window.showWarningMessage(
      `${fileName(article)} has no answer that can be edited as Markdown: fix the problems of its front matter first.`,
    );
    return;
  }
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'markdown') doc = await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** The answer checks in open answer documents, with their quick fixes. */
class AnswerChecks implements vscode.CodeActionProvider {
  readonly collection = vscode.languages.createDiagnosticCollection('quicktakes-answer');
  private readonly fixes = new Map<string, Map<string, NonNullable<AnswerDiagnostic['fix']>>>();
  private readonly pending = new Debounce();
  private readonly generations = new Map<string, number>();

  constructor(private readonly client: LanguageClient) {}

  schedule(doc: vscode.TextDocument, delay = CHECK_DELAY_MS): void {
    this.pending.run(doc.uri.toString(), delay, () => void this.check(doc));
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    let found: AnswerDiagnostic[];
    try {
      const article = articleUriOf(doc.uri);
      found = await this.client.sendRequest(ANSWER_DIAGNOSTICS_REQUEST, {
        textDocument: article && { uri: article.toString() },
        text: doc.getText(),
      });
    } catch {
      return; // the server is restarting: the next change checks again
    }
    if (this.generations.get(key) !== generation || doc.isClosed) return;
    const fixes = new Map<string, NonNullable<AnswerDiagnostic['fix']>>();
    const diagnostics = found.map((d) => {
      const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
      diagnostic.code = d.code;
      diagnostic.source = 'quicktakes';
      if (d.fix) fixes.set(fixKey(diagnostic), d.fix);
      return diagnostic;
    });
    this.fixes.set(key, fixes);
    this.collection.set(doc.uri, diagnostics);
  }

  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.pending.cancel(key);
    this.fixes.delete(key);
    this.generations.delete(key);
    this.collection.delete(doc.uri);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const fixes = this.fixes.get(doc.uri.toString());
    if (!fixes) return [];
    return context.diagnostics.flatMap((d) => {
      const fix = d.source === 'quicktakes' ? fixes.get(fixKey(d)) : undefined;
      if (!fix) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(
        doc.uri,
        fix.edits.map((e) => vscode.TextEdit.replace(toRange(e.range), e.newText)),
      );
      return [action];
    });
  }
}

/** What the site will show in a flagged span, as the article's hover says it. */
class AnswerHovers implements vscode.HoverProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideHover(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const article = articleUriOf(doc.uri);
    if (!article) return undefined;
    const params = {
      textDocument: { uri: article.toString() },
      text: doc.getText(),
      position: { line: position.line, character: position.character },
    };
    try {
      const hover = await this.client.sendRequest(ANSWER_HOVER_REQUEST, params, token);
      return hover ? this.client.protocol2CodeConverter.asHover(hover) : undefined;
    } catch {
      return undefined; // the server is restarting: no hover this time
    }
  }
}

function fixKey(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${String(typeof d.code === 'object' ? d.code.value : d.code)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function activateAnswerEditor(context: vscode.ExtensionContext, client: LanguageClient): void {
  const fs = new AnswerFileSystem(client);
  const checks = new AnswerChecks(client);
  const isAnswer = (doc: vscode.TextDocument) => doc.uri.scheme === ANSWER_SCHEME;
  /** The open answer document of an article, if any. */
  const openAnswerOf = (article: vscode.Uri) => {
    const uri = answerUriOf(article)?.toString();
    return uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
  };
  const articleChanged = (article: vscode.Uri) => {
    const answer = openAnswerOf(article);
    if (answer) fs.refreshSoon(answer.uri);
  };
  // Disk changes of articles that are not open (git checkout, `quicktakes fix`); open ones change through their editor.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
  for (const doc of vscode.workspace.textDocuments) if (isAnswer(doc)) checks.schedule(doc, 0);
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(ANSWER_SCHEME, fs, { isCaseSensitive: true }),
    checks.collection,
    vscode.languages.registerCodeActionsProvider({ scheme: ANSWER_SCHEME }, checks, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.languages.registerHoverProvider({ scheme: ANSWER_SCHEME }, new AnswerHovers(client)),
    watcher,
    watcher.onDidChange(articleChanged),
    watcher.onDidCreate(articleChanged),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isAnswer(e.document)) checks.schedule(e.document);
      else if (e.contentChanges.length > 0) articleChanged(e.document.uri);
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => isAnswer(doc) && checks.schedule(doc, 0)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (!isAnswer(doc)) return;
      checks.forget(doc);
      fs.forget(doc.uri);
    }),
    vscode.commands.registerCommand('quicktakes.editAnswer', async (arg?: unknown) => {
      try {
        await editAnswer(fs, arg);
      } catch (e) {
        void vscode.window.showErrorMessage(`QuickTakes: ${(e as Error).message ?? e}`);
      }
    }),
  );
}
