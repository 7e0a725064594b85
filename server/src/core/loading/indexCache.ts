/**
 * A persistent index cache for warm starts: the summaries of a learn folder as
 * flat records (records.ts), each with its file's size and modification time.
 * A start re-reads only the files whose size or time changed (and those the
 * cache does not hold); a cache of another format, product version or folder
 * (or build) is ignored. It lives outside the content (the OS temp folder by default).
 *
 * File layout: one JSON header line, then the strings (UTF-8, NUL-separated),
 * then the numbers (Float64 records, then two Float64 stamps per file).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Article } from '../corpus/article';
import type { ArticleTable } from '../corpus/table';
import type { ArticleLocation } from '../site/paths';
import { isDeferred, RecordReader, recordEnd, RecordWriter } from '../corpus/records';
import { atOnce, inSlices } from './slices';

declare const QUICKTAKES_VERSION: string;
/** Bumped when the summary or the record layout changes. */
const FORMAT = 3;
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

/** Bytes of strings decoded per step, and files per step, of a load in slices. */
const STRINGS_CHUNK = 1 << 20;
const STEP = 4096;

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
  /** Relative paths, in record order. */
  files: number;
  stringsBytes: number;
  records: number;
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
  /** Whether the cache saw it as it is now (else the cache is out of date; when it did, `IndexCache.summaryOf` gives its summary). */
  held: boolean;
}

/** Stamps the file at `location` (unless its stamp is given) and looks it up in `cache` (none: nothing is held). */
export function lookUp(
  cache: IndexCache | undefined,
  location: ArticleLocation,
  learnRoot: string,
  stamp: Stamp | undefined = stampOf(location.path),
): CacheLookup {
  const held = cache?.holds(location.path.slice(learnRoot.length + 1), stamp) ?? false;
  return { stamp, held };
}

/**
 * The cache of a learn folder, opened: the stamps of the files it holds, and
 * their summaries decoded one by one as asked (so a start can spread the work).
 */
export class IndexCache {
  private constructor(
    private readonly paths: string[],
    private readonly index: Map<string, number>,
    private readonly records: Float64Array,
    private readonly offsets: Int32Array,
    private readonly stamps: Float64Array,
    private readonly reader: RecordReader,
  ) {}

