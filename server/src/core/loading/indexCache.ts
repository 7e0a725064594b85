/**
 * A persistent index cache for warm starts: the summaries of a learn folder as
 * the columns of an article table (corpus/table.ts), with each file's size and
 * modification time. A start takes the table as its corpus's and re-reads only
 * the files whose size or time changed (and those the cache does not hold); a
 * cache of another format, product version or folder (or build) is ignored. It
 * lives outside the content (the OS temp folder by default).
 *
 * File layout: one JSON header line; the distinct strings of the table (UTF-8,
 * one after the other); then Int32 per string where it ends (bitwise not: it
 * has other bytes than ASCII); two Float64 stamps per file; then Int32: each
 * file's row (-1: not in the table, read again) and its relative path's string
 * (-1: the row's, not stored), the table's numbers per row and per link, and its
 * string columns as string numbers (-1: undefined). Strings are decoded only as
 * they are read (`CachedStrings`): a start needs few of them.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packLink, type Article } from '../corpus/article';
import {
  ArticleTable,
  NUMS_PER_LINK,
  NUMS_PER_ROW,
  plainArticle,
  ROW_STRING_COLUMNS,
  STRING_COLUMNS,
  type StringSource,
} from '../corpus/table';
import { ChunkedArray } from '../corpus/chunkedArray';
import { articlePath, type ArticleLocation } from '../site/paths';
import { atOnce, inSlices } from './slices';
import { writeWhole } from './tempFiles';

declare const QUICKTAKES_VERSION: string;
/** Bumped when the summary or the table's columns change. */
const FORMAT = 5;
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

/** Strings per block decoded at once: one call of the decoder for many short strings. */
const BLOCK = 256;

/**
 * The cache's distinct strings, each decoded when first asked for. ASCII strings
 * are cut from their block of `BLOCK` strings, decoded as Latin-1 (a character
 * per byte, so one-byte strings); the few others are decoded as UTF-8 alone.
 */
class CachedStrings implements StringSource {
  private readonly decoded = new ChunkedArray<string>();
  private readonly blocks: (string | undefined)[];

  constructor(
    private readonly bytes: Buffer,
    /** Per string its end (bitwise not: not ASCII). */
    private readonly ends: Int32Array,
  ) {
    this.blocks = new Array(Math.ceil(ends.length / BLOCK));
  }

  get count(): number {
    return this.ends.length;
  }

  get(i: number): string {
    const known = this.decoded.get(i);
    if (known !== undefined) return known;
    const start = this.start(i);
    const end = this.ends[i];
    let s: string;
    if (end < 0) s = this.bytes.toString('utf8', start, ~end);
    else {
      const b = Math.floor(i / BLOCK);
      const from = this.start(b * BLOCK);
      const block = (this.blocks[b] ??= this.bytes.toString(
        'latin1',
        from,
        endOf(this.ends[Math.min((b + 1) * BLOCK, this.ends.length) - 1]),
      ));
      s = block.slice(start - from, end - from);
    }
    this.decoded.set(i, s);
    return s;
  }

  private start(i: number): number {
    return i === 0 ? 0 : endOf(this.ends[i - 1]);
  }
}

function endOf(end: number): number {
  return end < 0 ? ~end : end;
}

/** Whether the ends of `strings` strings in `bytes` bytes are in order and within them. */
function endsValid(ends: Int32Array, bytes: number): boolean {
  let last = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = endOf(ends[i]);
    if (end < last || end > bytes) return false;
    last = end;
  }
  return true;
}

/** Whether every string number in `indexes` is -1 or one of `count` strings. */
function indexesValid(indexes: Int32Array, count: number): boolean {
  for (let i = 0; i < indexes.length; i++) if (indexes[i] < -1 || indexes[i] >= count) return false;
  return true;
}

/** The string columns of the rows' paths, subject keys and question-keys (`TableColumns.strings`). */
const PATH_COLUMN = 0;
const SUBJECT_KEY_COLUMN = 2;
const QUESTION_KEY_COLUMN = 3;

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
  /** Files recorded. */
  files: number;
  /** Distinct strings, and their bytes. */
  strings: number;
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

