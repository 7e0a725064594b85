/**
 * The answer as a Markdown document: what the site reads from an article's
 * `answer` (the YAML value with every two-character `\n` turned into a line
 * break), and the edit that writes a Markdown text back as that value in the
 * article's own YAML style, leaving every byte outside the value alone.
 *
 * Reading and writing are exact inverses: the site turns every `\n` pair into a
 * line break, so writing each line break as `\n` and nothing else is read back
 * unchanged, as long as the Markdown itself holds no backslash followed by `n`
 * (which no value can make the site show; `answerTextProblems` names them).
 * Every edit is checked by parsing the edited front matter again.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { TextEdit } from '../authoring/edits';
import { LineIndex, stripBom } from '../frontMatter/lineIndex';
import type { Field, Range } from '../frontMatter/model';
import { findFences, isFenceScan } from '../frontMatter/parse';
import { isSafePlain, ScalarSourceMap, type ScalarStyle } from './source';
import { SiteMarkdown } from './view';

export interface AnswerText {
  /** The answer as the site reads it: Markdown whose line breaks are `\n`. */
  text: string;
  /** The YAML value (line breaks written as the two characters `\n`). */
  value: string;
  style: ScalarStyle;
  /** Whole-file range of the value's source, block indicator or quotes included (what `setAnswerText` replaces). */
  range: Range;
  /** Value offset of a text offset (a line break maps to the `\` of its `\n`). */
  toValue(offset: number): number;
  /** Text offset of a value offset (answer checks report value offsets). */
  toText(offset: number): number;
  /** Whole-file range of `text[start, end)`; the whole value when the source map is not exact. */
  fileRange(start: number, end: number): Range;
}

export type SetAnswerResult = { ok: true; edits: TextEdit[] } | { ok: false; error: string };

/** Something in an answer text that no YAML value can make the site show (text offsets). */
export interface AnswerTextProblem {
  start: number;
  end: number;
  message: string;
}

/** The article's answer as the site reads it; null when it has none the site can read. */
export function answerText(fileText: string): AnswerText | null {
  const found = locateAnswer(fileText);
  return 'reason' in found ? null : found.answer;
}

/** Why `answerText` is null for a file (undefined when it is not). */
export function answerTextUnreadable(fileText: string): string | undefined {
  const found = locateAnswer(fileText);
  return 'reason' in found ? found.reason : undefined;
}

/**
 * Every two-character `\n` in a Markdown text: the site turns each into a line
 * break, so no answer value can show one.
 */
export function answerTextProblems(text: string): AnswerTextProblem[] {
  const lines = new LineIndex(text);
  const out: AnswerTextProblem[] = [];
  for (let at = text.indexOf('\\n'); at !== -1; at = text.indexOf('\\n', at + 2)) {
    const p = lines.position(at);
    const word = /\\n[A-Za-z]*/y;
    word.lastIndex = at;
    const written = word.exec(text)![0];
    out.push({
      start: at,
      end: at + 2,
      message:
        `Line ${p.line + 1}, column ${p.character + 1}: \`${written}\` cannot be written in an answer: the site turns every backslash followed by \`n\` into a line break. ` +
        'In a formula use a command or symbol without it (`≠` for `\\neq`, `ν` for `\\nu`); in text, `&#92;n` shows a backslash and `n`.',
    });
  }
  return out;
}

/**
 * The edits that make the article's answer read as `text`, written in the
 * article's own style (a `>-` line with `\n` escapes, or a quoted string); a
 * plain scalar stays plain when it safely can, else becomes `>-`. When the
 * style cannot hold the text (a `>-` line cannot start with white space only,
 * nor hold control characters), it is written double-quoted, which holds any
 * text. Empty when the answer already reads as `text`.
 */
