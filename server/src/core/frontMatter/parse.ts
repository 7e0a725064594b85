/**
 * Exact front-matter parsing with the `yaml` package: tolerant of broken YAML
 * (a partial model plus syntax problems), BOM and CRLF. Every range is in
 * whole-file coordinates.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import {
  RELATED_KEY,
  type ArticleModel,
  type Field,
  type FieldValue,
  type RelatedSlot,
  type SuppressionComment,
  type SyntaxProblem,
} from './model';
import { LineIndex } from './lineIndex';

const FENCE = /^---[ \t]*\r?$/;

export interface FenceScan {
  /** Offset where the YAML source starts (after the opening fence's line break). */
  yamlStart: number;
  /** Offset where the closing fence line starts. */
  yamlEnd: number;
  openLine: number;
  closeLine: number;
}

/** Finds the `---` fences; returns a problem when there is no complete front matter. */
export function findFences(text: string, lines: LineIndex): FenceScan | SyntaxProblem {
  const first = lines.lineText(0);
  if (!FENCE.test(first)) {
    return {
      message: 'The file does not start with a `---` line opening the front matter.',
      range: lines.range(0, first.length),
    };
  }
  for (let line = 1; line < lines.lineCount; line++) {
    if (FENCE.test(lines.lineText(line))) {
      return { yamlStart: lines.lineStart(1), yamlEnd: lines.lineStart(line), openLine: 0, closeLine: line };
    }
  }
  return {
    message: 'The front matter opened by `---` on line 1 has no closing `---` line.',
    range: lines.range(0, first.length),
  };
}

export function isFenceScan(x: FenceScan | SyntaxProblem): x is FenceScan {
  return (x as FenceScan).yamlStart !== undefined;
}

/** Parses an article's text (BOM already stripped or not) into the model. */
export function parseArticle(text: string, lines = new LineIndex(text)): ArticleModel {
  const fences = findFences(text, lines);
  if (!isFenceScan(fences)) {
    return { frontMatter: null, frontMatterProblem: fences, fields: new Map(), related: [], syntaxErrors: [], producer: 'yaml' };
  }
  const base = fences.yamlStart;
  const source = text.slice(base, fences.yamlEnd);
  let doc: Document;
  try {
    doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  } catch (e) {
    // The yaml package should not throw, but a parser bug must not take the server down.
    const problem = { message: `The front matter could not be parsed: ${(e as Error).message}`, range: lines.range(base, fences.yamlEnd) };
    return {
      frontMatter: { openLine: fences.openLine, closeLine: fences.closeLine },
      fields: new Map(),
      related: [],
      syntaxErrors: [problem],
      producer: 'yaml',
    };
  }
  const syntaxErrors: SyntaxProblem[] = doc.errors.map((e) => ({
    message: e.message.split('\n')[0],
    range: lines.range(base + e.pos[0], base + Math.max(e.pos[1], e.pos[0])),
  }));
  const builder = new FieldBuilder(text, lines, base, doc);
  const fields = new Map<string, Field>();
  const contents = doc.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const field = builder.field(pair);
      if (field && !fields.has(field.key)) fields.set(field.key, field);
    }
  } else if (contents && !(isScalar(contents) && contents.value === null)) {
    const r = contents.range ?? [0, source.length];
    syntaxErrors.push({
      message: 'The front matter must be a mapping of `key: value` lines.',
      range: lines.range(base + r[0], base + r[1]),
    });
  }
  const model: ArticleModel = {
    frontMatter: { openLine: fences.openLine, closeLine: fences.closeLine },
    fields,
    related: relatedSlots(fields),
    syntaxErrors,
    producer: 'yaml',
  };
  // a cheap test first: almost no article has one
  if (source.includes('quicktakes-disable')) {
    const suppressions = suppressionComments(lines, fences, fields);
    if (suppressions.length > 0) model.suppressions = suppressions;
  }
  return model;
}

const SUPPRESSION = /^([ \t]*)#[ \t]*quicktakes-disable(-next-line)?(?=[ \t]|$)(.*)$/;

