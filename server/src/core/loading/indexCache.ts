/**
 * A persistent index cache for warm starts: the summaries of a learn folder as
 * the columns of an article table (corpus/table.ts), with each file's size and
 * modification time. A start takes the table as its corpus's and re-reads only
 * the files whose size or time changed (and those the cache does not hold); a
 * cache of another format, product version or folder (or build) is ignored. It
 * lives outside the content (the OS temp folder by default).
 *
 * File layout: one JSON header line; the strings (UTF-8, NUL-separated: the
 * files' relative paths, then every distinct string of the table once); padding
 * to 8 bytes; two Float64 stamps per file; then Int32: each file's row (-1: not
 * in the table, read again), the table's numbers per row and per link, and its
 * string columns as indexes into the distinct strings (-1: undefined).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packLink, type Article } from '../corpus/article';
import { ArticleTable, NUMS_PER_LINK, NUMS_PER_ROW, plainArticle, ROW_STRING_COLUMNS, STRING_COLUMNS } from '../corpus/table';
import type { ArticleLocation } from '../site/paths';
import { atOnce, inSlices } from './slices';

declare const QUICKTAKES_VERSION: string;
/** Bumped when the summary or the table's columns change. */
const FORMAT = 4;
const VERSION = typeof QUICKTAKES_VERSION === 'string' ? QUICKTAKES_VERSION : 'dev';

/** The product version and this build's time: a cache from another build is not trusted. */
export function buildId(): string {
  let built = 0;
  try {
    built = fs.statSync(__filename).mtimeMs;
  } catch {
    // no file to date: the version alone
  }
  return `${VERSION}@${built}`;
}

/**
 * The NUL-separated UTF-8 strings in `bytes[from, to)`, each one-byte in memory
 * when it is ASCII. Decoded as Latin-1 first (a character per byte, so offsets
 * stay byte offsets), and again as UTF-8 only where a string has other bytes: a
 * chunk decoded as UTF-8 at once would make every string split from it two-byte
 * for one accented title, doubling their memory.
 */
function decodeStrings(bytes: Buffer, from: number, to: number, out: string[]): void {
  const text = bytes.toString('latin1', from, to);
  const other = /[\u0080-\u00ff]/;
  let start = 0;
  for (const s of text.split('\0')) {
    out.push(other.test(s) ? bytes.toString('utf8', from + start, from + start + s.length) : s);
    start += s.length + 1;
  }
}

/**
 * The column of `length` strings whose indexes into `strings` (from `first`; -1: undefined) are at `ints[from]`.
 * A plain function, not a step of the decoding generator: V8 optimizes its loop while it runs.
 */
function stringColumn(ints: Int32Array, from: number, length: number, strings: string[], first: number): (string | undefined)[] {
  const column: (string | undefined)[] = new Array(length);
  for (let i = 0; i < length; i++) {
    const s = ints[from + i];
    column[i] = s < 0 ? undefined : strings[first + s];
  }
  return column;
}

/** A row's path is not stored: it is the learn folder's and its file's relative path (each file's row checked). */
function rowPaths(column: (string | undefined)[], learnRoot: string, paths: string[], fileRows: Int32Array): void {
  for (let i = 0; i < paths.length; i++) {
    const row = fileRows[i];
    if (row >= column.length || row < -1) throw new Error('a damaged cache');
    if (row >= 0) column[row] = `${learnRoot}/${paths[i]}`;
  }
}

/** The string column of the rows' paths (the first of `TableColumns.strings`). */
const PATH_COLUMN = 0;

/** Bytes of strings decoded per step of a load in slices. */
const STRINGS_CHUNK = 1 << 20;

export function defaultCacheDir(): string {
  return path.join(os.tmpdir(), 'quicktakes-index-cache');
}

/** The cache file of a learn folder. */
export function cacheFileOf(dir: string, learnRoot: string): string {
  return path.join(dir, `${crypto.createHash('sha1').update(learnRoot).digest('hex').slice(0, 16)}.bin`);
}

interface Header {
  format: number;
  build: string;
  learnRoot: string;
  /** Files recorded (their relative paths are the first strings). */
  files: number;
  stringsBytes: number;
  /** Int32 numbers of the table's rows and links. */
  nums: number;
  linkNums: number;
  bigIds: [number, number][];
  bigLinkIds: [number, number][];
}

/** What a file was when its summary was cached. */
export interface Stamp {
  size: number;
  mtimeMs: number;
}

export function stampOf(p: string): Stamp | undefined {
  const s = fs.statSync(p, { throwIfNoEntry: false });
  return s ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
}