export function setAnswerText(fileText: string, text: string): SetAnswerResult {
  const found = locateAnswer(fileText);
  if ('reason' in found) return { ok: false, error: found.reason };
  const { answer } = found;
  if (answer.text === text) return { ok: true, edits: [] };
  const problems = answerTextProblems(text);
  if (problems.length > 0) return { ok: false, error: problems[0].message };
  // Each line break written as `\n` and nothing else: read back exactly, since the text holds no `\n` pair.
  const value = text.replaceAll('\n', '\\n');
  for (const style of candidateStyles(answer.style)) {
    const newText = encode(style, value, found);
    if (newText === undefined) continue;
    const edit: TextEdit = { range: answer.range, newText };
    if (writesValue(found, edit, value)) return { ok: true, edits: [edit] };
  }
  return { ok: false, error: 'The text cannot be written as the answer without changing other parts of the front matter.' };
}

// --- locating the value ---------------------------------------------------------

interface Located {
  answer: AnswerText;
  /** The text without its byte order mark (ranges are the same in both: the BOM sits on the fence line). */
  body: string;
  yamlStart: number;
  yamlEnd: number;
  doc: Document;
  /** Column of the `answer` key (a block scalar's indentation counts from it). */
  keyColumn: number;
  start: number;
  end: number;
}

function locateAnswer(fileText: string): Located | { reason: string } {
  const body = stripBom(fileText);
  const lines = new LineIndex(body);
  const fences = findFences(body, lines);
  if (!isFenceScan(fences)) return { reason: fences.message };
  const { yamlStart, yamlEnd } = fences;
  const doc = parseDocument(body.slice(yamlStart, yamlEnd), { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return { reason: `The front matter is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` };
  const pair = answerPair(doc);
  if (!pair) return { reason: 'The front matter has no `answer` field.' };
  const node = pair.value as Node | null;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) {
    return { reason: '`answer` is not a text (it is empty, a number, a list, a mapping or an alias).' };
  }
  const style = STYLES[node.type ?? ''];
  if (!style) return { reason: '`answer` is written in a form this tool does not edit.' };
  const start = yamlStart + node.range[0];
  const trimmed = trimEnd(body, start, yamlStart + node.range[1]);
  let end = trimmed;
  // A block scalar's last line keeps its trailing blanks as part of the value.
  if (style === 'block-folded' || style === 'block-literal') while (body[end] === ' ' || body[end] === '\t') end++;
  const value = node.value;
  const [keyStart, keyEnd] = (pair.key as Node).range!;
  const keyColumn = lines.position(yamlStart + keyStart).character;
  const field: Field = {
    key: 'answer',
    keyRange: lines.range(yamlStart + keyStart, yamlStart + keyEnd),
    valueRange: lines.range(start, trimmed),
    value: { kind: 'scalar', value, source: body.slice(start, trimmed) },
  };
  const site = new SiteMarkdown(value);
  let map: ScalarSourceMap | undefined;
  const answer: AnswerText = {
    text: site.markdown,
    value,
    style,
    range: lines.range(start, end),
    toValue: (offset) => site.toAnswer(offset),
    toText: (offset) => site.toMarkdown(offset),
    fileRange: (s, e) => (map ??= ScalarSourceMap.of(field)).range(site.toAnswer(s), site.toAnswer(e)),
  };
  return { answer, body, yamlStart, yamlEnd, doc, keyColumn, start, end };
}

const STYLES: Record<string, ScalarStyle | undefined> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single-quoted',
  QUOTE_DOUBLE: 'double-quoted',
  BLOCK_FOLDED: 'block-folded',
  BLOCK_LITERAL: 'block-literal',
};

function answerPair(doc: Document): Pair | undefined {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'answer');
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

// --- writing the value ----------------------------------------------------------

function candidateStyles(style: ScalarStyle): ScalarStyle[] {
  switch (style) {
    case 'plain':
      return ['plain', 'block-folded', 'double-quoted'];
    case 'single-quoted':
      return ['single-quoted', 'double-quoted'];
    case 'double-quoted':
      return ['double-quoted'];
    case 'block-folded':
    case 'block-literal':
      return [style, 'double-quoted'];
  }
}

