/**
 * The QuickTakes language server on a given connection: LSP wiring only. The
 * index and its caches live in the core `WorkspaceIndex` (one per server
 * instance); each LSP feature is a module under `features/`. `server.ts` runs it
 * over stdio or Node IPC; tests may run it in process over in-memory streams.
 */
import {
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type Disposable,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Project } from './core/corpus/project';
import { CONFIG_FILE_NAME, FolderConfigs, formatConfigProblem, siteFilePathsOf } from './core/config/projectConfig';
import { DEFAULT_SITE_FILES, SITE_FILE_KINDS } from './core/site/siteFiles';
import { readArticleText } from './core/loading/workspace';
import { WorkspaceIndex, type DiskChange } from './core/loading/workspaceIndex';
import { locateArticle, toSlash } from './core/site/paths';
import { readArticleModel } from './core/frontMatter/read';
import { applySeverities } from './core/checks/diagnostics';
import type { ServerContext } from './features/context';
import { DiagnosticsPublisher } from './features/diagnostics';
import { FEATURES } from './features';
import { DEFAULT_SETTINGS, STATUS_NOTIFICATION, type Settings, type StatusParams } from './protocol';
import { pathToUri, uriToPath } from './uri';
import { OpenDocuments } from './documents';

/** What differs between the server process and a server run inside a test. */
export interface ServerDeps {
  /** Where the index cache of a large learn folder is kept (default: the system temp folder; false: none). */
  indexCacheDir?: string | false;
}

/** One running server: what it indexed, and how to let it all go. */
export interface ServerInstance {
  readonly index: WorkspaceIndex;
  readonly project: Project;
  /** Stops indexing and lets the index and every cache go (also done on `shutdown` and `exit`). */
  dispose(): void;
}

