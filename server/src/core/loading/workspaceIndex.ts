/**
 * Indexing a workspace as the language server does it: the learn folder of each
 * workspace folder loaded into the Project in slices (a newer run supersedes the
 * one in progress), open documents overlaid once it is built, disk changes
 * applied in order once the run in progress ends. A warm start takes the index
 * cache on trust and checks it just after, reading again the files changed while
 * no server watched. No LSP here: the server maps the events to progress,
 * status notifications and diagnostics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkOwn } from '../checks';
import { compareDiagnostics, type Diagnostic } from '../checks/diagnostics';
import { applySuppressions } from '../checks/suppressions';
import { Project } from '../corpus/project';
import { readArticleModel } from '../frontMatter/read';
import { locateArticle, toSlash } from '../site/paths';
import { defaultSiteFilePaths, SiteFiles, type SiteFilePaths } from '../site/siteFiles';
import { inSlices, SliceCancelled } from './slices';
import { learnFolderOfGlob, loadCorpus, type CacheCheck, type LoadOptions } from './workspace';

/** How often indexing progress is reported (ms). */
const PROGRESS_MS = 100;
/** Disk changes applied between two turns of the event loop: a checkout can replace thousands of files. */
const DISK_CHANGES_PER_TURN = 200;

export interface OpenDocument {
  /** Undefined for a document that is not a file. */
  path: string | undefined;
  text: string;
}

export interface DiskChange {
  path: string;
  deleted: boolean;
}

/** How an index run ended. */
export type RunEnd =
  | { kind: 'empty' }
  /** `trusted`: how many of the learn folders came from the index cache taken on trust (checked just after). */
  | { kind: 'ready'; articles: number; ms: number; trusted: number }
  | { kind: 'failed'; error: unknown }
  | { kind: 'superseded' };

export interface WorkspaceIndexEvents {
  /** A run starts: the index is empty until it ends (open articles under `roots` get their own-file checks). */
  started?(roots: readonly string[]): void;
  /** Before the first folder is loaded; awaited (e.g. to create a progress bar). */
  loading?(): Promise<void> | void;
  /** Articles of the folder being loaded, at most every `PROGRESS_MS` and at its end. */
  progress?(done: number, total: number): void;
  ended?(end: RunEnd): void;
  /** A batch of disk changes is in the index; the diagnostics of `affected` may have changed. */
  diskChanged?(affected: ReadonlySet<string>): void;
  /** A listener or a batch of disk changes failed; the index goes on. */
  error?(e: unknown): void;
}

export interface WorkspaceIndexOptions {
  /** The content glob of a workspace folder: its learn folder is indexed (relative to the folder, or absolute). */
  contentGlob(folder: string): string;
  /** The documents open in the editor, overlaid on the index once it is built. */
  openDocuments(): OpenDocument[];
  events?: WorkspaceIndexEvents;
  /** Passed on to `loadCorpus` (where the index cache is kept). */
  load?: Pick<LoadOptions, 'cacheDir' | 'cacheWriteDelayMs'>;
  /** Where a learn folder's redirect table and subject list are (default: `constant/` beside `content/`). */
  siteFiles?(learnRoot: string): SiteFilePaths;
}