/**
 * Characters only a double-quoted scalar can hold: line breaks (YAML or the
 * `yaml` package reads NEL, LS and PS as such), other controls, a BOM, and what
 * UTF-8 cannot store.
 */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
  /[\0-\x08\n-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NEEDS_ESCAPE_ALL = new RegExp(NEEDS_ESCAPE.source, 'g');

const NAMED_ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** The value's new source in `style`; undefined when that style cannot hold it. */
function encode(style: ScalarStyle, value: string, at: Located): string | undefined {
  switch (style) {
    case 'double-quoted': {
      const escaped = value
        .replace(/[\\"]/g, '\\$&')
        .replace(NEEDS_ESCAPE_ALL, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
      return `"${escaped}"`;
    }
    case 'single-quoted':
      return NEEDS_ESCAPE.test(value) ? undefined : `'${value.replaceAll("'", "''")}'`;
    case 'plain':
      return value === '' || NEEDS_ESCAPE.test(value) || !isSafePlain(value) ? undefined : value;
    case 'block-folded':
    case 'block-literal':
      // A line of white space alone reads as an empty block.
      if (NEEDS_ESCAPE.test(value) || (value !== '' && /^[ \t]*$/.test(value))) return undefined;
      return blockSource(style, value, at);
  }
}

/** A one-line block scalar: the header (kept when it still fits, its comment kept), then the value on an indented line. */
function blockSource(style: 'block-folded' | 'block-literal', value: string, at: Located): string {
  const { body, start, end, keyColumn } = at;
  const old = body.slice(start, end);
  const header = /^([>|])([1-9]?)([-+]?)([1-9]?)/.exec(old);
  let indent = keyColumn + 2;
  let rest = '';
  let eol = eolAfter(body, start);
  if (header) {
    const lineEnd = old.search(/\r?\n|$/);
    rest = old.slice(header[0].length, lineEnd);
    eol = old.startsWith('\r\n', lineEnd) ? '\r\n' : old[lineEnd] === '\n' ? '\n' : eol;
  }
  const explicit = header ? Number(header[2] || header[4] || 0) : 0;
  const firstContent = header ? /\n( *)[^ \r\n]/.exec(old) : null;
  if (explicit > 0) indent = keyColumn + explicit;
  else if (firstContent && firstContent[1].length > keyColumn) indent = firstContent[1].length;
  // A line starting with a space needs an indentation indicator, or the space would count as indentation.
  const needsIndicator = value.startsWith(' ') || explicit > 0;
  const indicator = needsIndicator ? String(indent - keyColumn) : '';
  const kept =
    header &&
    header[1] === (style === 'block-folded' ? '>' : '|') &&
    header[3] === '-' &&
    (explicit === 0 ? !needsIndicator : String(explicit) === indicator);
  const head = kept ? header[0] : `${style === 'block-folded' ? '>' : '|'}${indicator}-`;
  return value === '' ? head + rest : `${head}${rest}${eol}${' '.repeat(indent)}${value}`;
}

/** The line break the file uses near `offset` (the next one), else its first one. */
function eolAfter(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  const at = nl === -1 ? text.indexOf('\n') : nl;
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/** Whether the edited front matter is valid, reads `value` as the answer, and reads every other field as before. */
function writesValue(at: Located, edit: TextEdit, value: string): boolean {
  const source = at.body.slice(at.yamlStart, at.start) + edit.newText + at.body.slice(at.end, at.yamlEnd);
  try {
    const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) return false;
    const node = answerPair(doc)?.value;
    if (!isScalar(node) || node.value !== value) return false;
    return isDeepStrictEqual(withoutAnswer(doc), withoutAnswer(at.doc));
  } catch {
    return false; // a document the yaml package cannot turn into values is no answer either
  }
}

function withoutAnswer(doc: Document): unknown {
  const js = doc.toJS() as Record<string, unknown>;
  delete js.answer;
  return js;
}