/** A file as it is now, against the cache. */
export interface CacheLookup {
  /** Its size and time now (undefined: it is gone). */
  stamp: Stamp | undefined;
  /** Its number in the cache when the cache saw it as it is now (see `rowAt`, `summaryAt`), else -1 (the cache is out of date). */
  held: number;
}

/** Stamps the file at `location` (unless its stamp is given) and looks it up in `cache` (none: nothing is held). */
export function lookUp(
  cache: IndexCache | undefined,
  location: ArticleLocation,
  learnRoot: string,
  stamp: Stamp | undefined = stampOf(location.path),
): CacheLookup {
  const file = cache ? cache.fileIndex(location.path.slice(learnRoot.length + 1)) : -1;
  return { stamp, held: file !== -1 && cache!.holdsAt(file, stamp) ? file : -1 };
}

/** Bytes read at first for the header line (the whole file when it is longer). */
const HEAD_READ = 1 << 16;

/** Where a cache file's parts are, position and length each: its strings, its files' stamps and rows, the table's row numbers, link numbers and string columns. */
type Layout = [number, number][];

/**
 * The header of a cache file of `size` bytes from its first bytes `head`, and where its parts are; undefined
 * when it is of another format, build or folder, or `head` does not hold all of the header (then read all of the
 * file as `head`).
 */
function headerOf(head: Uint8Array, size: number, learnRoot: string): { header: Header; layout: Layout } | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const nl = bytes.indexOf(10);
  if (nl === -1) return undefined;
  const header = JSON.parse(bytes.toString('utf8', 0, nl)) as Header;
  if (header.format !== FORMAT || header.build !== buildId() || header.learnRoot !== learnRoot) return undefined;
  const stringsEnd = nl + 1 + header.stringsBytes;
  const front = Math.ceil(stringsEnd / 8) * 8; // the numbers are 8-aligned after the strings
  const nums = front + 20 * header.files;
  const linkNums = nums + 4 * header.nums;
  const columns = linkNums + 4 * header.linkNums;
  if (columns > size) throw new Error('a damaged cache');
  const layout: Layout = [
    [nl + 1, header.stringsBytes],
    [front, nums - front],
    [nums, linkNums - nums],
    [linkNums, columns - linkNums],
    [columns, size - columns],
  ];
  return { header, layout };
}

/** The parts of a cache, each read with `read` into a buffer of its own (the table keeps its numbers, nothing else). */
function partsOf<B>(layout: Layout, read: (position: number, length: number) => B): [B, B, B, B, B] {
  const [strings, front, nums, linkNums, columns] = layout.map(([position, length]) => read(position, length));
  return [strings, front, nums, linkNums, columns];
}

function readSyncAt(fd: number, position: number, length: number): Uint8Array {
  const buffer = new Uint8Array(length);
  for (let done = 0; done < length;) {
    const got = fs.readSync(fd, buffer, done, length - done, position + done);
    if (got === 0) throw new Error('a damaged cache');
    done += got;
  }
  return buffer;
}

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  for (let done = 0; done < length;) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new Error('a damaged cache');
    done += bytesRead;
  }
  return buffer;
}

/**
 * The cache of a learn folder, opened: the stamps of the files it holds, and
 * their summaries as the rows of a table, which a load takes as its corpus's.
 */
export class IndexCache {
  /** Relative path → file number: made on the first lookup by path (a start on trust needs none). */
  private index: Map<string, number> | undefined;

  private constructor(
    private readonly learnRoot: string,
    private readonly paths: string[],
    private readonly stamps: Float64Array,
    private readonly fileRows: Int32Array,
    /** The cached summaries, one row per file held (`fileRows`). */
    readonly table: ArticleTable,
  ) {}