/** The suppression comment lines between the fences (a `#` line inside a multi-line scalar is text, not a comment). */
function suppressionComments(lines: LineIndex, fences: FenceScan, fields: Map<string, Field>): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  for (let line = fences.openLine + 1; line < fences.closeLine; line++) {
    const m = SUPPRESSION.exec(lines.lineText(line));
    if (!m || insideScalar(fields, line)) continue;
    const start = lines.lineStart(line);
    const rest = m[3];
    const restAt = m[0].length - rest.length;
    const codes: SuppressionComment['codes'] = [];
    for (const c of rest.matchAll(/[^\s,]+/g)) {
      const at = start + restAt + c.index;
      codes.push({ code: c[0], range: lines.range(at, at + c[0].length) });
    }
    const end = start + m[0].trimEnd().length;
    out.push({ scope: m[2] ? 'next-line' : 'file', line, range: lines.range(start + m[1].length, end), codes });
  }
  return out;
}

function insideScalar(fields: Map<string, Field>, line: number): boolean {
  for (const f of fields.values()) {
    if (f.children) {
      if (insideScalar(f.children, line)) return true;
    } else if (f.valueRange.start.line < line && line <= f.valueRange.end.line) {
      return true;
    }
  }
  return false;
}

export function relatedSlots(fields: Map<string, Field>): RelatedSlot[] {
  const slots: RelatedSlot[] = [];
  for (const field of fields.values()) {
    const m = RELATED_KEY.exec(field.key);
    if (!m) continue;
    const c = field.children;
    slots.push({ n: Number(m[1]), field, id: c?.get('id'), title: c?.get('title'), subject: c?.get('subject'), url: c?.get('url') });
  }
  return slots;
}

class FieldBuilder {
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly base: number,
    private readonly doc: Document,
  ) {}

  field(pair: Pair, depth = 0): Field | undefined {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode) || !keyNode.range) return undefined;
    const key = String(keyNode.value);
    const keyStart = this.base + keyNode.range[0];
    const keyEnd = this.base + keyNode.range[1];
    const keyRange = this.lines.range(keyStart, keyEnd);
    let node = pair.value as Node | null;
    if (isAlias(node)) node = (node.resolve(this.doc) as Node | undefined) ?? null;
    const field: Field = { key, keyRange, valueRange: keyRange, value: { kind: 'scalar', value: null, source: '' } };
    if (!node || !node.range || (isScalar(node) && node.range[0] === node.range[1])) {
      // `key:` with nothing after it: an empty range right after the colon.
      const colon = this.text.indexOf(':', keyEnd);
      const at = colon === -1 ? keyEnd : colon + 1;
      field.valueRange = this.lines.range(at, at);
      return field;
    }
    if (isMap(node)) {
      field.value = { kind: 'map' };
      const children = new Map<string, Field>();
      if (depth < 1) {
        for (const item of node.items) {
          const child = this.field(item, depth + 1);
          if (child && !children.has(child.key)) children.set(child.key, child);
        }
      }
      field.children = children;
      const first = node.items[0]?.key as Node | null | undefined;
      const start = first?.range ? this.base + first.range[0] : this.base + node.range[0];
      field.valueRange = this.lines.range(start, this.trimEnd(start, this.base + node.range[1]));
      return field;
    }
    const start = this.base + node.range[0];
    const end = this.trimEnd(start, this.base + node.range[1]);
    field.valueRange = this.lines.range(start, end);
    field.value = this.value(node, start, end);
    return field;
  }

  private value(node: Node, start: number, end: number): FieldValue {
    if (isSeq(node)) return { kind: 'seq' };
    if (isScalar(node)) {
      const v = node.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
      return { kind: 'scalar', value, source: this.text.slice(start, end) };
    }
    return { kind: 'scalar', value: null, source: '' };
  }

  /** Moves `end` back over trailing white space and line breaks. */
  private trimEnd(start: number, end: number): number {
    let e = Math.min(end, this.text.length);
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    return e;
  }
}
