/**
 * The one fast front-matter reader: it walks a file's bytes (an open document's
 * text is encoded first, see walkModel.ts) in the regular shape every real
 * article has: top-level `key: plain` and `key: >-` folded scalars, and one
 * level of mappings (`seo`, `related_articleN`) holding the same. It records
 * where every entry's key and value are without decoding them; long folded
 * values (the answer) are decoded only by the callers that need them.
 *
 * Anything outside that shape (quotes, comments, tabs, blank lines, anchors,
 * deeper nesting, ambiguous scalars, duplicate keys, a BOM, a mapping-valued
 * `id`) makes it defer, and the caller falls back to the exact parser
 * (parse.ts), whose model it must equal wherever it answers. One walker is
 * reused across files (no per-file allocation but the decoded plain values); it
 * is not reentrant.
 */
import { RELATED_KEY } from './model';

/** What an entry's value is. */
export const Kind = { Null: 0, Plain: 1, Folded: 2, Map: 3 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Thrown (and caught inside `walk`) to defer a file to the exact parser. */
const DEFER = Object.freeze({ defer: true });

/** Characters a plain value may hold that YAML or LSP could take as line breaks: deferred rather than modelled. */
const LINE_BREAK = /[\r\u2028\u2029]/;
/** White space the exact parser trims from a value's range end but YAML keeps in the value. */
const TRIMMED_END = /\s$/;
/** Plain scalars whose type the YAML core schema decides in ways not worth copying here. */
const AMBIGUOUS =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?0[ox].*|[-+]?[0-9.]+[eE].*)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$/;
const BAD_PLAIN_START = /^(?:[[\]{}#&*!|>'"%@`,]|[-?:](?: |$))/;

/**
 * The value of a one-line plain scalar (trailing spaces already trimmed), or
 * `undefined` when its reading is not obvious and the exact parser must decide.
 */
export function plainScalar(s: string): string | number | undefined {
  if (BAD_PLAIN_START.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return undefined;
  if (AMBIGUOUS.test(s)) return undefined;
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}

const SPACE = 32;
const COLON = 58;
const NL = 10;
const CR = 13;
const TAB = 9;
const DASH = 45;
const SLASH = 47;

/** Node's decoders behind `buf.toString(encoding, start, end)`, minus its argument handling (called very many times per load). */
interface Slices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

/**
 * Distinct short strings, numbered and decoded once: keys repeat in every file
 * (and checks on keys compare small integers instead of strings), and so do
 * short values such as subjects and dates.
 */
class StringTable {
  private readonly byHash = new Map<number, number>();
  readonly text: string[] = [];

  constructor(private readonly max: number) {}

  /** A direct-mapped cache in front of `byHash` (by the hash's low bits): most lookups never reach the Map. */
  private readonly recent = new Int32Array(4096).fill(-1);

  /** The id of the printable ASCII string spelled by `buf[start, end)` (its `hashBytes`), or -1 when the table is full. */
  intern(buf: Buffer, start: number, end: number, h: number): number {
    const slot = h & 4095;
    let id: number | undefined = this.recent[slot];
    if (id < 0 || !this.spells(id, buf, start, end)) {
      id = this.byHash.get(h);
      if (id === undefined || !this.spells(id, buf, start, end)) return this.add(buf, start, end, h, id === undefined);
      this.recent[slot] = id;
    }
    return id;
  }

  /** The id of a string given as text (for the keys callers look for). */
  idOf(key: string): number {
    const buf = Buffer.from(key, 'latin1');
    return this.intern(buf, 0, key.length, hashBytes(buf, 0, key.length));
  }

  private spells(id: number, buf: Buffer, start: number, end: number): boolean {
    const known = this.text[id];
    if (known.length !== end - start) return false;
    for (let p = start; p < end; p++) if (known.charCodeAt(p - start) !== buf[p]) return false;
    return true;
  }

  private add(buf: Buffer, start: number, end: number, h: number, newHash: boolean): number {
    if (this.text.length >= this.max) return -1;
    const id = this.text.length;
    if (newHash) this.byHash.set(h, id);
    this.recent[h & 4095] = id;
    this.text.push((buf as unknown as Slices).latin1Slice(start, end));
    return id;
  }
}

/** FNV-1a of `buf[start, end)`. */
function hashBytes(buf: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let p = start; p < end; p++) h = Math.imul(h ^ buf[p], 16777619);
  return h;
}

// module-wide on purpose: interned spellings of front-matter keys are facts about strings, bounded by `max`
export const keyTable = new StringTable(1 << 16);
const ID_KEY = keyTable.idOf('id');
/** Short values (subjects, dates, fixed fields) in the same way; longer ones are decoded each time. */
const valueTable = new StringTable(1 << 14);
const SHORT_VALUE = 40;

/**
 * Whether a plain value is worth a place in `valueTable`: short printable ASCII,
 * and not a whole number. Ids are nearly all distinct and read as numbers:
 * interned, they filled the table by the 12,534th file of the real corpus, after
 * which no new short value was shared.
 */
function isShared(buf: Buffer, start: number, end: number): boolean {
  if (end - start > SHORT_VALUE) return false;
  let digits = true;
  for (let p = start; p < end; p++) {
    if (buf[p] < 32 || buf[p] > 126) return false; // the table holds printable ASCII
    if (buf[p] < 0x30 || buf[p] > 0x39) digits = false;
  }
  return !digits;
}

const slots: number[] = [];
/** The N of `related_articleN` for a key id, or -1. */
export function slotOf(key: number): number {
  let n = slots[key];
  if (n === undefined) {
    const m = RELATED_KEY.exec(keyTable.text[key]);
    slots[key] = n = m ? Number(m[1]) : -1;
  }
  return n;
}

function isKeyStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isKeyChar(c: number): boolean {
  return isKeyStart(c) || (c >= 48 && c <= 57);
}

/**
 * Whether a plain scalar's bytes are certainly plain text for `plainScalar`, so
 * the walker need not decode it: printable ASCII starting with a letter that
 * starts no special value (`null`, `true`, `false`…), without `: `, ` #` or a
 * final `:`. Anything else is decoded and given to `plainScalar` itself.
 */
function isPlainText(buf: Buffer, start: number, end: number): boolean {
  const c0 = buf[start];
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === SLASH)) return false;
  if (c0 === 110 || c0 === 78 || c0 === 116 || c0 === 84 || c0 === 102 || c0 === 70) return false; // n N t T f F
  if (buf[end - 1] === COLON) return false;
  let prev = c0;
  for (let p = start + 1; p < end; p++) {
    const c = buf[p];
    if (c < 32 || c > 126) return false;
    if ((prev === COLON && c === SPACE) || (prev === SPACE && c === 35)) return false;
    prev = c;
  }
  return true;
}