  /** The cache in `file` if it is one of this format, build and folder. */
  static open(file: string, learnRoot: string): IndexCache | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const size = fs.fstatSync(fd).size;
      const head = readSyncAt(fd, 0, Math.min(HEAD_READ, size));
      const found =
        headerOf(head, size, learnRoot) ?? (head.length < size ? headerOf(readSyncAt(fd, 0, size), size, learnRoot) : undefined);
      if (!found) return undefined;
      const opened = fd;
      const parts = partsOf(found.layout, (position, length) => readSyncAt(opened, position, length));
      return atOnce(IndexCache.decode(found.header, parts, learnRoot));
    } catch {
      return undefined; // none, or damaged: no cache
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** The same, read without blocking and decoded in slices. */
  static async openInSlices(file: string, learnRoot: string, stringsChunk = STRINGS_CHUNK): Promise<IndexCache | undefined> {
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(file, 'r');
      const opened = handle;
      const size = (await opened.stat()).size;
      const head = await readAt(opened, 0, Math.min(HEAD_READ, size));
      const found =
        headerOf(head, size, learnRoot) ?? (head.length < size ? headerOf(await readAt(opened, 0, size), size, learnRoot) : undefined);
      if (!found) return undefined;
      const parts = await Promise.all(partsOf(found.layout, (position, length) => readAt(opened, position, length)));
      return await inSlices(IndexCache.decode(found.header, parts, learnRoot, stringsChunk));
    } catch {
      return undefined; // none, or damaged: no cache
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /** The cache from its header and parts (`partsOf`), decoded in steps. */
  private static *decode(
    header: Header,
    [stringBytes, front, numBytes, linkNumBytes, columnBytes]: Uint8Array[],
    learnRoot: string,
    stringsChunk = STRINGS_CHUNK,
  ): Generator<void, IndexCache> {
    const bytes = Buffer.from(stringBytes.buffer, stringBytes.byteOffset, stringBytes.byteLength);
    // the strings, NUL-separated, decoded a chunk at a time (a NUL byte is never part of another character)
    const strings: string[] = [];
    for (let from = 0; from <= bytes.length;) {
      let to = from + stringsChunk >= bytes.length ? bytes.length : bytes.indexOf(0, from + stringsChunk);
      if (to === -1) to = bytes.length;
      decodeStrings(bytes, from, to, strings);
      from = to + 1;
      yield;
    }
    const { files } = header;
    // each part is a buffer of its own, read at its start: aligned for its numbers
    const stamps = new Float64Array(front.buffer, 0, 2 * files);
    const fileRows = new Int32Array(front.buffer, 16 * files, files);
    const nums = new Int32Array(numBytes.buffer);
    const linkNums = new Int32Array(linkNumBytes.buffer);
    const ints = new Int32Array(columnBytes.buffer);
    const rows = header.nums / NUMS_PER_ROW;
    const links = header.linkNums / NUMS_PER_LINK;
    const paths = strings.slice(0, files);
    const columns: (string | undefined)[][] = [];
    let p = 0;
    for (let c = 0; c < STRING_COLUMNS; c++) {
      const length = c < ROW_STRING_COLUMNS ? rows : links;
      if (p + length > ints.length) throw new Error('a damaged cache');
      // the distinct strings follow the paths in `strings`
      columns.push(stringColumn(ints, p, length, strings, files));
      p += length;
      yield;
    }
    if (p !== ints.length) throw new Error('a damaged cache');
    rowPaths(columns[PATH_COLUMN], learnRoot, paths, fileRows);
    const table = ArticleTable.fromColumns({ nums, linkNums, strings: columns, bigIds: header.bigIds, bigLinkIds: header.bigLinkIds });
    return new IndexCache(learnRoot, paths, stamps, fileRows, table);
  }

  /** The number of a file the cache records (as it was then), or -1: for the `…At` methods, one lookup for all. */
  fileIndex(relativePath: string): number {
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.paths.length; i++) this.index.set(this.paths[i], i);
    }
    return this.index.get(relativePath) ?? -1;
  }

  /**
   * The files the cache records, in its order (the path order of the load that wrote it): file `i` is the `i`th.
   * A row's path string is shared with its location.
   */
  locations(): ArticleLocation[] {
    const { learnRoot, paths, fileRows, table } = this;
    const out: ArticleLocation[] = new Array(paths.length);
    for (let i = 0; i < paths.length; i++) {
      const row = fileRows[i];
      if (row >= 0) {
        out[i] = { path: table.path(row), learnRoot, subjectKey: table.subjectKey(row), questionKey: table.questionKey(row) };
        continue;
      }
      const rel = paths[i];
      const slash = rel.indexOf('/');
      out[i] = { path: `${learnRoot}/${rel}`, learnRoot, subjectKey: rel.slice(0, slash), questionKey: rel.slice(slash + 1, -3) };
    }
    return out;
  }

  /** Copies the size and time the cache recorded for a file (`fileIndex`) into `out` at `at` and `at + 1`. */
  copyStampAt(file: number, out: Float64Array, at: number): void {
    out[at] = this.stamps[2 * file];
    out[at + 1] = this.stamps[2 * file + 1];
  }

  /** The row in `table` of a file (`fileIndex`), or -1 for a file the cache records but leaves to be read again (related links too far out to pack). */
  rowAt(file: number): number {
    return this.fileRows[file];
  }

  /** Whether the cache saw the file as it is now (its size and time). */
  holds(relativePath: string, stamp: Stamp | undefined): boolean {
    const file = this.fileIndex(relativePath);
    return file !== -1 && this.holdsAt(file, stamp);
  }

  /** The same for a file by its number (`fileIndex`). */
  holdsAt(file: number, stamp: Stamp | undefined): boolean {
    return !!stamp && this.stamps[2 * file] === stamp.size && this.stamps[2 * file + 1] === stamp.mtimeMs;
  }

  /** The cached summary of a file, whatever the file is now (`holds` says whether it still is), as an object of its own. */
  summaryOf(relativePath: string): Article | undefined {
    const file = this.fileIndex(relativePath);
    return file === -1 ? undefined : this.summaryAt(file);
  }

  /** The same for a file by its number (`fileIndex`); undefined for a file the cache leaves to be read again (see `rowAt`). */
  summaryAt(file: number): Article | undefined {
    const row = this.rowAt(file);
    return row < 0 ? undefined : plainArticle(this.table.article(row));
  }

  /** The rows of the files the cache holds, for a load to free those it does not take. */
  *rows(): Generator<number> {
    for (const row of this.fileRows) if (row >= 0) yield row;
  }

  get size(): number {
    return this.paths.length;
  }
}

