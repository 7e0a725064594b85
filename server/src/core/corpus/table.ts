/**
 * The articles of a corpus as columns: per article a stride of int32 numbers
 * and a slot in each string column, per related link the same, so a corpus of
 * 36k articles and 100k links is a few dozen arrays instead of ~250k objects
 * (see docs/performance.md). `Corpus` keeps its maps by row number; the Article
 * object of a row (`StoredArticle`) is made when somebody asks for it, and kept
 * for the row so that the same article is always the same object.
 *
 * Rows are reused: a row removed (an article replaced or deleted) goes to a
 * free list, and an Article object made for it first takes a copy of its values,
 * so anybody still holding the old article sees it as it was.
 */
import type { ArticleModel, Range } from '../frontMatter/model';
import { makeArticle, packLink, PackedLink, type Article, type RelatedLink } from './article';
import { articlePath, canonicalUrl, isArticlePath, isCanonicalUrl, type ArticleLocation } from '../site/paths';
import { ChunkedArray } from './chunkedArray';

// the int32 numbers of a row
const FLAGS = 0; // HAS_FRONT_MATTER | LOOSE_LINKS
const ID = 1;
const ID_RANGE = 2; // 4: start line, start character, end line, end character (-1: none)
const QUESTION_START = 6;
const QUESTION_END = 7;
const LINK_START = 8;
const LINK_COUNT = 9;
const ROW = 10;

// the int32 numbers of a link
const N = 0;
const IS_MAP = 1;
const LINK_ID = 2;
const KEY_LINE = 3;
const PACKED = 4; // 6: id, url and title value ranges (packed positions, -1: none)
const LINK = 10;

const HAS_FRONT_MATTER = 1;
/** The row's links did not pack (a range past what a packed position holds): kept as objects in `looseLinks`. */
const LOOSE_LINKS = 2;

/** An id stored in an int32 slot: these two values say "none" and "not an int32 (see `bigIds`)". */
const NO_ID = -0x80000000;
const BIG_ID = -0x7fffffff;

/**
 * A table's values as flat columns (what the index cache writes): `ROW` int32 numbers per row and `LINK` per link,
 * then per row its string columns and per link its own (`STRING_COLUMNS` of each), and the ids that are not int32.
 */
export interface TableColumns {
  nums: Int32Array;
  linkNums: Int32Array;
  strings: (string | undefined)[][];
  bigIds: [number, number][];
  bigLinkIds: [number, number][];
}

/** Strings by number, as a table read from the index cache finds them (each decoded when first read). */
export interface StringSource {
  get(index: number): string;
}

/**
 * The same columns as read back: each string column as numbers into `strings` (-1: undefined), one Int32Array per
 * column. A row's path may be left out (-1): it is then its learn folder's, subject folder's and question-key's.
 */
export interface StoredColumns extends Omit<TableColumns, 'strings'> {
  stringIndexes: Int32Array[];
  strings: StringSource;
}

/** The int32 numbers per row and per link, the string columns in all, and how many of them are per row (the rest per link). */
export const NUMS_PER_ROW = ROW;
export const NUMS_PER_LINK = LINK;
export const STRING_COLUMNS = 13;
export const ROW_STRING_COLUMNS = 9;

// the string columns (`text`), in `TableColumns.strings` order
const PATHS = 0;
const LEARN_ROOTS = 1;
const SUBJECT_KEYS = 2;
const QUESTION_KEYS = 3;
const TITLES = 4;
const SUBJECTS = 5;
const URLS = 6;
const DATES = 7;
const QUESTIONS = 8;
const LINK_KEYS = 9;
const LINK_URLS = 10;
const LINK_TITLES = 11;
const LINK_SUBJECTS = 12;

export class ArticleTable {
  private nums: Int32Array = new Int32Array(ROW * 1024);
  private linkNums: Int32Array = new Int32Array(LINK * 1024);
  private rows = 0;
  private linkSlots = 0;
  /** The string columns (`PATHS` … `LINK_SUBJECTS`), by row or by link. */
  private readonly text = Array.from({ length: STRING_COLUMNS }, () => new ChunkedArray<string>());
  /** Ids that are not int32 (rare: a typo's huge number), by row, and by link index. */
  private readonly bigIds = new Map<number, number>();
  private readonly bigLinkIds = new Map<number, number>();
  private readonly looseLinks = new Map<number, RelatedLink[]>();
  private readonly models = new Map<number, ArticleModel>();
  /** The Article object made for each row so far. */
  private readonly views = new ChunkedArray<StoredArticle>();
  private readonly freeRows: number[] = [];
  /** Link ranges of removed rows, by length. */
  private readonly freeLinks = new Map<number, number[]>();

