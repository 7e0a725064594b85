/**
 * The index summary of an article file, read the fast way: the file's bytes go
 * into one reused buffer, `walk.ts` checks the regular shape without decoding,
 * and only the indexed values (id, title, subject, url, date, question, related
 * links) are decoded. Anything irregular takes the exact path (`articleFromText`), so the
 * result always equals `summarize(location, readArticleModel(text))`; a corpus
 * test checks that on every real file.
 *
 * The values are first collected flat (`Collected`), then written into a row of
 * the corpus's table (table.ts), or into a record for another thread (`records.ts`).
 */
import * as fs from 'node:fs';
import {
  articleFromText,
  integerOf,
  normalizeQuestion,
  packPosition,
  PACKED_CHARACTERS,
  PACKED_LINES,
  summarize,
  type Article,
} from './article';
import { collapseWhitespace, type ArticleModel } from '../frontMatter/model';
import type { ArticleLocation } from '../site/paths';
import type { FileBytes } from '../loading/readAhead';
import { readArticleModel } from '../frontMatter/read';
import { stripBom } from '../frontMatter/lineIndex';
import { FrontMatterWalk, keyTable, Kind, slotOf } from '../frontMatter/walk';
import { objectOf, type ArticleTable } from './table';
import { modelFromWalk } from '../frontMatter/walkModel';

// this thread's reusable walker and read buffer (scratch space, no state kept between files)
const walker = new FrontMatterWalk();
let scratch = Buffer.allocUnsafe(1 << 16);

/** Reads a file into the reused buffer; its length, or -1 when it cannot be read. */
export function readBytes(path: string): number {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY);
  } catch {
    return -1;
  }
  try {
    let n = 0;
    for (;;) {
      const want = scratch.length - n;
      const got = fs.readSync(fd, scratch, n, want, null);
      n += got;
      if (got < want) return n;
      const bigger = Buffer.allocUnsafe(scratch.length * 2);
      scratch.copy(bigger, 0, 0, n);
      scratch = bigger;
    }
  } catch {
    return -1;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a file into the reused buffer: valid until the next read. */
export function readFileBytes(path: string): FileBytes {
  const length = readBytes(path); // first: a big file replaces the buffer
  return { buffer: scratch, length };
}

/** The text of a file's bytes (unreadable: read as empty). */
function textOf(bytes: FileBytes): string {
  return bytes.length < 0 ? '' : bytes.buffer.toString('utf8', 0, bytes.length);
}

/**
 * Equal strings of one load kept once: a link's url and title are usually its
 * target's, and subjects, dates and slot keys repeat (see docs/performance.md).
 * Made per load and dropped after it, so it never outlives what it shares.
 * Keyed by a hash of the characters: a Map of number keys costs far less than one
 * keyed by long strings, and a collision only means a copy is kept.
 */
export class StringPool {
  private readonly strings = new Map<number, string>();

  share(s: string | undefined): string | undefined {
    if (s === undefined) return s;
    const h = hashString(s);
    const known = this.strings.get(h);
    if (known === undefined) this.strings.set(h, s);
    else if (known === s) return known;
    return s;
  }
}

/**
 * FNV-1a over some 32 of the UTF-16 code units (all of a short string; of a long
 * one, 24 spread over it and its last 8, where slugs differ), as a small integer.
 */
export function hashString(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  if (n <= 32) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h | 0;
  }
  const step = Math.floor((n - 8) / 24);
  for (let i = 0; i < 24; i++) h = Math.imul(h ^ s.charCodeAt(i * step), 16777619);
  for (let i = n - 8; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

/** Reads one article file into a row of `rows` (an unreadable file reads as empty); its row. */
export function readSummaryInto(
  rows: ArticleTable,
  location: ArticleLocation,
  pool?: StringPool,
  bytes = readFileBytes(location.path),
): number {
  const { buffer, length } = bytes;
  if (length >= 0 && walker.walk(buffer, length) && collected.collect(walker)) return collected.addTo(rows, location, pool);
  return rows.add(articleFromText(location, textOf(bytes), false));
}

/** Reads one article file into its index summary (an unreadable file reads as empty). */
export function readSummary(location: ArticleLocation, pool?: StringPool, bytes = readFileBytes(location.path)): Article {
  return objectOf((rows) => readSummaryInto(rows, location, pool, bytes));
}

/**
 * Reads one article file into its summary and its full model (for the checks
 * that need every field); the same as `summarize(readArticleModel(text))` and
 * that model, but faster for the regular shape.
 */
export function readArticleAndModel(
  location: ArticleLocation,
  pool?: StringPool,
  bytes = readFileBytes(location.path),
): { article: Article; model: ArticleModel } {
  let model: ArticleModel | undefined;
  const article = objectOf((rows) => {
    const read = readRowAndModel(rows, location, pool, bytes);
    model = read.model;
    return read.row;
  });
  return { article, model: model! };
}

/** The same, the summary written as a row of `rows` (no article object made). */
export function readRowAndModel(
  rows: ArticleTable,
  location: ArticleLocation,
  pool?: StringPool,
  bytes = readFileBytes(location.path),
): { row: number; model: ArticleModel } {
  const { buffer, length } = bytes;
  if (length >= 0 && walker.walk(buffer, length) && collected.collect(walker)) {
    return { row: collected.addTo(rows, location, pool), model: modelFromWalk(walker) };
  }
  const model = readArticleModel(stripBom(textOf(bytes)));
  return { row: rows.add(summarize(location, model, false)), model };
}

/** The summary of an article's bytes, or undefined when the file is not in the regular shape. */
export function summaryFromBytes(location: ArticleLocation, bytes: Buffer, length: number, pool?: StringPool): Article | undefined {
  return walker.walk(bytes, length) && collected.collect(walker) ? collected.article(location, pool) : undefined;
}

/** `collapseWhitespace`, without its cost for the usual already-collapsed title. */
function collapse(s: string | undefined): string | undefined {
  if (s === undefined) return s;
  // already collapsed: only single spaces between other characters, none of them white space
  let prev = 32;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 ? prev === 32 : c < 33 || c > 126) return collapseWhitespace(s);
    prev = c;
  }
  return prev === 32 ? collapseWhitespace(s) : s;
}

