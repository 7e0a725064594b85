/**
 * The QuickTakes language server: connection wiring only. State lives in the
 * core `Project`; each LSP feature is a module under `features/`.
 * Runs over stdio (`--stdio`) or Node IPC (`--node-ipc`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type FileEvent,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Project } from './core/corpus/project';
import { loadCorpus, learnFolderOfGlob, readArticleText } from './core/loading/workspace';
import { locateArticle, toSlash } from './core/site/paths';
import { readArticleModel } from './core/frontMatter/scan';
import { inSlices } from './core/loading/slices';
import { checkOwn } from './core/checks';
import { compareDiagnostics, type Diagnostic } from './core/checks/diagnostics';
import type { ServerContext } from './features/context';
import { DiagnosticsPublisher } from './features/diagnostics';
import { FEATURES } from './features';
import { DEFAULT_SETTINGS, STATUS_NOTIFICATION, type Settings, type StatusParams } from './protocol';
import { uriToPath } from './uri';
import { OpenDocuments } from './documents';

const connection = createConnection(ProposedFeatures.all);
const documents = new OpenDocuments(TextDocument);
const project = new Project();

let settings: Settings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
let supportsConfiguration = false;
let supportsWatchRegistration = false;
let supportsProgress = false;
let supportsFolderEvents = false;
/** How often indexing progress is reported (ms). */
const PROGRESS_MS = 100;
/** Bumped per (re)index, so a superseded index run stops. */
let indexGeneration = 0;
let indexed = false;
/** The learn folders the current run indexes: open articles in them get their own-file checks meanwhile. */
let indexingRoots = new Set<string>();
const indexedListeners: (() => void)[] = [];
/** Settles when the current index run ends; disk changes that arrive meanwhile wait for it. */
let indexRun: Promise<void> = Promise.resolve();

const publisher = new DiagnosticsPublisher(connection, {
  compute: (uri) => {
    const p = uriToPath(uri);
    if (!p) return undefined;
    if (!indexed) return ownDiagnostics(uri, p);
    return project.corpusOf(p) ? project.diagnostics(p) : undefined;
  },
  severities: () => settings.severity,
  delay: () => settings.diagnosticsDelay,
});

const context: ServerContext = {
  connection,
  documents,
  project,
  settings: () => settings,
  isIndexed: () => indexed,
  textOf: (p) => {
    const loc = locateArticle(p);
    const open = documents.all().find((d) => uriToPath(d.uri) === (loc?.path ?? p));
    return open ? open.getText() : readArticleText(p);
  },
  articleOf: (uri) => {
    const p = uriToPath(uri);
    const document = documents.get(uri);
    const article = p && indexed ? project.article(p) : undefined;
    if (!document || !article) return undefined;
    return { article, model: article.model ?? readArticleModel(document.getText()), document };
  },
  onIndexed: (listener) => indexedListeners.push(listener),
  revalidate: (uris) => publisher.schedule(uris),
  settled: () => diskSync,
};

/** Until the index is ready: the checks of an open article's own text (its fields, its answer), which need no other file. */
function ownDiagnostics(uri: string, p: string): Diagnostic[] | undefined {
  const location = locateArticle(p);
  const document = documents.get(uri);
  if (!location || !document || !indexingRoots.has(location.learnRoot)) return undefined;
  return checkOwn(readArticleModel(document.getText()), location).sort(compareDiagnostics);
}

function sendStatus(status: StatusParams): void {
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}

/** Open documents (by URI) among the given article paths. */
function openUris(paths: Iterable<string>): string[] {
  const wanted = new Set(paths);
  return documents.all().flatMap((d) => {
    const p = uriToPath(d.uri);
    return p && wanted.has(p) ? [d.uri] : [];
  });
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  supportsConfiguration = !!caps.workspace?.configuration;
  supportsWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  supportsProgress = !!caps.window?.workDoneProgress;
  supportsFolderEvents = !!caps.workspace?.workspaceFolders;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.map(uriToPath).filter((p): p is string => !!p);
  const init = params.initializationOptions as Partial<Settings> | undefined;
  if (init) settings = { ...settings, ...init };
  return {
    capabilities: Object.assign(
      {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      ...FEATURES.map((f) => f.capabilities ?? {}),
    ),
    serverInfo: { name: 'quicktakes-language-server' },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'quicktakes' });
  }
  if (supportsWatchRegistration) {
    // Folders too: a deleted or moved subject folder arrives as one event for the folder.
    const watchers = ['**/*.md', '**/learn', '**/learn/*', '**/content'].map((globPattern) => ({ globPattern }));
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }
  if (supportsFolderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
      workspaceFolders.push(...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
      void reindex();
    });
  }
  await refreshSettings();
  await reindex();
});

async function refreshSettings(): Promise<void> {
  if (!supportsConfiguration) return;
  try {
    const s = (await connection.workspace.getConfiguration('quicktakes')) as Partial<Settings> | null;
    settings = { ...DEFAULT_SETTINGS, ...(s ?? {}) };
  } catch {
    // keep the settings we have
  }
}

connection.onDidChangeConfiguration(async () => {
  const oldGlob = settings.contentGlob;
  await refreshSettings();
  if (settings.contentGlob !== oldGlob) await reindex();
  else publisher.schedule(documents.all().map((d) => d.uri));
});