  /**
   * The strings of rows read from the index cache, decoded when first read (most never are in a session, and a
   * start decodes only the few it indexes by): per string column its numbers into `strings`, -1 once the slot is
   * written (`text` then holds it).
   */
  private stored: { indexes: Int32Array[]; strings: StringSource } | undefined;

  /**
   * Whether a row keeps its path string. A long-lived table (the server's) does not: the paths were its largest
   * strings (~55 MB of a ten-times corpus) and one is cheap to make. A one-shot one (lint's) does, because the
   * structures it builds per file share that one string instead of each making its own.
   */
  holdsPaths = true;

  /** A table of stored columns (the index cache's), its strings decoded as read. */
  static fromColumns(c: StoredColumns): ArticleTable {
    const t = new ArticleTable();
    t.nums = c.nums;
    t.linkNums = c.linkNums;
    t.rows = c.nums.length / ROW;
    t.linkSlots = c.linkNums.length / LINK;
    t.stored = { indexes: c.stringIndexes, strings: c.strings };
    for (const [k, v] of c.bigIds) t.bigIds.set(k, v);
    for (const [k, v] of c.bigLinkIds) t.bigLinkIds.set(k, v);
    return t;
  }

  /**
   * The table as flat columns, for a table that only ever had rows added (the index cache writes one of its own):
   * rows and links are then numbered from 0 without gaps. Links that did not pack (`add`) are not columns: the
   * caller leaves such articles out.
   */
  columns(): TableColumns {
    if (this.freeRows.length > 0 || this.looseLinks.size > 0 || this.stored)
      throw new Error('only a table that was added to has plain columns');
    return {
      nums: this.nums.slice(0, this.rows * ROW),
      linkNums: this.linkNums.slice(0, this.linkSlots * LINK),
      strings: this.text.map((column, c) => column.slice(c < ROW_STRING_COLUMNS ? this.rows : this.linkSlots)),
      bigIds: [...this.bigIds],
      bigLinkIds: [...this.bigLinkIds],
    };
  }

  /** Stores an article's values in a row (a removed row if any); its row number. */
  add(a: Article): number {
    const packed = a.links.map(packLink);
    const loose = !packed.every((l) => l !== undefined);
    const r = a.idRange;
    const row = this.addRow(
      a,
      a.hasFrontMatter,
      a.id,
      r ? r.start.line : -1,
      r ? r.start.character : -1,
      r ? r.end.line : -1,
      r ? r.end.character : -1,
      a.title,
      a.subject,
      a.url,
      a.date,
      a.normalizedQuestion,
      a.questionStart,
      a.questionEnd,
      loose ? 0 : packed.length,
    );
    if (a.model) this.models.set(row, a.model);
    if (loose) {
      this.nums[row * ROW + FLAGS] |= LOOSE_LINKS;
      this.looseLinks.set(row, a.links);
      return row;
    }
    for (let k = 0; k < packed.length; k++) {
      const l = packed[k]!;
      this.setLink(
        row,
        k,
        l.n,
        l.key,
        l.isMap,
        l.id,
        l.url,
        l.title,
        l.subject,
        l.keyLine,
        l.idStart,
        l.idEnd,
        l.urlStart,
        l.urlEnd,
        l.titleStart,
        l.titleEnd,
      );
    }
    return row;
  }