/**
 * Writes the summaries (with their files' stamps) for the next start; atomic (a
 * temp file renamed). Encoded in slices that yield to the event loop.
 */
export async function writeIndexCache(file: string, learnRoot: string, entries: { article: Article; stamp: Stamp }[]): Promise<void> {
  const table = new ArticleTable();
  const paths: string[] = [];
  const stamps = new Float64Array(2 * entries.length);
  const fileRows = new Int32Array(entries.length);
  function* collect(): Generator<void, void> {
    for (const { article, stamp } of entries) {
      const i = paths.length;
      // a link whose ranges do not pack has no columns: that file is read again, but known
      fileRows[i] = article.links.every((l) => packLink(l) !== undefined) ? table.add(article) : -1;
      paths.push(article.path.slice(learnRoot.length + 1));
      stamps[2 * i] = stamp.size;
      stamps[2 * i + 1] = stamp.mtimeMs;
      if (paths.length % 256 === 0) yield;
    }
  }
  await inSlices(collect());
  const columns = table.columns();
  columns.strings[PATH_COLUMN].fill(undefined); // the relative paths say it (see `decode`)
  // each distinct string once, numbered in order of first use
  const distinct: string[] = [];
  const numbered = new Map<string, number>();
  const indexes: Int32Array[] = [];
  function* number(): Generator<void, void> {
    for (const column of columns.strings) {
      const out = new Int32Array(column.length);
      for (let i = 0; i < column.length; i++) {
        const s = column[i];
        if (s === undefined) {
          out[i] = -1;
          continue;
        }
        let n = numbered.get(s);
        if (n === undefined) numbered.set(s, (n = distinct.push(s) - 1));
        out[i] = n;
      }
      indexes.push(out);
      yield;
    }
  }
  await inSlices(number());
  // the strings, NUL-separated, encoded a few thousand at a time
  const strings: Buffer[] = [];
  let stringsBytes = 0;
  function* encodeStrings(): Generator<void, boolean> {
    for (const list of [paths, distinct]) {
      for (let i = 0; i < list.length; i += 4096) {
        const piece = list.slice(i, i + 4096);
        if (piece.some((x) => x.includes('\0'))) return false; // NUL separates the strings: no cache rather than a wrong one
        const bytes = Buffer.from(`${strings.length > 0 ? '\0' : ''}${piece.join('\0')}`, 'utf8');
        strings.push(bytes);
        stringsBytes += bytes.length;
        yield;
      }
    }
    return true;
  }
  if (!(await inSlices(encodeStrings()))) return;
  const header: Header = {
    format: FORMAT,
    build: buildId(),
    learnRoot,
    files: paths.length,
    stringsBytes,
    nums: columns.nums.length,
    linkNums: columns.linkNums.length,
    bigIds: columns.bigIds,
    bigLinkIds: columns.bigLinkIds,
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const pad = Buffer.alloc((8 - ((head.length + stringsBytes) % 8)) % 8);
  const bytesOf = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = [
    head,
    ...strings,
    pad,
    bytesOf(stamps),
    bytesOf(fileRows),
    bytesOf(columns.nums),
    bytesOf(columns.linkNums),
    ...indexes.map(bytesOf),
  ];
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  // temp files of writes that never finished (a server stopped mid-write) go first
  const base = path.basename(file);
  for (const name of await fs.promises.readdir(path.dirname(file))) {
    if (name.startsWith(`${base}.`) && name.endsWith('.tmp')) await fs.promises.rm(path.join(path.dirname(file), name), { force: true });
  }
  const tmp = `${file}.${process.pid}.tmp`;
  const out = await fs.promises.open(tmp, 'w');
  try {
    for (const part of parts) await out.write(part);
  } finally {
    await out.close();
  }
  await fs.promises.rename(tmp, file);
}
