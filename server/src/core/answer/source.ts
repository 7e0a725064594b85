/**
 * Where each character of a YAML scalar's value comes from in the file, so a
 * problem found in the parsed text (an answer's Markdown) gets a range on the
 * exact source characters, through `>-` folding, indentation, CRLF, quoting and
 * escapes. The resolution rules mirror the `yaml` package's (compose/resolve-
 * block-scalar, resolve-flow-scalar); the map is trusted only when replaying them
 * reproduces the parsed value exactly, otherwise every range is the whole value.
 * (The model's source is trimmed, so trailing white space and the line breaks
 * that clip/keep chomping add map to the end of the value.)
 */
import { textOf, type Field, type Position, type Range } from '../frontMatter/model';
import { LineIndex } from '../frontMatter/lineIndex';

export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'block-folded' | 'block-literal';

/** A replacement in whole-file coordinates. */
export interface SourceEdit {
  range: Range;
  newText: string;
}

/** For each value character (UTF-16 unit), the source slice `[start, end)` it was made from. */
interface Replay {
  value: string;
  starts: number[];
  ends: number[];
}

class Emitter implements Replay {
  value = '';
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  emit(text: string, start: number, end: number): void {
    this.value += text;
    for (let i = 0; i < text.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Emits source characters verbatim, one value character per source character. */
  copy(source: string, start: number, end: number): void {
    this.value += source.slice(start, end);
    for (let i = start; i < end; i++) {
      this.starts.push(i);
      this.ends.push(i + 1);
    }
  }
}

export class ScalarSourceMap {
  private constructor(
    /** The value's source text, from its first character (or block indicator) to its last non-blank one. */
    private readonly source: string,
    /** Whole-file position of `source[0]`. */
    private readonly base: Position,
    /** The value as checks see it. */
    readonly value: string,
    readonly style: ScalarStyle | undefined,
    private readonly parentIndent: number,
    private readonly replay: Replay | undefined,
    /** The range every position falls back to when the map is not exact. */
    private readonly whole: Range,
  ) {}

  /** The map of a field's scalar value (coarse when the field is not a scalar or the replay disagrees). */
  static of(field: Field): ScalarSourceMap {
    const value = textOf(field) ?? '';
    const source = field.value.kind === 'scalar' ? field.value.source : '';
    const parentIndent = field.keyRange.start.character;
    const style = styleOf(source);
    let replay: Replay | undefined;
    try {
      replay = style ? replayScalar(source, style, parentIndent) : undefined;
    } catch {
      replay = undefined;
    }
    const exact = replay !== undefined && value.startsWith(replay.value) && /^\s*$/.test(value.slice(replay.value.length));
    return new ScalarSourceMap(source, field.valueRange.start, value, style, parentIndent, exact ? replay : undefined, field.valueRange);
  }

  /** Whether ranges point at exact characters (otherwise they are the whole value). */
  get exact(): boolean {
    return this.replay !== undefined;
  }

  /** The whole-file range of `value[start, end)`. */
  range(start: number, end: number): Range {
    const r = this.sourceSpan(start, end);
    return r ? { start: this.position(r[0]), end: this.position(r[1]) } : this.whole;
  }

  /**
   * An edit that replaces `value[start, end)` with `text`, written in the scalar's
   * style (escaped inside quotes); undefined when that cannot be done exactly.
   * The edit is checked by replaying the edited source.
   */
  replace(start: number, end: number, text: string): SourceEdit | undefined {
    const replay = this.replay;
    const style = this.style;
    if (!replay || !style || start < 0 || end < start || end > replay.value.length) return undefined;
    if (!this.isWholeTokens(start, end)) return undefined;
    const span = this.sourceSpan(start, end)!;
    const encoded = encodeFor(style, text);
    if (encoded === undefined) return undefined;
    const edit = { range: { start: this.position(span[0]), end: this.position(span[1]) }, newText: encoded };
    // Characters copied verbatim inside a block scalar's line take any one-line text without white space at its ends.
    const verbatim = span[1] - span[0] === end - start && this.source.slice(span[0], span[1]) === replay.value.slice(start, end);
    if ((style === 'block-folded' || style === 'block-literal') && verbatim && encoded === text && !/^\s|\s$/.test(text)) return edit;
    const edited = this.source.slice(0, span[0]) + encoded + this.source.slice(span[1]);
    if (style === 'plain' && !isSafePlain(edited)) return undefined;
    const expected = replay.value.slice(0, start) + text + replay.value.slice(end);
    let again: Replay;
    try {
      again = replayScalar(edited, style, this.parentIndent);
    } catch {
      return undefined;
    }
    return again.value === expected ? edit : undefined;
  }

  /** Source offsets (relative to `source`) of `value[start, end)`. */
  private sourceSpan(start: number, end: number): [number, number] | undefined {
    const replay = this.replay;
    if (!replay) return undefined;
    const n = replay.starts.length;
    const s = Math.max(0, Math.min(start, n));
    const e = Math.max(s, Math.min(end, n));
    if (e > s) return [replay.starts[s], replay.ends[e - 1]];
    const at = s < n ? replay.starts[s] : n > 0 ? replay.ends[n - 1] : this.source.length;
    return [at, at];
  }

  /** Whether `[start, end)` neither splits a source token (an escape, a line fold) nor skips one. */
  private isWholeTokens(start: number, end: number): boolean {
    const { starts, ends } = this.replay!;
    if (start === end) return start === 0 || start === starts.length || ends[start - 1] <= starts[start];
    if (start > 0 && starts[start - 1] === starts[start]) return false;
    if (end < starts.length && starts[end] === starts[end - 1]) return false;
    for (let i = start; i + 1 < end; i++) {
      const sameToken = starts[i + 1] === starts[i] && ends[i + 1] === ends[i];
      if (!sameToken && ends[i] !== starts[i + 1]) return false;
    }
    return true;
  }

  private lineIndex: LineIndex | undefined;

  private position(offset: number): Position {
    this.lineIndex ??= new LineIndex(this.source);
    const p = this.lineIndex.position(offset);
    return p.line === 0
      ? { line: this.base.line, character: this.base.character + p.character }
      : { line: this.base.line + p.line, character: p.character };
  }
}

function styleOf(source: string): ScalarStyle | undefined {
  switch (source[0]) {
    case undefined:
      return undefined;
    case '>':
      return 'block-folded';
    case '|':
      return 'block-literal';
    case "'":
      return 'single-quoted';
    case '"':
      return 'double-quoted';
    default:
      return 'plain';
  }
}

function replayScalar(source: string, style: ScalarStyle, parentIndent: number): Replay {
  switch (style) {
    case 'block-folded':
    case 'block-literal':
      return replayBlock(source, style === 'block-folded', parentIndent);
    case 'double-quoted':
      return replayDoubleQuoted(source);
    case 'single-quoted':
      return replaySingleQuoted(source);
    case 'plain':
      return replayPlain(source, 0, source.length);
  }
}

/** A block scalar (`>`/`|` with optional indentation and chomping indicators); mirrors resolveBlockScalar. */
function replayBlock(source: string, folded: boolean, parentIndent: number): Replay {
  const out = new Emitter();
  const headerEnd = source.indexOf('\n');
  if (headerEnd === -1) return out;
  const header = /^[>|]([1-9]?)[-+]?([1-9]?)/.exec(source)!;
  const explicit = Number(header[1] || header[2] || 0);
  // Lines after the header: [start, indentEnd, contentEnd (before any \r), lineEnd].
  const lines: { start: number; indentEnd: number; end: number }[] = [];
  for (let start = headerEnd + 1; start <= source.length;) {
    const nl = source.indexOf('\n', start);
    const lineEnd = nl === -1 ? source.length : nl;
    let indentEnd = start;
    while (source.charCodeAt(indentEnd) === 32) indentEnd++;
    const end = lineEnd > start && source.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    lines.push({ start, indentEnd: Math.min(indentEnd, lineEnd), end });
    if (nl === -1) break;
    start = nl + 1;
  }
  const isEmpty = (l: (typeof lines)[number]) => l.indentEnd >= l.end;
  let trimIndent = parentIndent + explicit;
  let contentStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const indent = l.indentEnd - l.start;
    if (isEmpty(l)) {
      if (explicit === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      if (explicit === 0) trimIndent = indent;
      contentStart = i;
      break;
    }
  }
  // Leading empty lines keep their extra indentation and a line break each.
  for (let i = 0; i < contentStart; i++) {
    const l = lines[i];
    out.copy(source, Math.min(l.start + trimIndent, l.indentEnd), l.indentEnd);
    out.emit('\n', l.end, lines[i + 1].start);
  }
  let sep = '';
  let sepFrom = 0;
  let prevMoreIndented = false;
  for (let i = contentStart; i < lines.length; i++) {
    const l = lines[i];
    const indent = l.indentEnd - l.start;
    const empty = isEmpty(l);
    if (!empty && indent < trimIndent) throw new Error('less indented block scalar line');
    const textStart = Math.min(l.start + trimIndent, l.indentEnd);
    if (!folded) {
      out.emit(sep, sepFrom, textStart);
      out.copy(source, textStart, l.end);
      sep = '\n';
    } else if (indent > trimIndent || source[l.indentEnd] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      out.emit(sep, sepFrom, textStart);
      out.copy(source, textStart, l.end);
      sep = '\n';
      prevMoreIndented = true;
    } else if (empty) {
      if (sep === '\n') out.emit('\n', sepFrom, l.end);
      else sep = '\n';
      continue; // the separator still runs from the last content line
    } else {
      out.emit(sep, sepFrom, textStart);
      out.copy(source, textStart, l.end);
      sep = ' ';
      prevMoreIndented = false;
    }
    sepFrom = l.end;
  }
  return out;
}

/** Plain-scalar line folding over `source[from, to)`; mirrors unfoldLines. */
function replayPlain(source: string, from: number, to: number, out = new Emitter()): Replay {
  const lines: { start: number; end: number }[] = [];
  for (let start = from; ;) {
    const nl = source.indexOf('\n', start);
    if (nl === -1 || nl >= to) {
      lines.push({ start, end: to });
      break;
    }
    lines.push({ start, end: nl > start && source[nl - 1] === '\r' ? nl - 1 : nl });
    start = nl + 1;
  }
  const isBlank = (c: string) => c === ' ' || c === '\t';
  let sep = ' ';
  let sepFrom = 0;
  lines.forEach((l, i) => {
    let s = l.start;
    let e = l.end;
    const last = i === lines.length - 1;
    if (i > 0) while (s < e && isBlank(source[s])) s++;
    if (!last) while (e > s && isBlank(source[e - 1])) e--;
    if (i === 0) {
      out.copy(source, s, e);
    } else if (s === e && !last) {
      if (sep === '\n') out.emit('\n', sepFrom, l.end);
      else sep = '\n';
      return;
    } else {
      out.emit(sep, sepFrom, s);
      out.copy(source, s, e);
      sep = ' ';
    }
    sepFrom = e;
  });
  return out;
}

/** A single-quoted scalar: plain folding inside the quotes, then `''` → `'`. */
function replaySingleQuoted(source: string): Replay {
  if (source.length < 2 || source[source.length - 1] !== "'") throw new Error('unterminated quote');
  const folded = replayPlain(source, 1, source.length - 1);
  const out = new Emitter();
  for (let i = 0; i < folded.value.length; i++) {
    const start = folded.starts[i];
    if (folded.value[i] === "'" && folded.value[i + 1] === "'") i++;
    out.emit(folded.value[i], start, folded.ends[i]);
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** A double-quoted scalar: escapes and line folding; mirrors doubleQuotedValue. */
function replayDoubleQuoted(source: string): Replay {
  if (source.length < 2 || source[source.length - 1] !== '"') throw new Error('unterminated quote');
  const out = new Emitter();
  const last = source.length - 1;
  for (let i = 1; i < last; i++) {
    const ch = source[i];
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      // A line break folds to a space; n blank lines fold to n line breaks.
      const from = source[i - 1] === '\r' ? i - 1 : i;
      let fold = '';
      let j = i;
      for (let c = source[j + 1]; c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = source[j + 1]) {
        if (c === '\r' && source[j + 2] !== '\n') break;
        if (c === '\n') fold += '\n';
        j++;
      }
      out.emit(fold || ' ', from, j + 1);
      i = j;
    } else if (ch === '\\') {
      const next = source[i + 1];
      if (next === '\n' || (next === '\r' && source[i + 2] === '\n')) {
        // An escaped line break joins the lines, trimming the next line's indentation.
        i += next === '\r' ? 2 : 1;
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next !== undefined && ESCAPES[next] !== undefined) {
        out.emit(ESCAPES[next], i, i + 2);
        i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.slice(i + 2, i + 2 + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw new Error('bad escape');
        out.emit(String.fromCodePoint(parseInt(hex, 16)), i, i + 2 + length);
        i += 1 + length;
      } else {
        throw new Error('bad escape');
      }
    } else if (ch === ' ' || ch === '\t') {
      // White space before a line break is dropped.
      let j = i;
      while (source[j + 1] === ' ' || source[j + 1] === '\t') j++;
      const atBreak = source[j + 1] === '\n' || (source[j + 1] === '\r' && source[j + 2] === '\n');
      if (!atBreak) out.copy(source, i, j + 1);
      i = j;
    } else {
      out.copy(source, i, i + 1);
    }
  }
  return out;
}

/** Whether a plain scalar's source stays one plain scalar (no `: `, comment or indicator YAML would read as structure). */
export function isSafePlain(source: string): boolean {
  return !/: |:\s*$|[ \t]#|^[[\]{}#&*!|>'"%@`,]|^[-?:](?:\s|$)|^\s|\s$/.test(source);
}

/** `text` written so that the scalar style reads it back unchanged; undefined when it cannot be written in place. */
function encodeFor(style: ScalarStyle, text: string): string | undefined {
  switch (style) {
    case 'double-quoted':
      return text.replace(/[\\"\n\t\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!);
    case 'single-quoted':
      return /[\n\r]/.test(text) ? undefined : text.replace(/'/g, "''");
    case 'plain':
      return /[\n\r]/.test(text) ? undefined : text;
    case 'block-folded':
    case 'block-literal':
      return /[\n\r]/.test(text) ? undefined : text;
  }
}
