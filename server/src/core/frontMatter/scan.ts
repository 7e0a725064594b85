/**
 * A fast scanner for the regular shape every real article has: top-level
 * `key: plain` and `key: >-` folded scalars, and one level of mappings (`seo`,
 * `related_articleN`) holding the same. It builds the same model as `parse.ts`
 * roughly 20× faster. Anything outside that shape (quotes, comments, tabs, blank
 * lines, anchors, deeper nesting, ambiguous scalars, duplicate keys) makes it
 * return `undefined`, and the caller falls back to the exact parser.
 */
import { parseArticle, relatedSlots } from './parse';
import type { ArticleModel, Field, FieldValue, Range } from './model';

interface Line {
  no: number;
  start: number;
  /** End of content, before `\r\n`. */
  end: number;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const FENCE = /^---[ \t]*$/;
/** Plain scalars whose type the YAML core schema decides in ways not worth copying here. */
const AMBIGUOUS =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?0[ox].*|[-+]?[0-9.]+[eE].*)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$/;
const BAD_PLAIN_START = /^(?:[[\]{}#&*!|>'"%@`,]|[-?:](?: |$))/;

class Bail extends Error {}

/**
 * A field whose ranges are built on demand from eight numbers: scanning 36k files
 * makes a million fields, and most ranges are never looked at.
 */
export class ScannedField implements Field {
  children?: Map<string, Field>;
  constructor(
    readonly key: string,
    readonly value: FieldValue,
    private readonly k: [number, number, number],
    private readonly v: [number, number, number, number],
  ) {}

  get keyRange(): Range {
    const [line, start, end] = this.k;
    return { start: { line, character: start }, end: { line, character: end } };
  }

  get valueRange(): Range {
    const [sl, sc, el, ec] = this.v;
    return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
  }
}

/** Scans an article; `undefined` when the text is not in the regular shape. */
export function scanArticle(text: string): ArticleModel | undefined {
  const lines = frontMatterLines(text);
  if (!lines) return undefined;
  try {
    return new Scanner(text, lines.body, lines.open, lines.close).run();
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}

/** The model of an article: the fast scanner when it can, the exact parser otherwise. */
export function readArticleModel(text: string): ArticleModel {
  return scanArticle(text) ?? parseArticle(text);
}

function frontMatterLines(text: string): { body: Line[]; open: number; close: number } | undefined {
  const body: Line[] = [];
  let start = 0;
  for (let no = 0; start <= text.length; no++) {
    const nl = text.indexOf('\n', start);
    const next = nl === -1 ? text.length + 1 : nl + 1;
    let end = nl === -1 ? text.length : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const isFence = FENCE.test(text.slice(start, Math.min(end, start + 8)));
    if (no === 0) {
      if (!isFence || end - start > 8) return undefined;
    } else if (isFence && end - start <= 8) {
      return { body, open: 0, close: no };
    } else {
      body.push({ no, start, end });
    }
    start = next;
  }
  return undefined;
}

class Scanner {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly lines: Line[],
    private readonly open: number,
    private readonly close: number,
  ) {}

  run(): ArticleModel {
    const fields = new Map<string, Field>();
    while (this.nextIndent() !== -1) {
      const field = this.entry(0);
      if (fields.has(field.key)) throw new Bail();
      fields.set(field.key, field);
    }
    return {
      frontMatter: { openLine: this.open, closeLine: this.close },
      fields,
      related: relatedSlots(fields),
      syntaxErrors: [],
      producer: 'scan',
    };
  }

  /** One `key: value` entry whose key starts at column `indent`, with its value's lines. */
  private entry(indent: number): Field {
    this.skipBlank();
    const line = this.lines[this.i++];
    const content = this.text.slice(line.start, line.end);
    if (content.includes('\t') || indentOf(content) !== indent) throw new Bail();
    const m = KEY_LINE.exec(content.slice(indent));
    if (!m) throw new Bail();
    const key = m[1];
    const keyStart = line.start + indent;
    const k: [number, number, number] = [line.no, indent, indent + key.length];
    const raw = m[2] ?? '';
    const lead = indentOf(raw); // YAML separates with spaces only (a tab has bailed above)
    const rest = raw.slice(lead).replace(/ +$/, '');
    const valueStart = keyStart + key.length + 2 + lead;
    const nextIndent = this.nextIndent();

    if (rest === '') {
      if (nextIndent > indent) {
        if (indent > 0) throw new Bail();
        return this.mapping(key, k, nextIndent);
      }
      const at = indent + key.length + 1;
      return new ScannedField(key, { kind: 'scalar', value: null, source: '' }, k, [line.no, at, line.no, at]);
    }
    if (rest === '>-') return this.folded(key, k, line, valueStart, indent);
    if (nextIndent > indent) throw new Bail(); // a multi-line plain scalar
    const value = plainScalar(rest);
    if (value === undefined) throw new Bail();
    const col = valueStart - line.start;
    return new ScannedField(key, { kind: 'scalar', value, source: rest }, k, [line.no, col, line.no, col + rest.length]);
  }

  private mapping(key: string, k: [number, number, number], childIndent: number): Field {
    const children = new Map<string, Field>();
    while (this.nextIndent() > 0) {
      const child = this.entry(childIndent);
      if (children.has(child.key)) throw new Bail();
      children.set(child.key, child);
    }
    const all = [...children.values()];
    const first = all[0].keyRange.start;
    const last = all[all.length - 1].valueRange.end;
    const field = new ScannedField(key, { kind: 'map' }, k, [first.line, first.character, last.line, last.character]);
    field.children = children;
    return field;
  }

  /** A `>-` folded scalar: every content line at one indentation, no blank lines. */
  private folded(key: string, k: [number, number, number], header: Line, headerStart: number, indent: number): Field {
    const contentIndent = this.nextIndent();
    if (contentIndent <= indent) throw new Bail(); // empty block scalar
    const parts: string[] = [];
    let last = header;
    while (this.nextIndent() > indent) {
      if (this.isBlank(this.i)) throw new Bail(); // a blank line inside: folding keeps a line break
      const line = this.lines[this.i];
      const content = this.text.slice(line.start, line.end);
      if (indentOf(content) !== contentIndent || content.includes('\t')) throw new Bail();
      parts.push(content.slice(contentIndent));
      last = line;
      this.i++;
    }
    let end = last.end;
    while (end > last.start && this.text.charCodeAt(end - 1) === 32) end--;
    const value = parts.length === 1 ? parts[0] : parts.join(' ');
    const v: [number, number, number, number] = [header.no, headerStart - header.start, last.no, end - last.start];
    return new ScannedField(key, { kind: 'scalar', value, source: this.text.slice(headerStart, end) }, k, v);
  }

  /** Indentation of the next non-blank line, -1 at the end. */
  private nextIndent(): number {
    let i = this.i;
    while (i < this.lines.length && this.isBlank(i)) i++;
    const line = this.lines[i];
    return line ? indentOf(this.text.slice(line.start, line.end)) : -1;
  }

  private isBlank(i: number): boolean {
    const { start, end } = this.lines[i];
    for (let k = start; k < end; k++) if (this.text.charCodeAt(k) !== 32) return false;
    return true;
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && this.isBlank(this.i)) this.i++;
  }
}

function indentOf(s: string): number {
  let n = 0;
  while (n < s.length && s.charCodeAt(n) === 32) n++;
  return n;
}

/**
 * The value of a one-line plain scalar (trailing spaces already trimmed), or
 * `undefined` when its reading is not obvious and the exact parser must decide.
 * Shared with the byte-level walker (walk.ts), so both defer on the same values.
 */
export function plainScalar(s: string): string | number | undefined {
  if (BAD_PLAIN_START.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return undefined;
  if (AMBIGUOUS.test(s)) return undefined;
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}