/** Wires the server onto `connection` and starts listening on it. */
export function startServer(connection: Connection, deps: ServerDeps = {}): ServerInstance {
  const documents = new OpenDocuments(TextDocument);
  /** The settings the client sent: only those set explicitly, which win over the project config. */
  let explicit: Partial<Settings> = {};
  const configs = new FolderConfigs();
  /** Config files whose problems are published, to clear them once fixed. */
  let configDiagnostics = new Set<string>();
  /** The settings in force for a path: defaults, then its project config, then explicit settings. */
  const settingsFor = (p?: string): Settings => {
    const config = configs.of(p);
    return {
      ...DEFAULT_SETTINGS,
      ...explicit,
      contentGlob: explicit.contentGlob ?? config.content,
      severity: { ...config.severity, ...explicit.severity },
    };
  };
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let supportsProgress = false;
  let supportsFolderEvents = false;
  let progress: WorkDoneProgressServerReporter | undefined;
  let disposed = false;

  const sendStatus = (status: StatusParams): void => {
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  };
  const allUris = () => documents.all().map((d) => d.uri);
  /** Open documents (by URI) among the given article paths. */
  const openUris = (paths: Iterable<string>): string[] => {
    const wanted = new Set(paths);
    return documents.all().flatMap((d) => {
      const p = uriToPath(d.uri);
      return p && wanted.has(p) ? [d.uri] : [];
    });
  };
  const logError = (e: unknown) => connection.console.error(`quicktakes: ${(e as Error)?.stack ?? e}`);
  const corpusListeners: ((affected: ReadonlySet<string> | 'all') => void)[] = [];
  const corpusChanged = (affected: ReadonlySet<string> | 'all'): void => {
    if (disposed || (affected !== 'all' && affected.size === 0)) return;
    for (const listener of corpusListeners) {
      try {
        listener(affected);
      } catch (e) {
        logError(e);
      }
    }
  };

  const index: WorkspaceIndex = new WorkspaceIndex({
    contentGlob: (folder) => explicit.contentGlob ?? configs.contentGlob(folder),
    openDocuments: () => documents.all().map((d) => ({ path: uriToPath(d.uri), text: d.getText() })),
    load: deps.indexCacheDir === undefined ? undefined : { cacheDir: deps.indexCacheDir },
    siteFiles: (learnRoot) => siteFilePathsOf(learnRoot, configs.of(learnRoot)),
    events: {
      // their own-file checks, while the index is built
      started: () => {
        publisher.schedule(allUris());
        corpusChanged('all');
      },
      loading: async () => {
        progress = supportsProgress ? await connection.window.createWorkDoneProgress() : undefined;
        progress?.begin('Indexing QuickTakes articles', 0, undefined, false);
      },
      progress: (done, total) => {
        progress?.report(Math.round((done / total) * 100), `${done} / ${total} articles`);
        sendStatus({ state: 'indexing', articles: done, progress: done / total });
      },
      ended: (end) => {
        corpusChanged('all');
        if (end.kind === 'empty') {
          sendStatus({ state: 'idle', articles: 0, message: 'No content/learn folder in this workspace.' });
          return;
        }
        progress?.done();
        progress = undefined;
        if (end.kind === 'failed') {
          const e = end.error as Error;
          sendStatus({ state: 'error', articles: 0, message: String(e?.message ?? e) });
          connection.console.error(`quicktakes: indexing failed: ${e?.stack ?? e}`);
        } else if (end.kind === 'ready') {
          const trusted = end.trusted > 0 ? ' (from the index cache, which is checked next)' : '';
          connection.console.info(`quicktakes: indexed ${end.articles} articles in ${end.ms} ms${trusted}`);
          sendStatus({ state: 'ready', articles: end.articles });
          publisher.schedule(allUris());
        }
      },
      diskChanged: (affected) => {
        corpusChanged(affected);
        publisher.schedule(openUris(affected));
        sendStatus({ state: 'ready', articles: index.project.articleCount });
      },
      error: logError,
    },
  });
  const project = index.project;

  const publisher = new DiagnosticsPublisher(connection, {
    compute: (uri) => {
      const p = uriToPath(uri);
      if (!p) return undefined;
      const found = index.diagnostics(p, documents.get(uri)?.getText());
      // an ignored article is still indexed, but shows no problems
      return found && configs.isIgnored(p) ? [] : found;
    },
    severities: (uri) => settingsFor(uriToPath(uri)).severity,
    delay: () => settingsFor().diagnosticsDelay,
  });

  const context: ServerContext = {
    connection,
    documents,
    project,
    settings: (p) => settingsFor(p),
    isIgnored: (p) => configs.isIgnored(p),
    isIndexed: () => index.indexed,
    textOf: (p) => {
      const loc = locateArticle(p);
      const open = documents.all().find((d) => uriToPath(d.uri) === (loc?.path ?? p));
      return open ? open.getText() : readArticleText(p);
    },
    articleOf: (uri) => {
      const p = uriToPath(uri);
      const document = documents.get(uri);
      const article = p && index.indexed ? project.article(p) : undefined;
      if (!document || !article) return undefined;
      return { article, model: article.model ?? readArticleModel(document.getText()), document };
    },
    onIndexed: (listener) => void index.onIndexed(listener),
    revalidate: (uris) => publisher.schedule(uris),
    diskChanged: (changes) => void index.applyDiskChanges(changes),
    settled: () => index.settled(),
    reported: (p) => (configs.isIgnored(p) ? [] : applySeverities(project.diagnostics(p), settingsFor(p).severity)),
    onCorpusChanged: (listener) => void corpusListeners.push(listener),
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsProgress = !!caps.window?.workDoneProgress;
    supportsFolderEvents = !!caps.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    index.setFolders(folders.map(uriToPath).filter((p): p is string => !!p));
    const init = params.initializationOptions as Partial<Settings> | undefined;
    if (init) explicit = { ...init };
    // read now (the content glob decides what is indexed); their problems are published once initialized
    configs.load(index.workspaceFolders);
    const featureCapabilities = FEATURES.map((f) => f.capabilities ?? {});
    return {
      capabilities: Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...featureCapabilities, {
        // features may each declare part of `workspace` (file operations): merged, not replaced
        workspace: Object.assign(
          { workspaceFolders: { supported: true, changeNotifications: true } },
          ...featureCapabilities.map((c) => c.workspace ?? {}),
        ),
      }),
      serverInfo: { name: 'quicktakes-language-server' },
    };
  });

  // handlers return nothing to the connection: failures are logged, not left unhandled
  connection.onInitialized(() => void initialized().catch(logError));

  async function initialized(): Promise<void> {
    publishConfigProblems();
    if (supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'quicktakes' });
    }
    await watchFiles();
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
        index.changeFolders(
          added,
          e.removed.map((f) => uriToPath(f.uri)),
        );
        loadConfigs();
        void index.reindex();
      });
    }
    await refreshSettings();
    await index.reindex();
  }

  /** The glob patterns registered with the client, and how to unregister them. */
  let watching: { globs: string; registration: Promise<Disposable | undefined> } | undefined;

  /**
   * Asks the client to report changes of articles, of the folders holding them (a deleted or moved subject folder
   * arrives as one event for the folder), of project configs and of the site's files (by the names the configs give).
   */
  async function watchFiles(): Promise<void> {
    if (!supportsWatchRegistration) return;
    const siteNames = new Set<string>(Object.values(DEFAULT_SITE_FILES).map((f) => path.posix.basename(f)));
    for (const folder of index.workspaceFolders) {
      const config = configs.of(folder);
      for (const kind of SITE_FILE_KINDS) if (config[kind] !== undefined) siteNames.add(path.posix.basename(toSlash(config[kind])));
    }
    const globs = [
      '**/*.md',
      '**/learn',
      '**/learn/*',
      '**/content',
      `**/${CONFIG_FILE_NAME}`,
      ...[...siteNames].sort().map((n) => `**/${n}`),
    ];
    if (watching?.globs === globs.join('\n')) return;
    const previous = watching?.registration;
    const watchers = globs.map((globPattern) => ({ globPattern }));
    watching = {
      globs: globs.join('\n'),
      registration: connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch((e: unknown) => void logError(e)),
    };
    (await previous)?.dispose();
  }

  async function refreshSettings(): Promise<void> {
    if (!supportsConfiguration) return;
    try {
      const s = (await connection.workspace.getConfiguration('quicktakes')) as Partial<Settings> | null;
      explicit = { ...(s ?? {}) };
    } catch {
      // keep the settings we have
    }
  }

  connection.onDidChangeConfiguration(() => void settingsChanged().catch(logError));

  async function settingsChanged(): Promise<void> {
    const before = index.learnRoots().join('\n');
    await refreshSettings();
    if (index.learnRoots().join('\n') !== before) await index.reindex();
    else {
      publisher.schedule(allUris());
      corpusChanged('all'); // severities may differ
    }
  }

  /** Reads each workspace folder's `.quicktakes.jsonc` again; its problems are published on the file itself. */
  function loadConfigs(): void {
    configs.load(index.workspaceFolders);
    publishConfigProblems();
  }

  function publishConfigProblems(): void {
    const shown = new Set<string>();
    for (const [file, problems] of configs.problems()) {
      if (problems.length === 0) continue;
      const uri = pathToUri(file);
      shown.add(uri);
      const diagnostics = problems.map((p) => ({
        range: p.range,
        severity: DiagnosticSeverity.Error,
        source: 'quicktakes',
        message: p.message,
      }));
      void connection.sendDiagnostics({ uri, diagnostics });
      connection.console.warn(`quicktakes: ${problems.map((p) => formatConfigProblem(p)).join('\n')}`);
    }
    for (const uri of configDiagnostics) if (!shown.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    configDiagnostics = shown;
  }

  /** A config file changed: open documents are checked again, and indexed again if their learn folder moved. */
  function configChanged(): void {
    const before = index.learnRoots().join('\n');
    loadConfigs();
    void watchFiles().catch(logError);
    if (index.learnRoots().join('\n') !== before) void index.reindex();
    else {
      // it may name other site files
      index.reloadSiteFiles();
      publisher.schedule(allUris());
      corpusChanged('all'); // severities, ignored articles and routes may differ
    }
  }

  function onDocumentText(doc: TextDocument): void {
    const p = uriToPath(doc.uri);
    if (!p) return;
    const affected = index.documentChanged(p, doc.getText());
    publisher.schedule(affected ? [doc.uri, ...openUris(affected)] : [doc.uri]);
    if (affected) corpusChanged(affected);
  }

  documents.onDidOpen((e) => {
    onDocumentText(e.document);
    const p = uriToPath(e.document.uri);
    if (p) index.documentOpened(p);
  });
  documents.onDidChangeContent((e) => onDocumentText(e.document));
  documents.onDidClose((e) => {
    publisher.clear(e.document.uri);
    const p = uriToPath(e.document.uri);
    const affected = p ? index.documentClosed(p) : undefined;
    if (affected) {
      publisher.schedule(openUris(affected));
      corpusChanged(affected);
    }
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const isConfig = (uri: string) => uriToPath(uri)?.endsWith(`/${CONFIG_FILE_NAME}`) ?? false;
    if (changes.some((change) => isConfig(change.uri))) configChanged();
    // a config naming a site file says whether it exists
    else if (changes.some((c) => c.type !== FileChangeType.Changed && project.siteFileOf(uriToPath(c.uri) ?? ''))) loadConfigs();
    const batch: DiskChange[] = changes.flatMap((change) => {
      const p = isConfig(change.uri) ? undefined : uriToPath(change.uri);
      return p ? [{ path: p, deleted: change.type === FileChangeType.Deleted }] : [];
    });
    void index.applyDiskChanges(batch);
  });

  for (const feature of FEATURES) feature.register(context);

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    publisher.dispose();
    index.dispose();
  };
  // after shutdown only `exit` may come: nothing indexed or cached needs to stay
  connection.onShutdown(dispose);
  connection.onExit(dispose);

  documents.listen(connection);
  connection.listen();
  return { index, project, dispose };
}
