/**
 * The cache of `quicktakes lint --cache`: what a lint learned about each file,
 * kept for the next lint, like ESLint's `--cache`. A file whose size and
 * modification time are as they were keeps its index summary (from the index
 * cache the server also uses, loading/indexCache.ts) and its own-file diagnostics (from a
 * sidecar file next to it); only the other files are read and checked again.
 * The cross-file checks always run on the whole index. A cache from another
 * build is ignored (the checks may have changed), and a damaged one is no cache.
 *
 * The sidecar is compact, as a lint reads all of it: one JSON header line, the
 * files' relative paths (UTF-8, NUL-separated), the diagnostics of the few files
 * that have any (JSON, by file number), then each file's size and time (Float64).
 * As a JSON map of every file it took ~3× as long to read.
 */
import * as fs from 'node:fs';
import type { Article } from '../corpus/article';
import { buildId, cacheFileOf, IndexCache, lookUp, stampOf, writeIndexCache, type Stamp } from '../loading/indexCache';
import type { Diagnostic } from '../checks/diagnostics';
import type { ArticleLocation } from '../site/paths';
import { writeWhole } from '../loading/tempFiles';

/** Bumped when the sidecar's layout changes. */
const FORMAT = 2;

interface Header {
  format: number;
  build: string;
  learnRoot: string;
  files: number;
  pathsBytes: number;
  diagnosticsBytes: number;
}

/** The own-file diagnostics of the files linted before, with the size and time each had then. */
interface Sidecar {
  /** Relative path → file number. */
  files: Map<string, number>;
  /** Size and time of each file (two per file number). */
  stamps: Float64Array;
  /** File number → its diagnostics, for the files that have any. */
  diagnostics: Map<number, Diagnostic[]>;
}

const EMPTY: Sidecar = { files: new Map(), stamps: new Float64Array(0), diagnostics: new Map() };

export interface CachedFile {
  article: Article;
  /** The file's own diagnostics (only asked for linted files). */
  own: Diagnostic[];
}

export class LintCache {
  private readonly stamps: (Stamp | undefined)[] = [];
  /** Whether some file is not as the cache has it (else there is nothing to save). */
  private changed = false;

  private constructor(
    private readonly learnRoot: string,
    private readonly indexFile: string,
    private readonly index: IndexCache | undefined,
    private readonly sidecar: Sidecar,
  ) {}

  /** The cache of a learn folder in `dir` (empty when there is none yet). */
  static open(dir: string, learnRoot: string): LintCache {
    const indexFile = cacheFileOf(dir, learnRoot);
    let sidecar = EMPTY;
    try {
      sidecar = readSidecar(fs.readFileSync(sidecarOf(indexFile)), learnRoot) ?? EMPTY;
    } catch {
      // none yet, or damaged: start over
    }
    return new LintCache(learnRoot, indexFile, IndexCache.open(indexFile, learnRoot), sidecar);
  }

  /**
   * What the cache knows of the file at `locations[i]` as it is now (its summary,
   * and its own diagnostics when `linted`); undefined when it must be read again.
   * `stamp`: its size and time, when the caller has just taken them.
   */
  lookup(locations: ArticleLocation[], i: number, linted: boolean, stamp?: Stamp): CachedFile | undefined {
    const loc = locations[i];
    const found = lookUp(this.index, loc, this.learnRoot, stamp);
    this.stamps[i] = found.stamp;
    const n = linted ? this.sidecar.files.get(loc.path.slice(this.learnRoot.length + 1)) : undefined;
    const ownKept =
      !linted ||
      (found.stamp !== undefined &&
        n !== undefined &&
        this.sidecar.stamps[2 * n] === found.stamp.size &&
        this.sidecar.stamps[2 * n + 1] === found.stamp.mtimeMs);
    if (!ownKept || found.held === -1) this.changed = true;
    const article = ownKept && found.held !== -1 ? this.index!.summaryAt(found.held) : undefined;
    return article && { article, own: (n !== undefined && this.sidecar.diagnostics.get(n)) || [] };
  }

