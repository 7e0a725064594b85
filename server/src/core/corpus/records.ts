/**
 * Summaries as flat data, to cross from a worker thread cheaply: the numbers of
 * a batch in one Float64Array, every distinct string once per load in a table
 * the receiver keeps (so strings stay shared, as `StringPool` shares them).
 *
 * A record is `[location, linkCount, id, idRange×4, title, subject, url, date,
 * normalizedQuestion, questionStart, questionEnd]` then per link `[n, key, isMap, id, url, title, subject, keyLine, packed×6]`;
 * strings are table indexes (-1: undefined), a missing id is NaN, and a
 * `linkCount` of -1 marks a file the sender left to the receiver (irregular).
 */
import type { ArticleTable } from './table';
import type { ArticleLocation } from '../site/paths';
import { hashString, type StringPool, type Collected } from './summary';

export interface RecordBatch {
  nums: Float64Array;
  /** Strings first used in this batch, in table order. */
  strings: string[];
}

const DEFERRED = -1;
/** Numbers of a record before its links, and per link. */
const HEAD = 14;
const PER_LINK = 14;

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
    this.str(c.normalizedQuestion);
    this.num(c.questionAt[0]);
    this.num(c.questionAt[1]);
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

export class RecordReader {
  private readonly table: string[] = [];

  /** Strings are shared through `pool` (none: used as they come). */
  constructor(private readonly pool?: StringPool) {}

  /** Writes each record of the batch into `rows` (`row` gets its row), and calls `deferred` for each file left to the receiver. */
  read(
    batch: RecordBatch,
    locations: ArticleLocation[],
    rows: ArticleTable,
    row: (index: number, row: number) => void,
    deferred: (index: number) => void,
  ): void {
    this.addStrings(batch.strings);
    const v = batch.nums;
    for (let p = 0; p < v.length; p = recordEnd(v, p)) {
      const index = v[p];
      if (v[p + 1] === DEFERRED) deferred(index);
      else row(index, this.decodeInto(rows, v, p, locations[index]));
    }
  }

  addStrings(strings: string[]): void {
    for (const s of strings) this.table.push(this.pool ? this.pool.share(s)! : s);
  }

  /** Writes the (not deferred) record at `p` into `rows`; its row. */
  decodeInto(rows: ArticleTable, v: Float64Array, p: number, location: ArticleLocation): number {
    const str = (i: number): string | undefined => (v[i] < 0 ? undefined : this.table[v[i]]);
    const num = (i: number): number | undefined => (Number.isNaN(v[i]) ? undefined : v[i]);
    const linkCount = v[p + 1];
    const row = rows.addRow(
      location,
      true,
      num(p + 2),
      v[p + 3],
      v[p + 4],
      v[p + 5],
      v[p + 6],
      str(p + 7),
      str(p + 8),
      str(p + 9),
      str(p + 10),
      str(p + 11),
      v[p + 12],
      v[p + 13],
      linkCount,
    );
    for (let k = 0, q = p + HEAD; k < linkCount; k++, q += PER_LINK) {
      rows.setLink(
        row,
        k,
        v[q],
        str(q + 1)!,
        v[q + 2] === 1,
        num(q + 3),
        str(q + 4),
        str(q + 5),
        str(q + 6),
        v[q + 7],
        v[q + 8],
        v[q + 9],
        v[q + 10],
        v[q + 11],
        v[q + 12],
        v[q + 13],
      );
    }
    return row;
  }
}

/** Where the record at `p` ends (the next one starts). */
function recordEnd(v: Float64Array, p: number): number {
  return v[p + 1] === DEFERRED ? p + 2 : p + HEAD + PER_LINK * v[p + 1];
}