/** The ids (in the walker's key table) of the keys the summary reads. */
const KEY = {
  id: keyTable.idOf('id'),
  title: keyTable.idOf('title'),
  subject: keyTable.idOf('subject'),
  url: keyTable.idOf('url'),
  date: keyTable.idOf('date'),
  question: keyTable.idOf('question'),
};

/** Packed link ranges per link: id, url and title starts and ends. */
const PACKED_PER_LINK = 6;

/** One walked file's summary values, flat and reused from file to file. */
export class Collected {
  id: number | undefined;
  /** The id's value range: start line, start character, end line, end character (start line -1: no id). */
  readonly idRange = new Int32Array(4);
  title: string | undefined;
  subject: string | undefined;
  url: string | undefined;
  date: string | undefined;
  normalizedQuestion: string | undefined;
  /** The question's value range: its packed start and end (-1: no question). */
  readonly questionAt = new Int32Array(2);
  linkCount = 0;
  readonly n: number[] = [];
  readonly key: string[] = [];
  readonly isMap: boolean[] = [];
  readonly linkId: (number | undefined)[] = [];
  readonly linkUrl: (string | undefined)[] = [];
  readonly linkTitle: (string | undefined)[] = [];
  readonly linkSubject: (string | undefined)[] = [];
  readonly keyLine: number[] = [];
  /** `PACKED_PER_LINK` positions per link (`packPosition`), -1 when absent. */
  packed = new Int32Array(16 * PACKED_PER_LINK);

  private w!: FrontMatterWalk;
  private readonly bounds = new Int32Array(4);

  /** Collects a walked file's values; false when the question's or a link's range does not fit the packed form. */
  collect(w: FrontMatterWalk): boolean {
    this.w = w;
    this.id = this.title = this.subject = this.url = this.date = this.normalizedQuestion = undefined;
    this.questionAt.fill(-1);
    this.idRange[0] = -1;
    this.linkCount = 0;
    for (let e = 0; e < w.count; e++) {
      if (w.parent[e] !== -1) continue;
      const key = w.keyId[e];
      if (key === KEY.id) {
        this.id = w.kind[e] === Kind.Plain ? integerOf(w.plainValue(e)) : undefined;
        this.boundsOf(e);
        this.idRange.set(this.bounds);
      } else if (key === KEY.title) this.title = collapse(this.text(e));
      else if (key === KEY.subject) this.subject = this.text(e);
      else if (key === KEY.url) this.url = this.text(e);
      else if (key === KEY.date) this.date = this.text(e);
      else if (key === KEY.question) {
        this.normalizedQuestion = normalizeQuestion(this.text(e));
        if (this.normalizedQuestion !== undefined && !this.pack(e, 0, this.questionAt)) return false;
      } else if (slotOf(key) >= 0 && !this.link(e, w.keys[e], slotOf(key))) return false;
    }
    return true;
  }

