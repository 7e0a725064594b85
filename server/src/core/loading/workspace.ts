/**
 * Finding and reading the articles of a `learn` folder from disk into a Corpus.
 * Reads are synchronous (the fastest way to read many small files) but done in
 * bounded batches that yield to the event loop, so a server stays responsive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Article } from '../corpus/article';
import type { ArticleModel } from '../frontMatter/model';
import { readArticleModel } from '../frontMatter/read';
import { stripBom } from '../frontMatter/lineIndex';
import { Corpus } from '../corpus/corpus';
import { AnswerOffload } from '../lint/answerOffload';
import { LintCache } from '../lint/lintCache';
import { checkOwn } from '../checks';
import type { Diagnostic } from '../checks/diagnostics';
import { cacheFileOf, defaultCacheDir, IndexCache, lookUp, stampOf, writeIndexCache, type Stamp } from './indexCache';
import { collectGarbage } from './memory';
import { indexWorkerCount, IndexRun, type IndexJob } from './parallel';
import { readArticleAndModel, readSummary, StringPool } from '../corpus/summary';
import { comparePaths, toSlash, type ArticleLocation } from '../site/paths';
import { inSlices, SLICE_MS, SliceCancelled } from './slices';

/** The `learn` folder of a content glob such as `content/learn/*\/*.md`, relative to a workspace folder. */
export function learnFolderOfGlob(glob: string): string {
  const segments = toSlash(glob).split('/');
  const staticPart: string[] = [];
  for (const s of segments) {
    if (/[*?[{]/.test(s)) break;
    staticPart.push(s);
  }
  return staticPart.join('/');
}

/** Every article location of a learn folder: `<learnRoot>/<subject>/<question>.md`, in path order. */
export function listArticles(learnRoot: string): ArticleLocation[] {
  const root = toSlash(path.resolve(learnRoot));
  const out: ArticleLocation[] = [];
  for (const subject of readFolder(root, () => fs.readdirSync(root, { withFileTypes: true }))) {
    if (!isSubject(subject)) continue;
    const folder = `${root}/${subject.name}`;
    addArticles(
      out,
      root,
      subject.name,
      readFolder(folder, () => fs.readdirSync(folder, { withFileTypes: true })),
      true,
    );
  }
  return out.sort(byPath);
}

/**
 * The same, listing each subject folder in the background (libuv's threads) and
 * yielding to the event loop between them: a server stays responsive while a
 * large folder is listed. For the server, whose table holds no paths: each
 * question-key shares its file name's characters, not the path's.
 */
export async function listArticlesInBackground(learnRoot: string): Promise<ArticleLocation[]> {
  const root = toSlash(path.resolve(learnRoot));
  const subjects = (await readFolderAsync(root)).filter(isSubject).sort((a, b) => comparePaths(`${a.name}/`, `${b.name}/`));
  const out: ArticleLocation[] = [];
  // one folder at a time: asked all at once, their entries (a Dirent per file) are all held together, ~70 MB more
  // at the peak of a ten-times corpus, for ~15 ms less at 1× (measured)
  for (const subject of subjects) {
    const folder: ArticleLocation[] = [];
    addArticles(folder, root, subject.name, await readFolderAsync(`${root}/${subject.name}`), false);
    for (const l of folder.sort(byPath)) out.push(l);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // subjects in path order, each in path order: this sort only confirms it (one pass)
  return out.sort(byPath);
}

function byPath(a: { path: string }, b: { path: string }): number {
  return comparePaths(a.path, b.path);
}

const isSubject = (d: fs.Dirent): boolean => d.isDirectory() && !d.name.startsWith('.');

/** A folder's entries; none when it cannot be read. */
function readFolder(folder: string, read: () => fs.Dirent[]): fs.Dirent[] {
  try {
    return read();
  } catch {
    return [];
  }
}

function readFolderAsync(folder: string): Promise<fs.Dirent[]> {
  return fs.promises.readdir(folder, { withFileTypes: true }).catch(() => []);
}

/**
 * `keyOfPath`: the question-key shares the path's characters, for a loader that keeps the paths (lint); else the
 * file name's, so that a table holding keys but no paths (the server's) does not keep every path alive through them.
 */
function addArticles(out: ArticleLocation[], root: string, subject: string, files: fs.Dirent[], keyOfPath: boolean): void {
  for (const f of files) {
    if (!f.isFile() || !f.name.endsWith('.md')) continue;
    // `join` makes one flat string (a template literal makes a rope V8 keeps beside its flat copy)
    const p = [root, subject, f.name].join('/');
    const questionKey = keyOfPath ? p.slice(p.length - f.name.length, -3) : f.name.slice(0, -3);
    out.push({ path: p, learnRoot: root, subjectKey: subject, questionKey });
  }
}

/** Reads one article file's text; an unreadable file reads as empty (no front matter). */
export function readArticleText(filePath: string): string {
  try {
    return stripBom(fs.readFileSync(filePath, 'utf8'));
  } catch {
    return '';
  }
}

export function readArticleModelFromDisk(filePath: string): ArticleModel {
  return readArticleModel(readArticleText(filePath));
}

/** An article's full model: `model` when given, else the one it keeps (an open document), else read from its file. */
export function modelOfArticle(article: Pick<Article, 'path' | 'model'>, model?: ArticleModel): ArticleModel {
  return model ?? article.model ?? readArticleModelFromDisk(article.path);
}

/**
 * Reads one article file into its index summary (no model kept). With a visitor,
 * the full model is built and shown to it; without, the fast byte path is taken.
 */
export function readArticle(location: ArticleLocation, visit?: Visitor, pool?: StringPool): Article {
  if (!visit) return readSummary(location, pool);
  const { article, model } = readArticleAndModel(location, pool);
  visit(article, model);
  return article;
}

/** Sees each article's full model once while loading, before it is dropped. */
export type Visitor = (article: Article, model: ArticleModel) => void;

export interface LoadOptions {
  /** Files per chunk read at a time (default `LOAD_CHUNK`); the event loop is given back every `SLICE_MS`. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches; a cancelled load rejects with `LoadCancelled`. */
  isCancelled?: () => boolean;
  /**
   * Where the persistent index cache lives (indexCache.ts), or false for none. By
   * default the OS temp folder, for folders of `CACHE_MIN_FILES` articles or more.
   */
  cacheDir?: string | false;
  /** How long after the load the cache is written (default 2 s, when the editor has settled). */
  cacheWriteDelayMs?: number;
  /**
   * Takes the cache's list of files and every summary it records on trust, without first listing the folder or
   * checking each file's size and time (a large part of a warm start), and hands over the check to run once the
   * index is in use. Without it, the folder is listed and each file checked before its summary is taken.
   */
  onCacheTrusted?: (check: CacheCheck) => void;
}

/** Files per chunk of a load that must leave the event loop free (small, so no chunk holds it long). */
const LOAD_CHUNK = 16;

/** Smaller folders index in a blink: no cache file for them unless asked. */
export const CACHE_MIN_FILES = 2000;

// writes still pending (each leaves the set when done): what `indexCacheWritten` waits for
const cacheWrites = new Set<Promise<void>>();

/** Resolves when the index caches being written have been (for tests and the bench). */
export async function indexCacheWritten(): Promise<void> {
  await Promise.all([...cacheWrites]);
}

export class LoadCancelled extends Error {
  constructor() {
    super('Indexing was cancelled.');
  }
}

/**
 * Builds the corpus of a learn folder without blocking the event loop for long
 * (using worker threads where they pay). Files unchanged since the last load come
 * from the persistent cache; the cache is rewritten after a load that read files.
 */
export async function loadCorpus(learnRoot: string, options: LoadOptions = {}): Promise<Corpus> {
  const root = toSlash(path.resolve(learnRoot));
  // on trust, the cache's list of files is the folder's until the check after the load lists it (files added or
  // removed meanwhile are found then, like those changed); else the folder is listed first
  const trustedFile =
    options.onCacheTrusted && options.cacheDir !== false ? cacheFileOf(options.cacheDir ?? defaultCacheDir(), root) : undefined;
  const trusted = trustedFile ? await IndexCache.openInSlices(trustedFile, root) : undefined;
  // the cache's own list is made only for the files it leaves to be read, and for the check after the load
  const listed = trusted ? undefined : await listArticlesInBackground(learnRoot);
  const files = listed ? listed.length : trusted!.size;
  if (options.isCancelled?.()) throw new LoadCancelled();
  const pool = new StringPool();
  let sliceEnd = performance.now() + SLICE_MS;
  const sliceOver = () => performance.now() >= sliceEnd;
  const turn = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.isCancelled?.()) throw new LoadCancelled();
    sliceEnd = performance.now() + SLICE_MS;
  };
  const dir = options.cacheDir ?? (files >= CACHE_MIN_FILES ? defaultCacheDir() : false);
  const cacheFile = dir === false ? undefined : cacheFileOf(dir, root);

  // files whose size and time did not change come from the cache (or every file it records, taken on trust)
  const cache = trusted ?? (cacheFile && cacheFile !== trustedFile ? await IndexCache.openInSlices(cacheFile, root) : undefined);
  // the cache's rows become the corpus's: those of files it holds are indexed as they are, the others freed
  const corpus = new Corpus(root, cache?.table);
  corpus.table.holdsPaths = false; // a server's corpus lives long: each path is made when read
  const stamps: (Stamp | undefined)[] = [];
  /** Per location, its row from the cache (-1: read from the file). */
  const fromCache = new Int32Array(files).fill(-1);
  let changed = cache === undefined || cache.size !== files;
  if (trusted) {
    // file `i` of the cache is location `i`
    for (let i = 0; i < files; i++) fromCache[i] = trusted.rowAt(i);
  } else if (cacheFile) {
    // each file stamped for the cache written after, and looked up in the one read
    for (let i = 0; i < files; i++) {
      if (sliceOver()) await turn();
      const found = lookUp(cache, listed![i], root);
      stamps[i] = found.stamp;
      if (found.held !== -1) fromCache[i] = cache!.rowAt(found.held);
      else changed = true;
    }
  }
  if (cache && !trusted) {
    const taken = new Set(fromCache);
    for (const row of cache.rows()) if (!taken.has(row)) corpus.table.remove(row); // gone or changed
  }
  const toRead: ArticleLocation[] = [];
  for (let i = 0; i < files; i++) if (fromCache[i] === -1) toRead.push(listed ? listed[i] : trusted!.location(i));
  const run = new IndexRun({ locations: toRead, chunkSize: options.batchSize ?? LOAD_CHUNK }, pool, corpus.table);
  let next = 0;
  /** Inserts, in location order, every article ready so far (until `over`); whether none is left waiting. */
  const insert = (over: () => boolean = () => false): boolean => {
    const read = run.takeReady();
    for (; next < files; next++) {
      if (next % 256 === 0 && over()) return false;
      let row = fromCache[next];
      if (row === -1) {
        const r = read.next();
        if (r.done) return true;
        row = r.value;
      }
      corpus.setRow(row);
    }
    return true;
  };
  try {
    for (;;) {
      if (options.isCancelled?.()) throw new LoadCancelled();
      let more: boolean;
      do more = run.step();
      while (more && !sliceOver());
      const caughtUp = insert(sliceOver);
      options.onProgress?.(next, files);
      if (!more && run.workersFinished && caughtUp) break;
      if (more || !caughtUp) await turn();
      else await run.wait(20);
    }
    run.finish();
    insert();
  } finally {
    run.stopWorkers();
  }
  if (trusted) {
    options.onCacheTrusted!(new CacheCheck(corpus, trusted, trustedFile!, options.cacheWriteDelayMs));
    if (files >= CACHE_MIN_FILES) setTimeout(collectGarbage, 1000).unref(); // the load's garbage
  } else if (cacheFile && changed) {
    // the articles as read from disk now (open documents are overlaid later)
    const articles = [...corpus.articles()];
    saveIndexCache(
      cacheFile,
      root,
      articles.map((article, i) => ({ article, stamp: stamps[i] })),
      options.cacheWriteDelayMs,
    );
  } else if (files >= CACHE_MIN_FILES) {
    setTimeout(collectGarbage, 1000).unref();
  }
  return corpus;
}

/** Writes the index cache once the editor has settled (after `delayMs`, default 2 s), then collects the load's garbage. */
function saveIndexCache(file: string, root: string, entries: { article: Article; stamp: Stamp | undefined }[], delayMs = 2000): void {
  const stamped = entries.filter((e): e is { article: Article; stamp: Stamp } => e.stamp !== undefined);
  const write = new Promise<void>((resolve) => setTimeout(resolve, delayMs))
    .then(() => writeIndexCache(file, root, stamped))
    .catch(() => undefined) // no cache is only slower
    .finally(() => {
      cacheWrites.delete(write);
      if (entries.length >= CACHE_MIN_FILES) collectGarbage();
    });
  cacheWrites.add(write);
}

/**
 * The check owed by a load that took the cache on trust (its list of files and
 * their summaries): which files are no longer as the cache saw them (changed,
 * added or removed while no editor was watching), and the cache written again
 * once they are read.
 */
export class CacheCheck {
  /** The folder's files as the check lists them, and each one's size and time then (two per file; NaN: gone). */
  private listed: ArticleLocation[] = [];
  private stamps = new Float64Array(0);
  private stale = 0;

  constructor(
    private readonly corpus: Corpus,
    /** The cache the load took on trust: its list of files, and the size and time it had for each summary taken. */
    private readonly cached: IndexCache,
    private readonly cacheFile: string,
    private readonly cacheWriteDelayMs: number | undefined,
  ) {}

  /**
   * Lists the folder and stamps every file, in slices: the paths to read again (changed, added) or to drop
   * (removed). Rejects with `SliceCancelled` when `isCancelled` says so.
   */
  async stalePaths(isCancelled: () => boolean): Promise<string[]> {
    const listed = await listArticlesInBackground(this.corpus.learnRoot);
    if (isCancelled()) throw new SliceCancelled();
    return inSlices(this.staleSteps(listed), undefined, isCancelled);
  }

  private *staleSteps(listed: ArticleLocation[]): Generator<void, string[]> {
    const cachedAt = new Map<string, number>();
    for (let i = 0; i < this.cached.size; i++) {
      if (i % 1024 === 1023) yield;
      cachedAt.set(this.cached.location(i).path, i);
    }
    const stale: string[] = [];
    const stamps = new Float64Array(2 * listed.length).fill(NaN);
    for (let i = 0; i < listed.length; i++) {
      if (i % 256 === 255) yield;
      const { path: p } = listed[i];
      const stamp = stampOf(p);
      if (stamp) {
        stamps[2 * i] = stamp.size;
        stamps[2 * i + 1] = stamp.mtimeMs;
      }
      const c = cachedAt.get(p);
      cachedAt.delete(p);
      const added = c === undefined;
      // a file the load read (the cache left it to be read: no row) is as it was read
      const changed = !added && this.cached.rowAt(c) !== -1 && !this.cached.holdsAt(c, stamp);
      if (added || changed) stale.push(p);
    }
    for (const p of cachedAt.keys()) stale.push(p); // removed
    this.listed = listed;
    this.stamps = stamps;
    this.stale = stale.length;
    return stale;
  }

  /**
   * Writes the cache again from the corpus as it is now (the stale files read again) when it was out of date. A
   * file whose article is not what is on disk (`notOnDisk`: open in the editor) is left out: the next start reads it.
   */
  save(notOnDisk: (path: string) => boolean): void {
    if (this.stale === 0) return;
    const entries = this.listed.flatMap((location, i) => {
      const article = notOnDisk(location.path) ? undefined : this.corpus.get(location.path);
      const [size, mtimeMs] = [this.stamps[2 * i], this.stamps[2 * i + 1]];
      return article && !Number.isNaN(size) ? [{ article, stamp: { size, mtimeMs } }] : [];
    });
    saveIndexCache(this.cacheFile, this.corpus.learnRoot, entries, this.cacheWriteDelayMs);
  }
}

/** The same, all at once: for the CLI and tests. A visitor sees every file's full model (on this thread). */
export function loadCorpusSync(learnRoot: string, visit?: Visitor): Corpus {
  const corpus = new Corpus(toSlash(path.resolve(learnRoot)));
  const pool = new StringPool();
  if (visit) {
    for (const loc of listArticles(learnRoot)) corpus.set(readArticle(loc, visit, pool));
    return corpus;
  }
  return runSync(corpus, { locations: listArticles(learnRoot), readAhead: true }).corpus;
}

/**
 * The corpus of a learn folder and the own-file diagnostics (`checkOwn`) of
 * the articles `selected` picks: what `quicktakes lint` needs, computed where
 * each file is read (worker threads included). With a cache folder, files
 * unchanged since the last cached lint are not read again (lintCache.ts), and
 * `saved` resolves once the cache is rewritten.
 */
export function loadCorpusChecked(
  learnRoot: string,
  selected: (path: string) => boolean,
  options: { cacheDir?: string; listed?: ListedFolder } = {},
): { corpus: Corpus; own: Map<string, Diagnostic[]>; saved?: Promise<void> } {
  const root = toSlash(path.resolve(learnRoot));
  const locations = options.listed?.locations ?? listArticles(learnRoot);
  const cache = options.cacheDir !== undefined ? LintCache.open(options.cacheDir, root) : undefined;
  const cached = cache ? locations.map((l, i) => cache.lookup(locations, i, selected(l.path), options.listed?.stamps[i])) : [];
  const toRead = cache ? locations.filter((_, i) => cached[i] === undefined) : locations;
  const checks = new Uint8Array(toRead.length);
  let count = 0;
  toRead.forEach((l, i) => (count += checks[i] = selected(l.path) ? 1 : 0));
  // without indexing workers, the costly answer checks go to a thread of their own
  const offload = answerWorkerWanted(count, toRead.length) ? AnswerOffload.start() : undefined;
  const read = runSync(new Corpus(root), { locations: toRead, checks, checkOwn: offload?.checkOwn ?? checkOwn, readAhead: true });
  if (offload) {
    for (const [p, answer] of offload.finish()) read.own.set(p, [...(read.own.get(p) ?? []), ...answer]);
  }
  if (!cache) return read;
  // cached and read files together, in location order
  const corpus = new Corpus(root);
  const own = new Map<string, Diagnostic[]>();
  locations.forEach((l, i) => {
    corpus.set(cached[i]?.article ?? read.corpus.get(l.path)!);
    const diagnostics = cached[i]?.own ?? read.own.get(l.path);
    if (diagnostics && diagnostics.length > 0) own.set(l.path, diagnostics);
  });
  return { corpus, own, saved: cache.save([...corpus.articles()], own, selected) };
}

/** A learn folder's articles as listed, each with its size and time then (undefined: it was gone then, and is stated again). */
export interface ListedFolder {
  locations: ArticleLocation[];
  stamps: (Stamp | undefined)[];
}

/** Below this, starting the answer worker (it loads the renderers) costs more than it saves. */
const MIN_FILES_FOR_ANSWER_WORKER = 2000;

/** Whether lint's answer checks go to their own thread: not with indexing workers (they check as they read), nor with `QUICKTAKES_ANSWER_WORKER=0`. */
function answerWorkerWanted(checked: number, files: number): boolean {
  if (process.env.QUICKTAKES_ANSWER_WORKER === '0') return false;
  return checked >= MIN_FILES_FOR_ANSWER_WORKER && indexWorkerCount(files) === 0;
}

function runSync(corpus: Corpus, job: IndexJob): { corpus: Corpus; own: Map<string, Diagnostic[]> } {
  const run = new IndexRun(job, new StringPool(), corpus.table);
  try {
    for (;;) {
      const more = run.step();
      for (const row of run.takeReady()) corpus.setRow(row);
      if (!more && run.workersFinished) break;
      if (!more) run.waitSync(20);
    }
    run.finish();
    for (const row of run.takeReady()) corpus.setRow(row);
  } finally {
    run.stopWorkers();
  }
  const own = new Map<string, Diagnostic[]>();
  for (const [i, d] of run.own) own.set(job.locations[i].path, d);
  return { corpus, own };
}

/**
 * The learn folder a path belongs to: a repository root (with `content/learn`),
 * a `learn` folder, a subject folder or an article file.
 */
export function findLearnRoot(p: string): string | undefined {
  const abs = toSlash(path.resolve(p));
  const parts = abs.split('/');
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'learn') return parts.slice(0, i).join('/');
  }
  for (const candidate of [`${abs}/content/learn`, `${abs}/learn`]) {
    if (isDirectory(candidate)) return candidate;
  }
  return undefined;
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