  /**
   * Stores an article's own values in a row (a removed row if any), with room for `linkCount` links, which
   * `setLink` then fills (loaders write their flat values straight in, without an Article object); its row number.
   */
  addRow(
    location: ArticleLocation,
    hasFrontMatter: boolean,
    id: number | undefined,
    idLine: number,
    idCharacter: number,
    idEndLine: number,
    idEndCharacter: number,
    title: string | undefined,
    subject: string | undefined,
    url: string | undefined,
    date: string | undefined,
    normalizedQuestion: string | undefined,
    questionStart: number,
    questionEnd: number,
    linkCount: number,
  ): number {
    const row = this.freeRows.pop() ?? this.newRow();
    const at = row * ROW;
    const nums = this.nums;
    nums[at + FLAGS] = hasFrontMatter ? HAS_FRONT_MATTER : 0;
    nums[at + ID] = this.idSlot(id, this.bigIds, row);
    nums[at + ID_RANGE] = idLine;
    nums[at + ID_RANGE + 1] = idCharacter;
    nums[at + ID_RANGE + 2] = idEndLine;
    nums[at + ID_RANGE + 3] = idEndCharacter;
    nums[at + QUESTION_START] = questionStart;
    nums[at + QUESTION_END] = questionEnd;
    nums[at + LINK_START] = this.linkRange(linkCount);
    nums[at + LINK_COUNT] = linkCount;
    this.put(PATHS, row, this.holdsPaths ? location.path : undefined);
    this.put(LEARN_ROOTS, row, location.learnRoot);
    this.put(SUBJECT_KEYS, row, location.subjectKey);
    this.put(QUESTION_KEYS, row, location.questionKey);
    this.put(TITLES, row, title);
    this.put(SUBJECTS, row, subject);
    this.put(URLS, row, url !== undefined && isCanonicalUrl(url, location.subjectKey, location.questionKey) ? CANONICAL_URL : url);
    this.put(DATES, row, date);
    // one string less per article: a question normalizes to its file's question-key nearly always
    this.put(QUESTIONS, row, normalizedQuestion === location.questionKey ? location.questionKey : normalizedQuestion);
    return row;
  }

  /** Sets the `k`th link of a row `addRow` made (positions packed, -1: no value). */
  setLink(
    row: number,
    k: number,
    n: number,
    key: string,
    isMap: boolean,
    id: number | undefined,
    url: string | undefined,
    title: string | undefined,
    subject: string | undefined,
    keyLine: number,
    idStart: number,
    idEnd: number,
    urlStart: number,
    urlEnd: number,
    titleStart: number,
    titleEnd: number,
  ): void {
    const i = this.nums[row * ROW + LINK_START] + k;
    const at = i * LINK;
    const nums = this.linkNums;
    nums[at + N] = n;
    nums[at + IS_MAP] = isMap ? 1 : 0;
    nums[at + LINK_ID] = this.idSlot(id, this.bigLinkIds, i);
    nums[at + KEY_LINE] = keyLine;
    nums[at + PACKED] = idStart;
    nums[at + PACKED + 1] = idEnd;
    nums[at + PACKED + 2] = urlStart;
    nums[at + PACKED + 3] = urlEnd;
    nums[at + PACKED + 4] = titleStart;
    nums[at + PACKED + 5] = titleEnd;
    this.put(LINK_KEYS, i, key);
    this.put(LINK_URLS, i, url);
    this.put(LINK_TITLES, i, title);
    this.put(LINK_SUBJECTS, i, subject);
  }

  /** Frees a row; the Article object made for it, if any, keeps its values. */
  remove(row: number): void {
    this.views.get(row)?.freeze();
    this.views.set(row, undefined);
    const at = row * ROW;
    const count = this.nums[at + LINK_COUNT];
    if (count > 0) {
      const start = this.nums[at + LINK_START];
      for (let k = start; k < start + count; k++) {
        this.put(LINK_KEYS, k, '');
        for (let c = LINK_URLS; c <= LINK_SUBJECTS; c++) this.put(c, k, undefined);
        this.bigLinkIds.delete(k);
      }
      let free = this.freeLinks.get(count);
      if (!free) this.freeLinks.set(count, (free = []));
      free.push(start);
    }
    this.nums[at + LINK_COUNT] = 0;
    for (let c = PATHS; c <= QUESTION_KEYS; c++) this.put(c, row, '');
    for (let c = TITLES; c <= QUESTIONS; c++) this.put(c, row, undefined);
    this.bigIds.delete(row);
    this.looseLinks.delete(row);
    this.models.delete(row);
    this.freeRows.push(row);
  }

  /** The Article object of a row (made on first use). */
  article(row: number): Article {
    let view = this.views.get(row);
    if (view === undefined) this.views.set(row, (view = new StoredArticle(this, row)));
    return view;
  }

  /** A plain copy of a row's article, the row freed: for a row written only to be read back as an object. */
  take(row: number): Article {
    const a = plainArticle(new StoredArticle(this, row));
    this.remove(row);
    return a;
  }