  private link(e: number, key: string, n: number): boolean {
    const w = this.w;
    const k = this.linkCount++;
    if ((k + 1) * PACKED_PER_LINK > this.packed.length) {
      const more = new Int32Array(this.packed.length * 2);
      more.set(this.packed);
      this.packed = more;
    }
    const isMap = w.kind[e] === Kind.Map;
    this.n[k] = n;
    this.key[k] = key;
    this.isMap[k] = isMap;
    this.keyLine[k] = w.keyLine[e];
    this.linkId[k] = this.linkUrl[k] = this.linkTitle[k] = this.linkSubject[k] = undefined;
    this.packed.fill(-1, k * PACKED_PER_LINK, (k + 1) * PACKED_PER_LINK);
    for (let c = e + 1; isMap && c < w.count && w.parent[c] === e; c++) {
      const key = w.keyId[c];
      if (key === KEY.id) {
        this.linkId[k] = w.kind[c] === Kind.Plain ? integerOf(w.plainValue(c)) : undefined;
        if (!this.pack(c, k * PACKED_PER_LINK)) return false;
      } else if (key === KEY.url) {
        this.linkUrl[k] = this.text(c);
        if (!this.pack(c, k * PACKED_PER_LINK + 2)) return false;
      } else if (key === KEY.title) {
        this.linkTitle[k] = collapse(this.text(c));
        if (!this.pack(c, k * PACKED_PER_LINK + 4)) return false;
      } else if (key === KEY.subject) this.linkSubject[k] = this.text(c);
    }
    return true;
  }

  /** What `textOf` gives for the entry's field. */
  private text(e: number): string | undefined {
    const w = this.w;
    const kind = w.kind[e];
    if (kind === Kind.Plain) return w.plainSource(e); // numbers read as written, strings as themselves
    if (kind === Kind.Folded) return w.folded(e);
    return undefined;
  }

  private pack(e: number, at: number, into: Int32Array = this.packed): boolean {
    const b = this.boundsOf(e);
    if (b[2] >= PACKED_LINES || b[1] >= PACKED_CHARACTERS || b[3] >= PACKED_CHARACTERS) return false;
    into[at] = packPosition(b[0], b[1]);
    into[at + 1] = packPosition(b[2], b[3]);
    return true;
  }

  /** The entry's value range, as the scanner's `valueRange` (never a mapping here). */
  private boundsOf(e: number): Int32Array {
    const w = this.w;
    const b = this.bounds;
    const line = w.keyLine[e];
    const col = w.indent[e] + w.keys[e].length + 2;
    b[0] = b[2] = line;
    b[1] = col;
    switch (w.kind[e]) {
      case Kind.Plain:
        b[3] = col + w.plainLength(e);
        break;
      case Kind.Folded: {
        const last = w.last[e];
        b[2] = w.lineNo(last);
        b[3] = w.foldedEndColumn(e, w.part(e, last));
        break;
      }
      default:
        b[1] = b[3] = col - 1;
    }
    return b;
  }

  /** Writes the collected values into a row of `rows` (titles and urls shared through `pool`; short values are shared by the walker); its row. */
  addTo(rows: ArticleTable, location: ArticleLocation, pool?: StringPool): number {
    const share = pool ? (s: string | undefined) => pool.share(s) : (s: string | undefined) => s;
    const r = this.idRange;
    const row = rows.addRow(
      location,
      true,
      this.id,
      r[0],
      r[1],
      r[2],
      r[3],
      share(this.title),
      this.subject,
      share(this.url),
      this.date,
      this.normalizedQuestion,
      this.questionAt[0],
      this.questionAt[1],
      this.linkCount,
    );
    const p = this.packed;
    for (let k = 0; k < this.linkCount; k++) {
      const at = k * PACKED_PER_LINK;
      rows.setLink(
        row,
        k,
        this.n[k],
        this.key[k],
        this.isMap[k],
        this.linkId[k],
        share(this.linkUrl[k]),
        share(this.linkTitle[k]),
        this.linkSubject[k],
        this.keyLine[k],
        p[at],
        p[at + 1],
        p[at + 2],
        p[at + 3],
        p[at + 4],
        p[at + 5],
      );
    }
    return row;
  }

  /** The collected values as an Article object of its own. */
  article(location: ArticleLocation, pool?: StringPool): Article {
    return objectOf((rows) => this.addTo(rows, location, pool));
  }
}

const collected = new Collected();

/** The collector of the walker of this thread, for `records.ts`. */
export function collectFile(length: number): Collected | undefined {
  return walker.walk(scratch, length) && collected.collect(walker) ? collected : undefined;
}

/** The full model of the file `collectFile` accepted last. */
export function lastModel(): ArticleModel {
  return modelFromWalk(walker);
}
