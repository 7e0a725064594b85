/**
 * Text edits on an article's front matter that keep its style: the file's line
 * endings, its indentation, `>-` folded scalars and quoting. Shared by quick
 * fixes, completion and rename; LSP-shaped (`{range, newText}`) but LSP-free.
 */
import { diffArrays } from 'diff';
import { parseDocument } from 'yaml';
import type { ArticleModel, Field, Range } from '../frontMatter/model';
import { comparePositions, LineIndex } from '../frontMatter/lineIndex';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The line break the file uses (its first one), `\n` when it has none. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

/** Whether two edits touch the same text (insertions at one point count as touching). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const [first, second] = comparePositions(a.range.start, b.range.start) <= 0 ? [a, b] : [b, a];
  const c = comparePositions(first.range.end, second.range.start);
  if (c < 0) return false;
  if (c > 0) return true;
  // adjacent: only a conflict when both are insertions at the same point
  const empty = (e: TextEdit) => comparePositions(e.range.start, e.range.end) === 0;
  return empty(first) && empty(second);
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && sameRange(a.range, b.range);
}

/** Applies non-overlapping edits (in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) throw new Error('applyEdits: overlapping edits');
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Shrinks an edit to the part that really changes (common prefix and suffix left alone). */
export function minimizeEdit(lines: LineIndex, edit: TextEdit): TextEdit | undefined {
  const start = lines.offset(edit.range.start);
  const end = lines.offset(edit.range.end);
  const old = lines.text.slice(start, end);
  const next = edit.newText;
  let p = 0;
  while (p < old.length && p < next.length && old[p] === next[p]) p++;
  let s = 0;
  while (s < old.length - p && s < next.length - p && old[old.length - 1 - s] === next[next.length - 1 - s]) s++;
  if (p === old.length && p === next.length) return undefined;
  return { range: lines.range(start + p, end - s), newText: next.slice(p, next.length - s) };
}

/**
 * An edit split into the line hunks that really change (each then trimmed to
 * its changed characters): rewriting a block of lines leaves the lines that
 * stay the same untouched.
 */
export function minimalEdits(lines: LineIndex, edit: TextEdit): TextEdit[] {
  const start = lines.offset(edit.range.start);
  const end = lines.offset(edit.range.end);
  const eol = eolOf(lines.text);
  const before = lines.text.slice(start, end).split(eol);
  const after = edit.newText.split(eol);
  const starts: number[] = [];
  for (let o = start, i = 0; i < before.length; o += before[i].length + eol.length, i++) starts.push(o);
  const endOf = (i: number) => starts[i] + before[i].length;
  const out: TextEdit[] = [];
  let i = 0;
  let from = -1;
  let added: string[] = [];
  const flush = () => {
    if (from === -1) return;
    let range: [number, number];
    let text = added.join(eol);
    if (from < i && added.length > 0) range = [starts[from], endOf(i - 1)];
    else if (from < i) range = i < before.length ? [starts[from], starts[i]] : from > 0 ? [endOf(from - 1), endOf(i - 1)] : [start, end];
    else if (from < before.length) [range, text] = [[starts[from], starts[from]], text + eol];
    else [range, text] = [[end, end], eol + text];
    const e = minimizeEdit(lines, { range: lines.range(range[0], range[1]), newText: text });
    if (e) out.push(e);
    from = -1;
    added = [];
  };
  for (const part of lineDiff(before, after)) {
    if (!part.added && !part.removed) {
      flush();
      i += part.count;
      continue;
    }
    if (from === -1) from = i;
    if (part.removed) i += part.count;
    else added.push(...part.value);
  }
  flush();
  return out;
}

/** A run of a line diff: lines both sides have, or lines only the old (`removed`) or the new (`added`) side has. */
interface LinePart {
  count: number;
  value: string[];
  added?: boolean;
  removed?: boolean;
}

/**
 * The lines `before` and `after` have in common, and what changes between them.
 * When no line repeats on either side and the lines both have come in the same
 * order, every common line belongs to the only longest common subsequence: the
 * diff is read off directly (a rewritten slot or field, what completion and fixes
 * produce), equal to what the general diff finds. Otherwise, the general diff.
 */
export function lineDiff(before: string[], after: string[]): LinePart[] {
  const where = new Map<string, number>();
  for (let j = 0; j < after.length; j++) {
    if (where.has(after[j])) return diffArrays(before, after);
    where.set(after[j], j);
  }
  const seen = new Set<string>();
  const parts: LinePart[] = [];
  let i = 0;
  let j = 0;
  const change = (toI: number, toJ: number) => {
    if (toI > i) parts.push({ count: toI - i, value: before.slice(i, toI), removed: true });
    if (toJ > j) parts.push({ count: toJ - j, value: after.slice(j, toJ), added: true });
  };
  for (let k = 0; k < before.length; k++) {
    if (seen.has(before[k])) return diffArrays(before, after);
    seen.add(before[k]);
    const at = where.get(before[k]);
    if (at === undefined) continue;
    if (at < j) return diffArrays(before, after); // common lines in another order: a choice the general diff makes
    change(k, at);
    parts.push({ count: 1, value: [before[k]] });
    i = k + 1;
    j = at + 1;
  }
  change(before.length, after.length);
  return parts;
}

