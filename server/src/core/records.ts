/**
 * Summaries as flat data, to cross from a worker thread cheaply: the numbers of
 * a batch in one Float64Array, every distinct string once per load in a table
 * the receiver keeps (so strings stay shared, as `StringPool` shares them).
 *
 * A record is `[location, linkCount, id, idRange×4, title, subject, url, date]`
 * then per link `[n, key, isMap, id, url, title, subject, keyLine, packed×6]`;
 * strings are table indexes (-1: undefined), a missing id is NaN, and a
 * `linkCount` of -1 marks a file the sender left to the receiver (irregular).
 */
import { makeArticle, PackedLink, type Article, type RelatedLink } from './article';
import { hashString, type StringPool, type Collected } from './summary';

export interface RecordBatch {
  nums: Float64Array;
  /** Strings first used in this batch, in table order. */
  strings: string[];
}

const DEFERRED = -1;

export class RecordWriter {
  private nums = new Float64Array(1 << 14);
  private n = 0;
  private strings: string[] = [];
  /** Every string sent so far (table order), and the index of each by hash (see `StringPool`). */
  private readonly sent: string[] = [];
  private readonly index = new Map<number, number>();

  deferred(location: number): void {
    this.num(location);
    this.num(DEFERRED);
  }

  write(location: number, c: Collected): void {
    this.num(location);
    this.num(c.linkCount);
    this.num(c.id ?? NaN);
    for (let i = 0; i < 4; i++) this.num(c.idRange[i]);
    this.str(c.title);
    this.str(c.subject);
    this.str(c.url);
    this.str(c.date);
    for (let k = 0; k < c.linkCount; k++) {
      this.num(c.n[k]);
      this.str(c.key[k]);
      this.num(c.isMap[k] ? 1 : 0);
      this.num(c.linkId[k] ?? NaN);
      this.str(c.linkUrl[k]);
      this.str(c.linkTitle[k]);
      this.str(c.linkSubject[k]);
      this.num(c.keyLine[k]);
      for (let i = 0; i < 6; i++) this.num(c.packed[k * 6 + i]);
    }
  }

  /** The batch written since the last call. */
  take(): RecordBatch {
    const batch = { nums: this.nums.slice(0, this.n), strings: this.strings };
    this.n = 0;
    this.strings = [];
    return batch;
  }

  private num(x: number): void {
    if (this.n === this.nums.length) {
      const more = new Float64Array(this.nums.length * 2);
      more.set(this.nums);
      this.nums = more;
    }
    this.nums[this.n++] = x;
  }

  private str(s: string | undefined): void {
    if (s === undefined) return this.num(-1);
    const h = hashString(s);
    let i = this.index.get(h);
    if (i === undefined || this.sent[i] !== s) {
      if (i === undefined) this.index.set(h, this.sent.length);
      i = this.sent.length;
      this.sent.push(s);
      this.strings.push(s);
    }
    this.num(i);
  }
}

/** A number as an int32 when it is one (see `int` below). */
function small(x: number): number {
  return Object.is(x, x | 0) ? x | 0 : x;
}

export class RecordReader {
  private readonly table: string[] = [];

  constructor(private readonly pool: StringPool) {}

  /** Calls `article` for each record of the batch, `deferred` for each file left to the receiver. */
  read<L extends { path: string; learnRoot: string; subjectKey: string; questionKey: string }>(
    batch: RecordBatch,
    locations: L[],
    article: (index: number, a: Article) => void,
    deferred: (index: number) => void,
  ): void {
    for (const s of batch.strings) this.table.push(this.pool.share(s)!);
    const v = batch.nums;
    const str = (i: number): string | undefined => (v[i] < 0 ? undefined : this.table[v[i]]);
    const num = (i: number): number | undefined => (Number.isNaN(v[i]) ? undefined : small(v[i]));
    // int32 values as such: stored from a Float64Array they would each be a boxed heap number
    const int = (i: number): number => v[i] | 0;
    let p = 0;
    while (p < v.length) {
      const index = v[p];
      const linkCount = v[p + 1];
      if (linkCount === DEFERRED) {
        deferred(index);
        p += 2;
        continue;
      }
      const links: RelatedLink[] = new Array(linkCount);
      let q = p + 11;
      for (let k = 0; k < linkCount; k++, q += 14) {
        links[k] = new PackedLink(
          small(v[q]),
          str(q + 1)!,
          v[q + 2] === 1,
          num(q + 3),
          str(q + 4),
          str(q + 5),
          str(q + 6),
          int(q + 7),
          int(q + 8),
          int(q + 9),
          int(q + 10),
          int(q + 11),
          int(q + 12),
          int(q + 13),
        );
      }
      const idRange =
        v[p + 3] < 0 ? undefined : { start: { line: int(p + 3), character: int(p + 4) }, end: { line: int(p + 5), character: int(p + 6) } };
      const a = makeArticle(locations[index], {
        hasFrontMatter: true,
        id: num(p + 2),
        idRange,
        title: str(p + 7),
        subject: str(p + 8),
        url: str(p + 9),
        date: str(p + 10),
        links,
      });
      article(index, a);
      p = q;
    }
  }
}