  /**
   * Keeps the index of every file and the own diagnostics of the files just
   * linted (those of other files linted before stay, checked against their stamps next time).
   */
  async save(articles: Article[], own: Map<string, Diagnostic[]>, linted: (p: string) => boolean): Promise<void> {
    if (!this.changed && (this.index?.size ?? -1) === articles.length) return;
    const entries: { article: Article; stamp: Stamp }[] = [];
    const paths: string[] = [];
    const stamps: number[] = [];
    const diagnostics: [number, Diagnostic[]][] = [];
    const keep = (relativePath: string, size: number, mtimeMs: number, found: Diagnostic[] | undefined) => {
      if (found && found.length > 0) diagnostics.push([paths.length, found]);
      paths.push(relativePath);
      stamps.push(size, mtimeMs);
    };
    articles.forEach((article, i) => {
      const stamp = this.stamps[i] ?? stampOf(article.path);
      if (!stamp) return;
      entries.push({ article, stamp });
      const relativePath = article.path.slice(this.learnRoot.length + 1);
      const before = this.sidecar.files.get(relativePath);
      if (linted(article.path)) keep(relativePath, stamp.size, stamp.mtimeMs, own.get(article.path));
      else if (before !== undefined)
        keep(relativePath, this.sidecar.stamps[2 * before], this.sidecar.stamps[2 * before + 1], this.sidecar.diagnostics.get(before));
    });
    try {
      await writeIndexCache(this.indexFile, this.learnRoot, entries);
      await writeWhole(sidecarOf(this.indexFile), sidecarBytes(this.learnRoot, paths, stamps, diagnostics));
    } catch {
      // no cache is only slower
    }
  }
}

function sidecarBytes(learnRoot: string, paths: string[], stamps: number[], diagnostics: [number, Diagnostic[]][]): Buffer {
  const pathBytes = Buffer.from(joinedPaths(paths), 'utf8');
  const diagnosticBytes = Buffer.from(JSON.stringify(diagnostics), 'utf8');
  const header: Header = {
    format: FORMAT,
    build: buildId(),
    learnRoot,
    files: paths.length,
    pathsBytes: pathBytes.length,
    diagnosticsBytes: diagnosticBytes.length,
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const pad = Buffer.alloc((8 - ((head.length + pathBytes.length + diagnosticBytes.length) % 8)) % 8);
  return Buffer.concat([head, pathBytes, diagnosticBytes, pad, Buffer.from(new Float64Array(stamps).buffer)]);
}

/** The sidecar in `bytes`, if it is one of this format, build and folder (a damaged one throws). */
function readSidecar(bytes: Buffer, learnRoot: string): Sidecar | undefined {
  const nl = bytes.indexOf(10);
  const header = JSON.parse(bytes.toString('utf8', 0, nl)) as Header;
  if (header.format !== FORMAT || header.build !== buildId() || header.learnRoot !== learnRoot) return undefined;
  const pathsEnd = nl + 1 + header.pathsBytes;
  const diagnosticsEnd = pathsEnd + header.diagnosticsBytes;
  const stampsStart = Math.ceil(diagnosticsEnd / 8) * 8;
  if (bytes.length !== stampsStart + header.files * 16) throw new Error('A damaged sidecar.');
  const paths = header.files === 0 ? [] : bytes.toString('utf8', nl + 1, pathsEnd).split('\0');
  if (paths.length !== header.files) throw new Error('A damaged sidecar.');
  const files = new Map<string, number>();
  paths.forEach((p, i) => files.set(p, i));
  const diagnostics = new Map(JSON.parse(bytes.toString('utf8', pathsEnd, diagnosticsEnd)) as [number, Diagnostic[]][]);
  // a copy: the file's buffer need not be 8-aligned where the stamps start
  const stamps = new Float64Array(bytes.buffer.slice(bytes.byteOffset + stampsStart, bytes.byteOffset + bytes.length));
  return { files, stamps, diagnostics };
}

/** Paths in one string, NUL-separated (a NUL is in no path; one that has it is refused). */
export function joinedPaths(paths: string[]): string {
  if (paths.some((p) => p.includes('\0'))) throw new Error('A path holds a NUL.');
  return paths.join('\0');
}

/** The sidecar of an index cache file (a name the index cache's own temp-file cleanup leaves alone). */
function sidecarOf(indexFile: string): string {
  return indexFile.replace(/\.bin$/, '.lint.bin');
}