  path(row: number): string {
    return this.str(PATHS, row) ?? this.storedPath(row);
  }

  /** Whether `path` is this row's (without making the row's path). */
  isAt(row: number, path: string): boolean {
    return isArticlePath(path, this.learnRoot(row), this.subjectKey(row), this.questionKey(row));
  }

  id(row: number): number | undefined {
    return this.idOf(this.nums[row * ROW + ID], this.bigIds, row);
  }

  hasFrontMatter(row: number): boolean {
    return (this.nums[row * ROW + FLAGS] & HAS_FRONT_MATTER) !== 0;
  }

  learnRoot(row: number): string {
    return this.str(LEARN_ROOTS, row)!;
  }

  subjectKey(row: number): string {
    return this.str(SUBJECT_KEYS, row)!;
  }

  questionKey(row: number): string {
    return this.str(QUESTION_KEYS, row)!;
  }

  idRange(row: number): Range | undefined {
    const at = row * ROW + ID_RANGE;
    const n = this.nums;
    return n[at] < 0 ? undefined : { start: { line: n[at], character: n[at + 1] }, end: { line: n[at + 2], character: n[at + 3] } };
  }

  title(row: number): string | undefined {
    return this.str(TITLES, row);
  }

  subject(row: number): string | undefined {
    return this.str(SUBJECTS, row);
  }

  url(row: number): string | undefined {
    const url = this.str(URLS, row);
    return url === CANONICAL_URL ? canonicalUrl(this.subjectKey(row), this.questionKey(row)) : url;
  }

  date(row: number): string | undefined {
    return this.str(DATES, row);
  }

  normalizedQuestion(row: number): string | undefined {
    return this.str(QUESTIONS, row);
  }

  questionStart(row: number): number {
    return this.nums[row * ROW + QUESTION_START];
  }

  questionEnd(row: number): number {
    return this.nums[row * ROW + QUESTION_END];
  }

  model(row: number): ArticleModel | undefined {
    return this.models.get(row);
  }

  /** The row's related links, made as asked (not kept). */
  links(row: number): RelatedLink[] {
    const at = row * ROW;
    if (this.nums[at + FLAGS] & LOOSE_LINKS) return this.looseLinks.get(row)!;
    const start = this.nums[at + LINK_START];
    const out: RelatedLink[] = new Array(this.nums[at + LINK_COUNT]);
    for (let k = 0; k < out.length; k++) out[k] = this.link(start + k);
    return out;
  }

  private link(k: number): PackedLink {
    const n = this.linkNums;
    const at = k * LINK;
    return new PackedLink(
      n[at + N],
      this.str(LINK_KEYS, k)!,
      n[at + IS_MAP] === 1,
      this.idOf(n[at + LINK_ID], this.bigLinkIds, k),
      this.str(LINK_URLS, k),
      this.str(LINK_TITLES, k),
      this.str(LINK_SUBJECTS, k),
      n[at + KEY_LINE],
      n[at + PACKED],
      n[at + PACKED + 1],
      n[at + PACKED + 2],
      n[at + PACKED + 3],
      n[at + PACKED + 4],
      n[at + PACKED + 5],
    );
  }

  /** The value of string column `c` at `i`: as written, or decoded from the index cache's strings. */
  private str(c: number, i: number): string | undefined {
    const s = this.text[c].get(i);
    if (s !== undefined || this.stored === undefined) return s;
    const at = this.stored.indexes[c][i];
    return at === undefined || at < 0 ? undefined : this.stored.strings.get(at);
  }

  /** Writes slot `i` of string column `c` (what the index cache stored there no longer counts). */
  private put(c: number, i: number, s: string | undefined): void {
    if (this.stored !== undefined && i < this.stored.indexes[c].length) this.stored.indexes[c][i] = -1;
    this.text[c].set(i, s);
  }

  /** A row's path left out of its columns: its learn folder's, subject folder's and question-key's, made when read (and kept if the table holds paths). */
  private storedPath(row: number): string {
    const path = articlePath(this.learnRoot(row), this.subjectKey(row), this.questionKey(row));
    if (this.holdsPaths) this.text[PATHS].set(row, path);
    return path;
  }

  private idSlot(id: number | undefined, big: Map<number, number>, at: number): number {
    if (id === undefined) return NO_ID;
    if ((id | 0) === id && id !== NO_ID && id !== BIG_ID && !Object.is(id, -0)) return id;
    big.set(at, id);
    return BIG_ID;
  }