export class WorkspaceIndex {
  readonly project = new Project();
  private folders: string[] = [];
  /** Bumped per run (and on dispose), so a superseded run stops. */
  private generation = 0;
  private isIndexed = false;
  /** The learn folders the current run indexes. */
  private roots = new Set<string>();
  private readonly listeners = new Set<() => void>();
  /** Settles when the current run ends; disk changes that arrive meanwhile wait for it. */
  private run: Promise<void> = Promise.resolve();
  /** Disk changes are applied in order, one batch after another (a batch yields midway). */
  private diskSync: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: WorkspaceIndexOptions) {}

  /** False while a run builds the index (and before the first). */
  get indexed(): boolean {
    return this.isIndexed;
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setFolders(folders: string[]): void {
    this.folders = [...folders];
  }

  /** Workspace folders were added or removed (call `reindex` after). */
  changeFolders(added: string[], removed: Iterable<string | undefined>): void {
    const gone = new Set(removed);
    this.folders = this.folders.filter((f) => !gone.has(f)).concat(added);
  }

  /** The learn folders of the workspace folders that exist. */
  learnRoots(): string[] {
    return this.folders
      .map((f) => toSlash(path.resolve(f, learnFolderOfGlob(this.options.contentGlob(f)))))
      .filter((r) => fs.existsSync(r));
  }

  /** Calls `listener` each time a run has built the index; returns the unsubscribe function. */
  onIndexed(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Indexes every workspace folder's learn folder again, after the run in progress (which it supersedes). */
  reindex(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const generation = ++this.generation;
    const run = this.run.catch(() => undefined).then(() => (generation === this.generation ? this.indexOnce(generation) : undefined));
    this.run = run;
    return run;
  }

  private async indexOnce(generation: number): Promise<void> {
    const events = this.options.events ?? {};
    const current = () => generation === this.generation;
    const roots = this.learnRoots();
    this.project.clear();
    this.isIndexed = false;
    this.roots = new Set(roots);
    events.started?.(roots);
    if (roots.length === 0) {
      this.isIndexed = true;
      events.ended?.({ kind: 'empty' });
      return;
    }
    await events.loading?.();
    if (this.disposed) return;
    const started = Date.now();
    let reported = 0;
    const checks: CacheCheck[] = [];
    try {
      for (const root of roots) {
        const corpus = await loadCorpus(root, {
          ...this.options.load,
          onCacheTrusted: (check) => checks.push(check),
          isCancelled: () => !current(),
          onProgress: (done, total) => {
            if (Date.now() - reported < PROGRESS_MS && done < total) return;
            reported = Date.now();
            events.progress?.(done, total);
          },
        });
        // the maps of who links to whom, which a title or id edit in an open article asks: built before the
        // first overlay when articles are open, else in the background when one is opened (they take memory)
        if (this.options.openDocuments().length > 0) await inSlices(corpus.referrerSteps(), undefined, () => !current());
        if (this.disposed) return corpus.dispose();
        corpus.site = this.readSiteFiles(root);
        this.project.addCorpus(corpus);
      }
    } catch (error) {
      if (!this.disposed) events.ended?.(current() ? { kind: 'failed', error } : { kind: 'superseded' });
      return;
    }
    for (const doc of this.options.openDocuments()) if (doc.path) this.project.setOverlay(doc.path, doc.text);
    this.isIndexed = true;
    events.ended?.({ kind: 'ready', articles: this.project.articleCount, ms: Date.now() - started, trusted: checks.length });
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (e) {
        events.error?.(e);
      }
    }
    // the index was ready from the cache at once; files changed while no server watched are read again now,
    // as disk changes (before any that arrive meanwhile)
    for (const check of checks) this.diskSync = this.diskSync.then(() => this.checkCache(check, current)).catch((e) => events.error?.(e));
  }

  private async checkCache(check: CacheCheck, current: () => boolean): Promise<void> {
    const cancelled = () => !current() || this.disposed;
    let stale: string[];
    try {
      stale = await check.stalePaths(cancelled);
    } catch (e) {
      if (e instanceof SliceCancelled) return; // a newer run reads the files again
      throw e;
    }
    if (stale.length > 0) await this.applyNow(stale.map((path) => ({ path, deleted: false })));
    check.save((path) => this.project.isOverlaid(path));
  }

  private readSiteFiles(learnRoot: string): SiteFiles {
    return SiteFiles.read(this.options.siteFiles?.(learnRoot) ?? defaultSiteFilePaths(learnRoot));
  }

  /**
   * Reads every learn folder's site files again (the project config may name other paths); an open one keeps its
   * buffer. Every article's related links may be judged differently after.
   */
  reloadSiteFiles(): void {
    if (!this.isIndexed) return; // the run in progress reads them
    for (const corpus of this.project.allCorpora()) corpus.site = this.readSiteFiles(corpus.learnRoot);
    for (const doc of this.options.openDocuments())
      if (doc.path && this.project.siteFileOf(doc.path)) this.project.setOverlay(doc.path, doc.text);
  }

  /**
   * The diagnostics of an article or of a site file (undefined outside the index). While a run builds the index:
   * the checks of an open article's own text (its fields, its answer), which need no other file.
   */
  diagnostics(articlePath: string, openText: string | undefined): Diagnostic[] | undefined {
    if (this.isIndexed) return this.project.tracks(articlePath) ? this.project.diagnostics(articlePath) : undefined;
    const location = locateArticle(articlePath);
    if (!location || openText === undefined || !this.roots.has(location.learnRoot)) return undefined;
    // the cross-file checks have not run yet: a suppression of theirs is not unused
    return applySuppressions(checkOwn(readArticleModel(openText), location).sort(compareDiagnostics), { unused: false });
  }

  /** An open document's text changed: the paths whose diagnostics may have changed, or undefined before the index exists. */
  documentChanged(articlePath: string, text: string): Set<string> | undefined {
    return this.isIndexed ? this.project.setOverlay(articlePath, text) : undefined;
  }

  /** An open document was closed: back to the file on disk; the paths affected, or undefined before the index exists. */
  documentClosed(articlePath: string): Set<string> | undefined {
    return this.isIndexed ? this.project.clearOverlay(articlePath, fs.existsSync(articlePath)) : undefined;
  }

  /**
   * An article (or the redirect table, whose edits ask who links where) was opened: the referrer maps of its folder,
   * if not built yet, in the background (see indexOnce).
   */
  documentOpened(articlePath: string): void {
    const corpus = this.isIndexed ? (this.project.corpusOf(articlePath) ?? this.project.siteFileOf(articlePath)?.corpus) : undefined;
    if (corpus && !corpus.hasReferrers) void inSlices(corpus.referrerSteps()).catch(() => undefined);
  }

  /** Queues a batch of disk changes, applied after the batches before it and the run in progress. */
  applyDiskChanges(changes: DiskChange[]): Promise<void> {
    this.diskSync = this.diskSync.then(() => this.applyNow(changes)).catch((e) => this.options.events?.error?.(e));
    return this.diskSync;
  }

  /** Resolves once every disk change received so far is in the index. */
  settled(): Promise<void> {
    return this.diskSync;
  }

  private async applyNow(changes: DiskChange[]): Promise<void> {
    await this.run; // a change during indexing is applied once the index exists
    if (!this.isIndexed || this.disposed) return;
    const affected = new Set<string>();
    let n = 0;
    for (const change of changes) {
      const exists = !change.deleted && fs.existsSync(change.path);
      for (const a of this.project.syncFromDisk(change.path, exists)) affected.add(a);
      if (++n % DISK_CHANGES_PER_TURN === 0) await new Promise<void>((r) => setImmediate(r));
    }
    this.options.events?.diskChanged?.(affected);
  }

  /** Stops a run in progress and lets the index and every cache derived from it go. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.isIndexed = false;
    this.listeners.clear();
    this.project.dispose();
  }
}
