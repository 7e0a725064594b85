/**
 * The full article model from a byte walk (walk.ts), for the files the walker
 * accepts: `readArticleModel` (read.ts) builds one for every open document,
 * `quicktakes lint` one per file for the checks that need every field. Ranges
 * are LSP positions (UTF-16): the walker's byte columns are used only where
 * everything before them on the line is ASCII (indentation, keys, `: `), and the
 * ends of values are counted on the decoded text.
 */
import type { ArticleModel, Field, FieldValue, Range } from './model';
import { relatedSlots } from './parse';
import { FrontMatterWalk, Kind } from './walk';

/**
 * A field whose ranges are built on demand from seven numbers: a corpus makes
 * very many fields, and most ranges are never looked at.
 */
export class WalkedField implements Field {
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

// reusable scratch space: nothing of one file is kept for the next
const walker = new FrontMatterWalk();

/** The model of an article's bytes, or undefined when the walker defers (then `readArticleModel(text)` decides). */
export function modelFromBytes(bytes: Buffer, length: number): ArticleModel | undefined {
  return walker.walk(bytes, length) ? modelFromWalk(walker) : undefined;
}

/** Texts up to this many UTF-16 units are encoded into one reused buffer; longer ones get their own. */
const SCRATCH_MAX = 1 << 20;
let scratch = Buffer.allocUnsafe(1 << 16);

/** The model of an article's text, or undefined when the walker defers. */
export function modelFromText(text: string): ArticleModel | undefined {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so the text always fits
  const need = text.length * 3;
  if (need > SCRATCH_MAX) {
    const bytes = Buffer.from(text, 'utf8');
    return modelFromBytes(bytes, bytes.length);
  }
  if (need > scratch.length) scratch = Buffer.allocUnsafe(Math.max(need, scratch.length * 2));
  return modelFromBytes(scratch, scratch.write(text, 0, 'utf8'));
}

export function modelFromWalk(w: FrontMatterWalk): ArticleModel {
  const fields = new Map<string, Field>();
  for (let e = 0; e < w.count;) {
    const field = fieldOf(w, e);
    fields.set(field.key, field);
    e += 1 + (field.children?.size ?? 0);
  }
  return {
    frontMatter: { openLine: 0, closeLine: w.closeLine },
    fields,
    related: relatedSlots(fields),
    syntaxErrors: [],
    producer: 'walk',
  };
}

function fieldOf(w: FrontMatterWalk, e: number): WalkedField {
  const key = w.keys[e];
  const line = w.keyLine[e];
  const indent = w.indent[e];
  const k: [number, number, number] = [line, indent, indent + key.length];
  const col = indent + key.length + 2;
  switch (w.kind[e]) {
    case Kind.Plain: {
      const source = w.plainSource(e);
      return new WalkedField(key, { kind: 'scalar', value: w.plainValue(e), source }, k, [line, col, line, col + source.length]);
    }
    case Kind.Folded: {
      const { value, source, endColumn } = w.foldedField(e);
      return new WalkedField(key, { kind: 'scalar', value, source }, k, [line, col, w.lineNo(w.last[e]), endColumn]);
    }
    case Kind.Map: {
      const children = new Map<string, Field>();
      let lastChild: WalkedField | undefined;
      for (let c = e + 1; c < w.count && w.parent[c] === e; c++) {
        lastChild = fieldOf(w, c);
        children.set(lastChild.key, lastChild);
      }
      const first = children.values().next().value!.keyRange.start;
      const end = lastChild!.valueRange.end;
      const field = new WalkedField(key, { kind: 'map' }, k, [first.line, first.character, end.line, end.character]);
      field.children = children;
      return field;
    }
    default:
      return new WalkedField(key, { kind: 'scalar', value: null, source: '' }, k, [line, col - 1, line, col - 1]);
  }
}
