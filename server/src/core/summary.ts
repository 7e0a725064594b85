/**
 * The index summary of an article file, read the fast way: the file's bytes go
 * into one reused buffer, `walk.ts` checks the regular shape without decoding,
 * and only the indexed values (id, title, subject, url, date, related links) are
 * decoded. Anything irregular takes the exact path (`articleFromText`), so the
 * result always equals `summarize(location, readArticleModel(text))`; a corpus
 * test checks that on every real file.
 */
import * as fs from 'node:fs';
import {
  articleFromText,
  integerOf,
  makeArticle,
  PackedLink,
  packPosition,
  PACKED_CHARACTERS,
  PACKED_LINES,
  summarize,
  type Article,
  type RelatedLink,
} from './article';
import { collapseWhitespace, RELATED_KEY, type ArticleModel, type Range } from './model';
import type { ArticleLocation } from './paths';
import { readArticleModel } from './scan';
import { stripBom } from './text';
import { FrontMatterWalk, Kind } from './walk';
import { modelFromWalk } from './walk-model';

const walker = new FrontMatterWalk();
let scratch = Buffer.allocUnsafe(1 << 16);

/** Reads a file into the reused buffer; its length, or -1 when it cannot be read. */
function readBytes(path: string): number {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
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

/**
 * Equal strings of one load kept once: a link's url and title are usually its
 * target's, and subjects, dates and slot keys repeat (~25 MB on the real corpus).
 * Made per load and dropped after it, so it never outlives what it shares.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  share(s: string | undefined): string | undefined {
    if (s === undefined) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
}

const NO_POOL = { share: (s: string | undefined) => s };

/** Reads one article file into its index summary (an unreadable file reads as empty). */
export function readSummary(location: ArticleLocation, pool?: StringPool): Article {
  const n = readBytes(location.path);
  if (n < 0) return articleFromText(location, '', false);
  return summaryFromBytes(location, scratch, n, pool) ?? articleFromText(location, scratch.toString('utf8', 0, n), false);
}

/**
 * Reads one article file into its summary and its full model (for the checks
 * that need every field); the same as `summarize(readArticleModel(text))` and
 * that model, but faster for the regular shape.
 */
export function readArticleAndModel(location: ArticleLocation, pool?: StringPool): { article: Article; model: ArticleModel } {
  const n = readBytes(location.path);
  if (n >= 0 && walker.walk(scratch, n)) {
    const article = new SummaryBuilder(walker, pool ?? NO_POOL).build(location);
    if (article) return { article, model: modelFromWalk(walker) };
  }
  const model = readArticleModel(n < 0 ? '' : stripBom(scratch.toString('utf8', 0, n)));
  return { article: summarize(location, model, false), model };
}

/** The summary of an article's bytes, or undefined when the file is not in the regular shape. */
export function summaryFromBytes(location: ArticleLocation, bytes: Buffer, length: number, pool?: StringPool): Article | undefined {
  if (!walker.walk(bytes, length)) return undefined;
  return new SummaryBuilder(walker, pool ?? NO_POOL).build(location);
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

/** Thrown when a range does not fit the packed form: the caller takes the exact path. */
const TOO_FAR = Object.freeze({ tooFar: true });

class SummaryBuilder {
  /** Top-level entries that are related slots, and their slot numbers. */
  private readonly slots: number[] = [];
  private readonly slotNumbers: number[] = [];

  constructor(
    private readonly w: FrontMatterWalk,
    private readonly pool: Pick<StringPool, 'share'>,
  ) {}

  build(location: ArticleLocation): Article | undefined {
    const w = this.w;
    const pool = this.pool;
    let id: number | undefined;
    let idRange: Range | undefined;
    let title: string | undefined;
    let subject: string | undefined;
    let url: string | undefined;
    let date: string | undefined;
    try {
      for (let e = 0; e < w.count; e++) {
        if (w.parent[e] !== -1) continue;
        const key = w.keys[e];
        switch (key) {
          case 'id':
            id = w.kind[e] === Kind.Plain ? integerOf(w.plainValue(e)) : undefined;
            idRange = this.range(e);
            break;
          case 'title':
            title = pool.share(collapse(this.text(e)));
            break;
          case 'subject':
            subject = pool.share(this.text(e));
            break;
          case 'url':
            url = pool.share(this.text(e));
            break;
          case 'date':
            date = pool.share(this.text(e));
            break;
          default: {
            const m = RELATED_KEY.exec(key);
            if (m) {
              this.slots.push(e);
              this.slotNumbers.push(Number(m[1]));
            }
          }
        }
      }
      // an array of the exact size: `push` would reserve 17 slots for the usual 3 or 4
      const links: RelatedLink[] = new Array(this.slots.length);
      for (let k = 0; k < links.length; k++) links[k] = this.link(this.slots[k], this.slotNumbers[k]);
      return makeArticle(location, { hasFrontMatter: true, id, idRange, title, subject, url, date, links });
    } catch (err) {
      if (err === TOO_FAR) return undefined;
      throw err;
    }
  }

  private link(e: number, n: number): RelatedLink {
    const w = this.w;
    const pool = this.pool;
    const isMap = w.kind[e] === Kind.Map;
    let id: number | undefined;
    let url: string | undefined;
    let title: string | undefined;
    let subject: string | undefined;
    let [i0, i1, u0, u1, t0, t1] = [-1, -1, -1, -1, -1, -1];
    for (let c = e + 1; isMap && c < w.count && w.parent[c] === e; c++) {
      switch (w.keys[c]) {
        case 'id':
          id = w.kind[c] === Kind.Plain ? integerOf(w.plainValue(c)) : undefined;
          [i0, i1] = this.packed(c);
          break;
        case 'url':
          url = pool.share(this.text(c));
          [u0, u1] = this.packed(c);
          break;
        case 'title':
          title = pool.share(collapse(this.text(c)));
          [t0, t1] = this.packed(c);
          break;
        case 'subject':
          subject = pool.share(this.text(c));
          break;
      }
    }
    return new PackedLink(n, w.keys[e], isMap, id, url, title, subject, w.keyLine[e], i0, i1, u0, u1, t0, t1);
  }

  /** What `textOf` gives for the entry's field. */
  private text(e: number): string | undefined {
    const w = this.w;
    const kind = w.kind[e];
    if (kind === Kind.Plain) return w.plainSource(e); // numbers read as written, strings as themselves
    if (kind === Kind.Folded) return w.folded(e);
    return undefined;
  }

  /** The entry's value range, as the scanner's `valueRange` (never a mapping here). */
  private range(e: number): Range {
    const [sl, sc, el, ec] = this.bounds(e);
    return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
  }

  private packed(e: number): [number, number] {
    const [sl, sc, el, ec] = this.bounds(e);
    if (el >= PACKED_LINES || sc >= PACKED_CHARACTERS || ec >= PACKED_CHARACTERS) throw TOO_FAR;
    return [packPosition(sl, sc), packPosition(el, ec)];
  }

  private bounds(e: number): [number, number, number, number] {
    const w = this.w;
    const line = w.keyLine[e];
    const col = w.indent[e] + w.keys[e].length + 2;
    switch (w.kind[e]) {
      case Kind.Plain:
        return [line, col, line, col + w.plainSource(e).length];
      case Kind.Folded: {
        const last = w.last[e];
        return [line, col, w.lineNo(last), w.foldedEndColumn(e, w.part(e, last))];
      }
      default:
        return [line, col - 1, line, col - 1];
    }
  }
}