  private idOf(slot: number, big: Map<number, number>, at: number): number | undefined {
    return slot === NO_ID ? undefined : slot === BIG_ID ? big.get(at) : slot;
  }

  private newRow(): number {
    if ((this.rows + 1) * ROW > this.nums.length) this.nums = grown(this.nums);
    return this.rows++;
  }

  /** Where `count` consecutive links go: a removed row's range of that length, or new ones. */
  private linkRange(count: number): number {
    if (count === 0) return 0;
    const reused = this.freeLinks.get(count)?.pop();
    if (reused !== undefined) return reused;
    while ((this.linkSlots + count) * LINK > this.linkNums.length) this.linkNums = grown(this.linkNums);
    const start = this.linkSlots;
    this.linkSlots += count;
    return start;
  }
}

/**
 * Stands in the url column for the canonical url of the row's own file, which
 * nearly every article has: made again when read, instead of a string per
 * article held (~40 MB of a ten-times corpus). Not a url, so never taken for one.
 */
const CANONICAL_URL = '\u0000canonical';

/** A copy with twice the room, and at least 16,384 numbers (~1,600 rows or links): a table from the cache can be sized exactly, even empty. */
function grown(a: Int32Array): Int32Array {
  const more = new Int32Array(Math.max(a.length * 2, 1 << 14));
  more.set(a);
  return more;
}

/**
 * An article of the table, read from its row. When the row is removed it takes
 * a copy of its values first (`freeze`): an article object never changes.
 */
class StoredArticle implements Article {
  private frozen?: Article;

  constructor(
    private readonly table: ArticleTable,
    private readonly row: number,
  ) {}

  freeze(): void {
    this.frozen = plainArticle(this);
  }

  get path(): string {
    return this.frozen ? this.frozen.path : this.table.path(this.row);
  }
  get learnRoot(): string {
    return this.frozen ? this.frozen.learnRoot : this.table.learnRoot(this.row);
  }
  get subjectKey(): string {
    return this.frozen ? this.frozen.subjectKey : this.table.subjectKey(this.row);
  }
  get questionKey(): string {
    return this.frozen ? this.frozen.questionKey : this.table.questionKey(this.row);
  }
  get hasFrontMatter(): boolean {
    return this.frozen ? this.frozen.hasFrontMatter : this.table.hasFrontMatter(this.row);
  }
  get id(): number | undefined {
    return this.frozen ? this.frozen.id : this.table.id(this.row);
  }
  get idRange(): Range | undefined {
    return this.frozen ? this.frozen.idRange : this.table.idRange(this.row);
  }
  get title(): string | undefined {
    return this.frozen ? this.frozen.title : this.table.title(this.row);
  }
  get subject(): string | undefined {
    return this.frozen ? this.frozen.subject : this.table.subject(this.row);
  }
  get url(): string | undefined {
    return this.frozen ? this.frozen.url : this.table.url(this.row);
  }
  get date(): string | undefined {
    return this.frozen ? this.frozen.date : this.table.date(this.row);
  }
  get normalizedQuestion(): string | undefined {
    return this.frozen ? this.frozen.normalizedQuestion : this.table.normalizedQuestion(this.row);
  }
  get questionStart(): number {
    return this.frozen ? this.frozen.questionStart : this.table.questionStart(this.row);
  }
  get questionEnd(): number {
    return this.frozen ? this.frozen.questionEnd : this.table.questionEnd(this.row);
  }
  get links(): RelatedLink[] {
    return this.frozen ? this.frozen.links : this.table.links(this.row);
  }
  get model(): ArticleModel | undefined {
    return this.frozen ? this.frozen.model : this.table.model(this.row);
  }

  toJSON(): Article {
    return plainArticle(this);
  }
}

/** Rows written only to be read back as objects (`objectOf`). */
const scratch = new ArticleTable();

/** The article a loader writes (`write` adds one row), as an object of its own: for summaries outside a corpus. */
export function objectOf(write: (rows: ArticleTable) => number): Article {
  return scratch.take(write(scratch));
}

/** A plain-object copy of an article's values (`makeArticle`'s one literal, so it shares the summaries' shape). */
export function plainArticle(a: Article): Article {
  return makeArticle(a, a, a.model);
}
