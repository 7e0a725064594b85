/**
 * The full article model from a byte walk (walk.ts): the same model
 * `scanArticle` builds from the text, for the files the walker accepts, made
 * without the scanner's per-line regexes and slices. `quicktakes lint` builds one
 * per file for the checks that need every field.
 */
import type { ArticleModel, Field } from './model';
import { relatedSlots } from './parse';
import { ScannedField } from './scan';
import { FrontMatterWalk, Kind } from './walk';

// reusable scratch space: nothing of one file is kept for the next
const walker = new FrontMatterWalk();

/** The model of an article's bytes, or undefined when the walker defers (then `readArticleModel(text)` decides). */
export function modelFromBytes(bytes: Buffer, length: number): ArticleModel | undefined {
  return walker.walk(bytes, length) ? modelFromWalk(walker) : undefined;
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
    producer: 'scan',
  };
}

function fieldOf(w: FrontMatterWalk, e: number): ScannedField {
  const key = w.keys[e];
  const line = w.keyLine[e];
  const indent = w.indent[e];
  const k: [number, number, number] = [line, indent, indent + key.length];
  const col = indent + key.length + 2;
  switch (w.kind[e]) {
    case Kind.Plain: {
      const source = w.plainSource(e);
      return new ScannedField(key, { kind: 'scalar', value: w.plainValue(e), source }, k, [line, col, line, col + source.length]);
    }
    case Kind.Folded: {
      const { value, source, endColumn } = w.foldedField(e);
      return new ScannedField(key, { kind: 'scalar', value, source }, k, [line, col, w.lineNo(w.last[e]), endColumn]);
    }
    case Kind.Map: {
      const children = new Map<string, Field>();
      let lastChild: ScannedField | undefined;
      for (let c = e + 1; c < w.count && w.parent[c] === e; c++) {
        lastChild = fieldOf(w, c);
        children.set(lastChild.key, lastChild);
      }
      const first = children.values().next().value!.keyRange.start;
      const end = lastChild!.valueRange.end;
      const field = new ScannedField(key, { kind: 'map' }, k, [first.line, first.character, end.line, end.character]);
      field.children = children;
      return field;
    }
    default:
      return new ScannedField(key, { kind: 'scalar', value: null, source: '' }, k, [line, col - 1, line, col - 1]);
  }
}