/** Indexes every workspace folder's learn folder, reporting progress; never blocks for long. */
function reindex(): Promise<void> {
  const generation = ++indexGeneration; // cancels a run in progress
  const run = indexRun.catch(() => undefined).then(() => (generation === indexGeneration ? indexOnce(generation) : undefined));
  indexRun = run;
  return run;
}

async function indexOnce(generation: number): Promise<void> {
  const roots = workspaceFolders
    .map((f) => toSlash(path.resolve(f, learnFolderOfGlob(settings.contentGlob))))
    .filter((r) => fs.existsSync(r));
  for (const c of project.allCorpora()) project.removeCorpus(c.learnRoot);
  indexed = false;
  indexingRoots = new Set(roots);
  publisher.schedule(documents.all().map((d) => d.uri)); // their own-file checks, while the index is built
  if (roots.length === 0) {
    indexed = true;
    sendStatus({ state: 'idle', articles: 0, message: 'No content/learn folder in this workspace.' });
    return;
  }
  const progress = supportsProgress ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('Indexing QuickTakes articles', 0, undefined, false);
  const started = Date.now();
  let reported = 0;
  try {
    for (const root of roots) {
      const corpus = await loadCorpus(root, {
        isCancelled: () => generation !== indexGeneration,
        onProgress: (done, total) => {
          if (Date.now() - reported < PROGRESS_MS && done < total) return;
          reported = Date.now();
          const pct = Math.round((done / total) * 100);
          progress?.report(pct, `${done} / ${total} articles`);
          sendStatus({ state: 'indexing', articles: done, progress: done / total });
        },
      });
      // the maps of who links to whom, which a title or id edit in an open article asks: built before the
      // first overlay when articles are open, else in the background when one is opened (~10 MB: not before)
      if (documents.all().length > 0) await inSlices(corpus.referrerSteps(), undefined, () => generation !== indexGeneration);
      project.addCorpus(corpus);
    }
  } catch (e) {
    progress?.done();
    if (generation !== indexGeneration) return; // superseded by a newer run
    sendStatus({ state: 'error', articles: 0, message: String((e as Error).message ?? e) });
    connection.console.error(`quicktakes: indexing failed: ${(e as Error).stack ?? e}`);
    return;
  }
  for (const doc of documents.all()) {
    const p = uriToPath(doc.uri);
    if (p) project.setOverlay(p, doc.getText());
  }
  indexed = true;
  progress?.done();
  connection.console.info(`quicktakes: indexed ${project.articleCount} articles in ${Date.now() - started} ms`);
  sendStatus({ state: 'ready', articles: project.articleCount });
  publisher.schedule(documents.all().map((d) => d.uri));
  for (const listener of indexedListeners) {
    try {
      listener();
    } catch (e) {
      connection.console.error(`quicktakes: ${(e as Error).stack ?? e}`);
    }
  }
}

function onDocumentText(doc: TextDocument): void {
  const p = uriToPath(doc.uri);
  if (!p) return;
  if (!indexed) {
    publisher.schedule([doc.uri]);
    return;
  }
  const affected = project.setOverlay(p, doc.getText());
  publisher.schedule([doc.uri, ...openUris(affected)]);
}

/** An article was opened: the referrer maps of its folder, if not built yet, in the background (see indexOnce). */
function prepareReferrers(doc: TextDocument): void {
  const p = uriToPath(doc.uri);
  const corpus = p && indexed ? project.corpusOf(p) : undefined;
  if (corpus && !corpus.hasReferrers) void inSlices(corpus.referrerSteps()).catch(() => undefined);
}

documents.onDidOpen((e) => {
  onDocumentText(e.document);
  prepareReferrers(e.document);
});
documents.onDidChangeContent((e) => onDocumentText(e.document));
documents.onDidClose((e) => {
  publisher.clear(e.document.uri);
  const p = uriToPath(e.document.uri);
  if (!p || !indexed) return;
  const affected = project.clearOverlay(p, fs.existsSync(p));
  publisher.schedule(openUris(affected));
});

/** Disk changes are applied in order, one batch after another (a handler yields mid-batch). */
let diskSync: Promise<void> = Promise.resolve();

connection.onDidChangeWatchedFiles(({ changes }) => {
  diskSync = diskSync
    .then(() => applyDiskChanges(changes))
    .catch((e) => connection.console.error(`quicktakes: ${(e as Error).stack ?? e}`));
});

async function applyDiskChanges(changes: FileEvent[]): Promise<void> {
  await indexRun; // a change during indexing is applied once the index exists
  if (!indexed) return;
  const affected = new Set<string>();
  let n = 0;
  for (const change of changes) {
    const p = uriToPath(change.uri);
    if (!p) continue;
    const exists = change.type !== FileChangeType.Deleted && fs.existsSync(p);
    for (const a of project.syncFromDisk(p, exists)) affected.add(a);
    // A checkout can replace thousands of files: let requests through now and then.
    if (++n % 200 === 0) await new Promise<void>((r) => setImmediate(r));
  }
  publisher.schedule(openUris(affected));
  sendStatus({ state: 'ready', articles: project.articleCount });
}

for (const feature of FEATURES) feature.register(context);

// A bug in one handler must not take the author's editor down with it.
process.on('uncaughtException', (e) => connection.console.error(`quicktakes: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`quicktakes: unhandled rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