/** The value of a plain scalar of 1 to 15 decimal digits (what `plainScalar` reads as an integer), else undefined. */
function digitsValue(buf: Buffer, start: number, end: number): number | undefined {
  if (end - start > 15) return undefined;
  let n = 0;
  for (let p = start; p < end; p++) {
    const d = buf[p] - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n;
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class FrontMatterWalk {
  buf: Buffer = Buffer.alloc(0);
  private slices = this.buf as unknown as Slices;
  /** Line of the closing fence (body lines are 1 .. closeLine - 1). */
  closeLine = 0;

  /** Body line k (file line k + 1): byte start, content end (before `\r\n`), indentation (-1 when blank). */
  private lineStart = new Int32Array(128);
  private lineEnd = new Int32Array(128);
  private lineIndent = new Int32Array(128);
  private lines = 0;
  private i = 0;
  /** Per key id, the walk that last saw it at the top level (duplicate keys). */
  private seen = new Int32Array(256);
  private generation = 0;

  /** Entries in source order; children follow their mapping. */
  count = 0;
  parent = new Int32Array(64);
  kind = new Int32Array(64);
  /** File line of the key; the key starts at column `indent`. */
  keyLine = new Int32Array(64);
  indent = new Int32Array(64);
  keys: string[] = [];
  /** The key's id in `keyTable`. */
  keyId = new Int32Array(64);
  /** Plain: where the value is, and (once decoded) the value and its source text, trailing spaces trimmed. */
  private valueStart = new Int32Array(64);
  private valueEnd = new Int32Array(64);
  private plain: (string | number | undefined)[] = [];
  private source: (string | undefined)[] = [];
  /** Folded: first and last content line (body line indexes) and the content's indentation. */
  first = new Int32Array(64);
  last = new Int32Array(64);
  contentIndent = new Int32Array(64);

  /** Walks `buf[0, length)`; false when the file is not in the regular shape. */
  walk(bytes: Buffer, length: number): boolean {
    // a view of just the file: `indexOf` would otherwise search the rest of a reused buffer too
    const buf = length === bytes.length ? bytes : bytes.subarray(0, length);
    this.buf = buf;
    this.slices = buf as unknown as Slices;
    this.count = 0;
    this.i = 0;
    try {
      if (!this.splitLines(length)) return false;
      const generation = ++this.generation;
      while (this.nextIndent() !== -1) {
        const e = this.entry(0, -1);
        const id = this.keyId[e];
        if (id >= this.seen.length) this.seen = grow(this.seen, keyTable.text.length);
        if (this.seen[id] === generation) return false; // a duplicate key
        this.seen[id] = generation;
        if (this.kind[e] === Kind.Map && id === ID_KEY) return false; // its range would need every child's
      }
      return true;
    } catch (e) {
      if (e === DEFER) return false;
      throw e;
    }
  }

  /** File line of a body line index. */
  lineNo(k: number): number {
    return k + 1;
  }

  /** The text of a folded entry's content line (from the content indentation to the line end). */
  part(e: number, k: number): string {
    return this.slices.utf8Slice(this.lineStart[k] + this.contentIndent[e], this.lineEnd[k]);
  }

  /** A folded entry's value: content lines joined by one space (no blank lines inside, so YAML folds each break to one). */
  folded(e: number): string {
    const first = this.first[e];
    const last = this.last[e];
    if (first === last) return this.part(e, first);
    const parts: string[] = [];
    for (let k = first; k <= last; k++) parts.push(this.part(e, k));
    return parts.join(' ');
  }

  /** Column after a folded entry's last non-space character, given its last part (as `part` returns it). */
  foldedEndColumn(e: number, lastPart: string): number {
    let end = lastPart.length;
    while (end > 0 && lastPart.charCodeAt(end - 1) === SPACE) end--;
    return this.contentIndent[e] + end;
  }

  /**
   * A folded entry's value (as `folded` gives it), its source (from the `>-`
   * indicator to its last non-space character) and the column after that
   * character, decoding each content line once: the source is those lines
   * rejoined with the file's line breaks and indentation (ASCII), a V8 cons
   * string that is copied only if read.
   */
  foldedField(e: number): { value: string; source: string; endColumn: number } {
    const first = this.first[e];
    const last = this.last[e];
    const indent = this.contentIndent[e];
    const headerStart = this.lineStart[this.keyLine[e] - 1] + this.indent[e] + this.keys[e].length + 2;
    let source = this.slices.latin1Slice(headerStart, this.lineStart[first] + indent);
    const parts: string[] = [];
    for (let k = first; k <= last; k++) {
      const part = this.part(e, k);
      parts.push(part);
      if (k < last) source += part + this.slices.latin1Slice(this.lineEnd[k], this.lineStart[k + 1] + indent);
    }
    const lastPart = parts[parts.length - 1];
    const endColumn = this.foldedEndColumn(e, lastPart);
    const end = endColumn - indent;
    source += end === lastPart.length ? lastPart : lastPart.slice(0, end);
    return { value: parts.length === 1 ? parts[0] : parts.join(' '), source, endColumn };
  }

  private splitLines(length: number): boolean {
    const buf = this.buf;
    let nl = buf.indexOf(NL);
    let end = nl === -1 ? length : nl;
    if (end > 0 && buf[end - 1] === CR) end--;
    if (!this.isFence(0, end)) return false;
    let no = 0;
    for (let start = nl + 1; nl !== -1; start = nl + 1) {
      no++;
      nl = buf.indexOf(NL, start);
      end = nl === -1 ? length : nl;
      if (end > start && buf[end - 1] === CR) end--;
      if (this.isFence(start, end)) {
        this.closeLine = no;
        this.lines = no - 1;
        // a tab anywhere in the body defers (every body line is a key or content line, where YAML reads tabs its own way)
        const bodyStart = this.lines > 0 ? this.lineStart[0] : start;
        const tab = buf.indexOf(TAB, bodyStart);
        return tab === -1 || tab >= start;
      }
      this.addLine(no - 1, start, end);
    }
    return false;
  }

  private addLine(k: number, start: number, end: number): void {
    if (k >= this.lineStart.length) {
      this.lineStart = grow(this.lineStart, k + 1);
      this.lineEnd = grow(this.lineEnd, k + 1);
      this.lineIndent = grow(this.lineIndent, k + 1);
    }
    let p = start;
    while (p < end && this.buf[p] === SPACE) p++;
    this.lineStart[k] = start;
    this.lineEnd[k] = end;
    this.lineIndent[k] = p === end ? -1 : p - start;
  }

  /** `---` then spaces or tabs, at most 8 characters in all (a longer fence line defers). */
  private isFence(start: number, end: number): boolean {
    const buf = this.buf;
    if (end - start < 3 || end - start > 8 || buf[start] !== DASH || buf[start + 1] !== DASH || buf[start + 2] !== DASH) return false;
    for (let p = start + 3; p < end; p++) if (buf[p] !== SPACE && buf[p] !== TAB) return false;
    return true;
  }

  private nextIndent(): number {
    let k = this.i;
    while (k < this.lines && this.lineIndent[k] === -1) k++;
    return k < this.lines ? this.lineIndent[k] : -1;
  }

  private newEntry(parent: number, kind: Kind, k: number, indent: number, key: number): number {
    const e = this.count++;
    if (e >= this.parent.length) {
      this.parent = grow(this.parent, e + 1);
      this.kind = grow(this.kind, e + 1);
      this.keyLine = grow(this.keyLine, e + 1);
      this.indent = grow(this.indent, e + 1);
      this.first = grow(this.first, e + 1);
      this.last = grow(this.last, e + 1);
      this.contentIndent = grow(this.contentIndent, e + 1);
      this.valueStart = grow(this.valueStart, e + 1);
      this.keyId = grow(this.keyId, e + 1);
      this.valueEnd = grow(this.valueEnd, e + 1);
    }
    this.parent[e] = parent;
    this.kind[e] = kind;
    this.keyLine[e] = this.lineNo(k);
    this.indent[e] = indent;
    this.keys[e] = keyTable.text[key];
    this.keyId[e] = key;
    return e;
  }

  /** One `key: value` entry whose key starts at column `indent`, with its value's lines. */
  private entry(indent: number, parent: number): number {
    while (this.i < this.lines && this.lineIndent[this.i] === -1) this.i++;
    const k = this.i++;
    if (this.lineIndent[k] !== indent) throw DEFER;
    const buf = this.buf;
    const keyStart = this.lineStart[k] + indent;
    const end = this.lineEnd[k];
    if (!isKeyStart(buf[keyStart])) throw DEFER;
    let p = keyStart + 1;
    while (p < end && isKeyChar(buf[p])) p++;
    if (p >= end || buf[p] !== COLON) throw DEFER;
    const key = keyTable.intern(buf, keyStart, p, hashBytes(buf, keyStart, p));
    if (key < 0) throw DEFER; // more distinct keys than any real corpus has
    p++; // past the colon
    if (p < end && buf[p] !== SPACE) throw DEFER;
    const restStart = Math.min(p + 1, end);
    let restEnd = end;
    while (restEnd > restStart && buf[restEnd - 1] === SPACE) restEnd--;
    // every value column is taken as the key's end + 2 (here and in summary.ts)
    if (restEnd > restStart && buf[restStart] === SPACE) throw DEFER;

    if (restEnd === restStart) {
      if (this.nextIndent() > indent) {
        if (indent > 0) throw DEFER;
        return this.mapping(key, k);
      }
      return this.newEntry(parent, Kind.Null, k, indent, key);
    }
    if (restEnd - restStart === 2 && buf[restStart] === 62 && buf[restStart + 1] === DASH) {
      return this.foldedEntry(parent, key, k, indent);
    }
    if (this.nextIndent() > indent) throw DEFER; // a multi-line plain scalar
    const e = this.newEntry(parent, Kind.Plain, k, indent, key);
    this.valueStart[e] = restStart;
    this.valueEnd[e] = restEnd;
    // the usual values need no decoding to be checked: decoded when asked for
    this.source[e] = undefined;
    if (isPlainText(buf, restStart, restEnd)) {
      this.plain[e] = undefined;
      return e;
    }
    const n = digitsValue(buf, restStart, restEnd);
    if (n !== undefined) {
      this.plain[e] = n;
      return e;
    }
    const rest = this.slices.utf8Slice(restStart, restEnd);
    if (LINE_BREAK.test(rest) || TRIMMED_END.test(rest)) throw DEFER;
    const value = plainScalar(rest);
    if (value === undefined) throw DEFER;
    // dates, and words YAML might have read otherwise ("Nursing", "Finance"), repeat as much as other short values
    const id =
      value === rest && isShared(buf, restStart, restEnd)
        ? valueTable.intern(buf, restStart, restEnd, hashBytes(buf, restStart, restEnd))
        : -1;
    this.plain[e] = id >= 0 ? valueTable.text[id] : value;
    this.source[e] = id >= 0 ? valueTable.text[id] : rest;
    return e;
  }

  /** A plain entry's value, as `plainScalar` reads it. */
  plainValue(e: number): string | number {
    return this.plain[e] ?? this.plainSource(e);
  }

  /** A plain entry's source text (trailing spaces trimmed). */
  plainSource(e: number): string {
    let s = this.source[e];
    if (s === undefined) {
      // what is not decoded yet is printable ASCII, which latin1 decodes as utf8 would
      const start = this.valueStart[e];
      const end = this.valueEnd[e];
      const id = isShared(this.buf, start, end) ? valueTable.intern(this.buf, start, end, hashBytes(this.buf, start, end)) : -1;
      this.source[e] = s = id >= 0 ? valueTable.text[id] : this.slices.latin1Slice(start, end);
    }
    return s;
  }

  /** The UTF-16 length of a plain entry's source, without decoding it. */
  plainLength(e: number): number {
    return this.source[e]?.length ?? this.valueEnd[e] - this.valueStart[e];
  }

  private mapping(key: number, k: number): number {
    const e = this.newEntry(-1, Kind.Map, k, 0, key);
    const childIndent = this.nextIndent();
    const firstChild = this.count;
    while (this.nextIndent() > 0) {
      const c = this.entry(childIndent, e);
      for (let o = firstChild; o < c; o++) if (this.parent[o] === e && this.keyId[o] === this.keyId[c]) throw DEFER;
    }
    return e;
  }

  private foldedEntry(parent: number, key: number, k: number, indent: number): number {
    const contentIndent = this.nextIndent();
    if (contentIndent <= indent) throw DEFER; // empty block scalar
    const e = this.newEntry(parent, Kind.Folded, k, indent, key);
    this.contentIndent[e] = contentIndent;
    this.first[e] = this.i;
    while (this.nextIndent() > indent) {
      const indentHere = this.lineIndent[this.i];
      if (indentHere === -1) throw DEFER; // a blank line inside: folding keeps a line break
      if (indentHere !== contentIndent) throw DEFER;
      this.i++;
    }
    const last = this.i - 1;
    this.last[e] = last;
    if (this.endsInOtherSpace(last)) throw DEFER;
    return e;
  }

  /** Whether body line k ends (before its trailing spaces) in white space other than a space: see `TRIMMED_END`. */
  private endsInOtherSpace(k: number): boolean {
    const start = this.lineStart[k];
    let end = this.lineEnd[k];
    while (end > start && this.buf[end - 1] === SPACE) end--;
    const c = this.buf[end - 1];
    if (c < 0x80) return c < SPACE; // ASCII: only control characters
    // a multi-byte character: decode just the line's last few bytes
    return TRIMMED_END.test(this.slices.utf8Slice(Math.max(start, end - 4), end));
  }
}