  /** The cache in `file` if it is one of this format, build and folder. */
  static open(file: string, learnRoot: string): IndexCache | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    try {
      return atOnce(IndexCache.decode(bytes, learnRoot));
    } catch {
      return undefined; // a damaged cache is no cache
    }
  }

  /** The same, read in the background and decoded in slices that yield to the event loop (a server stays responsive). */
  static async openInSlices(file: string, learnRoot: string, stringsChunk = STRINGS_CHUNK): Promise<IndexCache | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch {
      return undefined;
    }
    try {
      return await inSlices(IndexCache.decode(bytes, learnRoot, stringsChunk));
    } catch {
      return undefined;
    }
  }

  /** Decodes a cache file's bytes, in steps (a cache of another format, build or folder is undefined). */
  private static *decode(bytes: Buffer, learnRoot: string, stringsChunk = STRINGS_CHUNK): Generator<void, IndexCache | undefined> {
    const nl = bytes.indexOf(10);
    const header = JSON.parse(bytes.toString('utf8', 0, nl)) as Header;
    if (header.format !== FORMAT || header.build !== buildId() || header.learnRoot !== learnRoot) return undefined;
    const stringsEnd = nl + 1 + header.stringsBytes;
    // the strings, NUL-separated, decoded a chunk at a time (a NUL byte is never part of another character)
    const strings: string[] = [];
    for (let from = nl + 1; from <= stringsEnd;) {
      let to = from + stringsChunk >= stringsEnd ? stringsEnd : bytes.indexOf(0, from + stringsChunk);
      if (to === -1 || to > stringsEnd) to = stringsEnd;
      decodeStrings(bytes, from, to, strings);
      from = to + 1;
      yield;
    }
    const numsStart = Math.ceil(stringsEnd / 8) * 8; // the numbers are 8-aligned (padding after the strings)
    const count = (bytes.length - numsStart) / 8;
    const at = bytes.byteOffset + numsStart;
    // a view where the file's buffer allows (a big read starts its own buffer), else a copy
    const nums = at % 8 === 0 ? new Float64Array(bytes.buffer, at, count) : new Float64Array(bytes.buffer.slice(at, at + count * 8));
    const records = nums.subarray(0, header.records);
    const offsets = new Int32Array(header.files);
    const paths = strings.slice(0, header.files);
    const index = new Map<string, number>();
    for (let i = 0, p = 0; i < header.files; i++, p = recordEnd(records, p)) {
      offsets[i] = p;
      index.set(paths[i], i);
      if (i % STEP === STEP - 1) yield;
    }
    const reader = new RecordReader();
    for (let i = header.files; i < strings.length; i += STEP) {
      reader.addStrings(strings.slice(i, i + STEP));
      yield;
    }
    return new IndexCache(paths, index, records, offsets, nums.subarray(header.records), reader);
  }

  /** Whether the cache records the file (as it was then). */
  recordsFile(relativePath: string): boolean {
    return this.index.has(relativePath);
  }

  /** Copies the size and time the cache recorded for a file it records into `out` at `at` and `at + 1`. */
  copyStamp(relativePath: string, out: Float64Array, at: number): void {
    const i = this.index.get(relativePath)!;
    out[at] = this.stamps[2 * i];
    out[at + 1] = this.stamps[2 * i + 1];
  }

  /** Whether the cache saw the file as it is now (its size and time). */
  holds(relativePath: string, stamp: Stamp | undefined): boolean {
    const i = this.index.get(relativePath);
    return i !== undefined && !!stamp && this.stamps[2 * i] === stamp.size && this.stamps[2 * i + 1] === stamp.mtimeMs;
  }

  /**
   * The cached summary of a file the cache records, whatever the file is now (`holds` says whether it still is);
   * undefined for the rest, and for the files it records but leaves to be read again (no front matter, or link
   * ranges too far out to pack: records.ts).
   */
  summaryOf(location: ArticleLocation, relativePath: string): Article | undefined {
    const p = this.recordOf(relativePath);
    return p === undefined ? undefined : this.reader.decode(this.records, p, location);
  }

  /** The same written straight into a row of `rows` (see `summaryOf`); its row, or -1. */
  writeRow(rows: ArticleTable, location: ArticleLocation, relativePath: string): number {
    const p = this.recordOf(relativePath);
    return p === undefined ? -1 : this.reader.decodeInto(rows, this.records, p, location);
  }

  /** Where a file's record starts, unless the cache does not record it or leaves it to be read again. */
  private recordOf(relativePath: string): number | undefined {
    const i = this.index.get(relativePath);
    if (i === undefined) return undefined;
    const p = this.offsets[i];
    return isDeferred(this.records, p) ? undefined : p;
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
  const writer = new RecordWriter();
  const paths: string[] = [];
  const stamps: number[] = [];
  function* encode(): Generator<void, void> {
    for (const { article, stamp } of entries) {
      if (!writer.writeArticle(paths.length, article)) writer.deferred(paths.length); // read again, but known
      paths.push(article.path.slice(learnRoot.length + 1));
      stamps.push(stamp.size, stamp.mtimeMs);
      if (paths.length % 256 === 0) yield;
    }
  }
  await inSlices(encode());
  const batch = writer.take();
  // the strings, NUL-separated, encoded a few thousand at a time
  const strings: Buffer[] = [];
  let stringsBytes = 0;
  function* encodeStrings(): Generator<void, boolean> {
    for (const list of [paths, batch.strings]) {
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
    records: batch.nums.length,
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const pad = Buffer.alloc((8 - ((head.length + stringsBytes) % 8)) % 8);
  const parts = [
    head,
    ...strings,
    pad,
    Buffer.from(batch.nums.buffer, 0, batch.nums.byteLength),
    Buffer.from(new Float64Array(stamps).buffer),
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