/** Where a cache file's parts are, position and length each: its strings, their ends, its files' stamps, rows and paths, the table's row numbers, link numbers and string columns. */
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
  const ends = nl + 1 + header.stringsBytes;
  const front = ends + 4 * header.strings;
  const nums = front + 24 * header.files;
  const linkNums = nums + 4 * header.nums;
  const columns = linkNums + 4 * header.linkNums;
  if (columns > size) throw new Error('a damaged cache');
  const layout: Layout = [
    [nl + 1, header.stringsBytes],
    [ends, front - ends],
    [front, nums - front],
    [nums, linkNums - nums],
    [linkNums, columns - linkNums],
    [columns, size - columns],
  ];
  return { header, layout };
}

/** The parts of a cache, each read with `read` into a buffer of its own (the table keeps its numbers, nothing else). */
function partsOf<B>(layout: Layout, read: (position: number, length: number) => B): B[] {
  return layout.map(([position, length]) => read(position, length));
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
    private readonly strings: CachedStrings,
    private readonly stamps: Float64Array,
    private readonly fileRows: Int32Array,
    /** Per file its relative path's string, for a file the table does not hold (-1: its row's). */
    private readonly fileNames: Int32Array,
    /**
     * Per file the strings of its row's subject key and question-key, as stored: its location, whatever the
     * table's rows become once the corpus has taken them.
     */
    private readonly fileKeys: Int32Array,
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

  /** The same, read without blocking and checked in slices. */
  static async openInSlices(file: string, learnRoot: string): Promise<IndexCache | undefined> {
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
      return await inSlices(IndexCache.decode(found.header, parts, learnRoot));
    } catch {
      return undefined; // none, or damaged: no cache
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /**
   * The cache from its header and parts (`partsOf`), checked in steps: every string number and end in range, so
   * that a damaged cache is no cache, never a wrong string read later. Its strings are not decoded here.
   */
  private static *decode(header: Header, parts: Uint8Array[], learnRoot: string): Generator<void, IndexCache> {
    const [stringBytes, endBytes, front, numBytes, linkNumBytes, columnBytes] = parts;
    // each part is a buffer of its own, read at its start: aligned for its numbers
    const ends = new Int32Array(endBytes.buffer);
    if (!endsValid(ends, stringBytes.length)) throw new Error('a damaged cache');
    const strings = new CachedStrings(Buffer.from(stringBytes.buffer, stringBytes.byteOffset, stringBytes.byteLength), ends);
    const { files } = header;
    const stamps = new Float64Array(front.buffer, 0, 2 * files);
    const fileRows = new Int32Array(front.buffer, 16 * files, files);
    const fileNames = new Int32Array(front.buffer, 20 * files, files);
    const nums = new Int32Array(numBytes.buffer);
    const linkNums = new Int32Array(linkNumBytes.buffer);
    const ints = new Int32Array(columnBytes.buffer);
    const rows = header.nums / NUMS_PER_ROW;
    const links = header.linkNums / NUMS_PER_LINK;
    if (!indexesValid(fileNames, strings.count)) throw new Error('a damaged cache');
    const stringIndexes: Int32Array[] = [];
    let p = 0;
    for (let c = 0; c < STRING_COLUMNS; c++) {
      const length = c < ROW_STRING_COLUMNS ? rows : links;
      if (p + length > ints.length) throw new Error('a damaged cache');
      const column = ints.subarray(p, p + length);
      if (!indexesValid(column, strings.count)) throw new Error('a damaged cache');
      stringIndexes.push(column);
      p += length;
      yield;
    }
    if (p !== ints.length) throw new Error('a damaged cache');
    const fileKeys = new Int32Array(2 * files);
    for (let i = 0; i < files; i++) {
      const row = fileRows[i];
      if (row >= rows || row < -1 || (row === -1 && fileNames[i] < 0)) throw new Error('a damaged cache');
      if (row === -1) continue;
      fileKeys[2 * i] = stringIndexes[SUBJECT_KEY_COLUMN][row];
      fileKeys[2 * i + 1] = stringIndexes[QUESTION_KEY_COLUMN][row];
      if (fileKeys[2 * i] < 0 || fileKeys[2 * i + 1] < 0) throw new Error('a damaged cache');
    }
    const table = ArticleTable.fromColumns({
      nums,
      linkNums,
      stringIndexes,
      strings,
      bigIds: header.bigIds,
      bigLinkIds: header.bigLinkIds,
    });
    return new IndexCache(learnRoot, strings, stamps, fileRows, fileNames, fileKeys, table);
  }

  /** Where file `i` is. */
  location(i: number): ArticleLocation {
    const { learnRoot } = this;
    const name = this.fileNames[i];
    if (name < 0) {
      const subjectKey = this.strings.get(this.fileKeys[2 * i]);
      const questionKey = this.strings.get(this.fileKeys[2 * i + 1]);
      return { path: articlePath(learnRoot, subjectKey, questionKey), learnRoot, subjectKey, questionKey };
    }
    const rel = this.strings.get(name);
    const slash = rel.indexOf('/');
    return { path: `${learnRoot}/${rel}`, learnRoot, subjectKey: rel.slice(0, slash), questionKey: rel.slice(slash + 1, -3) };
  }

  /** The number of a file the cache records (as it was then), or -1: for the `…At` methods, one lookup for all. */
  fileIndex(relativePath: string): number {
    if (!this.index) {
      this.index = new Map();
      const skip = this.learnRoot.length + 1;
      for (let i = 0; i < this.size; i++) this.index.set(this.location(i).path.slice(skip), i);
    }
    return this.index.get(relativePath) ?? -1;
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
    return this.fileRows.length;
  }
}

/**
 * Writes the summaries (with their files' stamps) for the next start; atomic (a
 * temp file renamed). Encoded in slices that yield to the event loop.
 */
export async function writeIndexCache(file: string, learnRoot: string, entries: { article: Article; stamp: Stamp }[]): Promise<void> {
  const table = new ArticleTable();
  const files = entries.length;
  const stamps = new Float64Array(2 * files);
  const fileRows = new Int32Array(files);
  const fileNames = new Int32Array(files).fill(-1);
  // each distinct string once, numbered in order of first use
  const distinct: string[] = [];
  const numbered = new Map<string, number>();
  const number = (s: string): number => {
    let n = numbered.get(s);
    if (n === undefined) numbered.set(s, (n = distinct.push(s) - 1));
    return n;
  };
  function* collect(): Generator<void, void> {
    for (let i = 0; i < files; i++) {
      const { article, stamp } = entries[i];
      // a file whose links' ranges do not pack has no row (nor one whose path is not its location's, which the
      // table makes of it): it is read again, but known
      const held =
        article.learnRoot === learnRoot &&
        article.path === articlePath(learnRoot, article.subjectKey, article.questionKey) &&
        article.links.every((l) => packLink(l) !== undefined);
      fileRows[i] = held ? table.add(article) : -1;
      if (!held) fileNames[i] = number(article.path.slice(learnRoot.length + 1));
      stamps[2 * i] = stamp.size;
      stamps[2 * i + 1] = stamp.mtimeMs;
      if (i % 256 === 255) yield;
    }
  }
  await inSlices(collect());
  const columns = table.columns();
  columns.strings[PATH_COLUMN].fill(undefined); // made of the row's location (see `ArticleTable.path`)
  const indexes: Int32Array[] = [];
  function* numberColumns(): Generator<void, void> {
    for (const column of columns.strings) {
      const out = new Int32Array(column.length);
      for (let i = 0; i < column.length; i++) {
        const s = column[i];
        out[i] = s === undefined ? -1 : number(s);
      }
      indexes.push(out);
      yield;
    }
  }
  await inSlices(numberColumns());
  // the strings one after the other, encoded a few thousand at a time, and where each ends
  const strings: Buffer[] = [];
  const ends = new Int32Array(distinct.length);
  let stringsBytes = 0;
  function* encodeStrings(): Generator<void, void> {
    for (let i = 0; i < distinct.length; i += 4096) {
      const piece = distinct.slice(i, i + 4096);
      for (let k = 0; k < piece.length; k++) {
        const length = Buffer.byteLength(piece[k], 'utf8');
        stringsBytes += length;
        // as many bytes as characters: ASCII only
        ends[i + k] = length === piece[k].length ? stringsBytes : ~stringsBytes;
      }
      strings.push(Buffer.from(piece.join(''), 'utf8'));
      yield;
    }
  }
  await inSlices(encodeStrings());
  const header: Header = {
    format: FORMAT,
    build: buildId(),
    learnRoot,
    files,
    strings: distinct.length,
    stringsBytes,
    nums: columns.nums.length,
    linkNums: columns.linkNums.length,
    bigIds: columns.bigIds,
    bigLinkIds: columns.bigLinkIds,
  };
  const bytesOf = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = [
    Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'),
    ...strings,
    bytesOf(ends),
    bytesOf(stamps),
    bytesOf(fileRows),
    bytesOf(fileNames),
    bytesOf(columns.nums),
    bytesOf(columns.linkNums),
    ...indexes.map(bytesOf),
  ];
  await writeWhole(file, parts);
}