/** Whether a field's value is a block scalar (`>-`, `>`, `|`, …) with content on the lines below. */
export function isBlockScalar(field: Field | undefined): boolean {
  return field?.value.kind === 'scalar' && /^[>|]/.test(field.value.source) && field.valueRange.end.line > field.valueRange.start.line;
}

/** Whether `s` reads back as the same string when written as a plain YAML scalar. */
export function isPlainSafe(s: string): boolean {
  if (s === '' || s !== s.trim() || /[\r\n\t]/.test(s)) return false;
  // the common case without a parse: text starting with a letter, no `:` or `#`, not a YAML keyword
  if (/^[A-Za-z][^:#]*$/.test(s) && !/^(?:true|false|null)$/i.test(s)) return true;
  const doc = parseDocument(`k: ${s}`);
  return doc.errors.length === 0 && doc.get('k') === s;
}

/** A value as YAML source for one line, in the quoting style of `like` when given. */
export function scalarSource(value: string | number, like?: Field): string {
  if (typeof value === 'number') return String(value);
  const source = like?.value.kind === 'scalar' ? like.value.source : '';
  if (source.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  if (source.startsWith('"')) return JSON.stringify(value);
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** A value's text without a block scalar's `>-` header line: what a reader would call the value. */
export function contentRange(lines: LineIndex, field: Field): Range {
  const r = field.valueRange;
  if (!isBlockScalar(field)) return r;
  const line = r.start.line + 1;
  return { start: { line, character: indentOf(lines.lineText(line)) }, end: r.end };
}

/**
 * Replaces a field's value, keeping its style: a folded scalar keeps its header
 * and indentation (only the content changes), a quoted one its quotes; an empty
 * value gets one.
 */
export function replaceValue(lines: LineIndex, field: Field, value: string | number): TextEdit {
  const r = field.valueRange;
  if (typeof value === 'string' && isBlockScalar(field)) return { range: contentRange(lines, field), newText: value.replace(/\s+/g, ' ') };
  const newText = scalarSource(value, field);
  if (comparePositions(r.start, r.end) === 0) {
    // `key:` with nothing after it: the range sits right after the colon
    const after = lines.lineText(r.start.line).slice(r.start.character);
    if (after.startsWith(' ')) return { range: { start: { ...r.start, character: r.start.character + 1 }, end: r.end }, newText };
    return { range: r, newText: ` ${newText}` };
  }
  return { range: r, newText };
}

/** The lines of a new `key: value` entry (folded as `key: >-` plus an indented line when asked). */
export function entryLines(key: string, value: string | number, indent: number, folded: { contentIndent: number } | undefined): string[] {
  const pad = ' '.repeat(indent);
  if (folded && typeof value === 'string') return [`${pad}${key}: >-`, `${' '.repeat(folded.contentIndent)}${value}`];
  return [`${pad}${key}: ${scalarSource(value)}`];
}

/** Range from the start of `fromLine` to the start of the line after `toLine`: whole lines with their breaks. */
export function wholeLines(lines: LineIndex, fromLine: number, toLine: number): Range {
  const start = lines.lineStart(fromLine);
  const end = toLine + 1 < lines.lineCount ? lines.lineStart(toLine + 1) : lines.text.length;
  return lines.range(start, end);
}

/** How a file writes its related slots; the real corpus's layout where it has none yet. */
export interface SlotStyle {
  /** Indentation of `id:`, `title:`, … under `related_articleN:`. */
  childIndent: number;
  /** Whether titles are `>-` folded scalars. */
  folded: boolean;
  /** Indentation of a folded title's text. */
  contentIndent: number;
}

export function relatedSlotStyle(model: ArticleModel, lines: LineIndex): SlotStyle {
  const withChildren = model.related.find((s) => s.field.children?.size);
  const first = withChildren?.field.children?.values().next().value;
  const childIndent = first ? first.keyRange.start.character : 4;
  const titles = model.related.flatMap((s) => (s.title ? [s.title] : []));
  const topTitle = model.fields.get('title');
  const folded = titles.length > 0 ? titles.some(isBlockScalar) : !topTitle || isBlockScalar(topTitle);
  const foldedTitle = titles.find(isBlockScalar);
  const contentIndent = foldedTitle ? indentOf(lines.lineText(foldedTitle.valueRange.start.line + 1)) : 2 * childIndent;
  return { childIndent, folded, contentIndent };
}
