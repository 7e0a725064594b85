/**
 * The article model shared by every part of the core: what one article's front
 * matter says, with whole-file source ranges for every key and value.
 *
 * Two producers build it: `parse.ts` (the `yaml` package, exact, tolerant of
 * broken input) and `walk.ts` with `walkModel.ts` (a fast byte walker for the
 * regular shape of real articles, which hands anything unusual to `parse.ts`).
 * Both must agree wherever the walker answers; corpus and property tests check
 * that they do.
 */

/** 0-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A scalar or collection value as YAML gave it; collections are opaque here. */
export type FieldValue = { kind: 'scalar'; value: string | number | boolean | null; source: string } | { kind: 'map' } | { kind: 'seq' };

export interface Field {
  key: string;
  keyRange: Range;
  /** The value's text: from its first character (or the `>-` indicator) to its last non-blank character. */
  valueRange: Range;
  value: FieldValue;
  /** Sub-fields, for mappings (e.g. `seo`, `related_articleN`). */
  children?: Map<string, Field>;
}

export interface RelatedSlot {
  /** The N of `related_articleN` (may be out of 1..5 while people type). */
  n: number;
  field: Field;
  id?: Field;
  title?: Field;
  subject?: Field;
  url?: Field;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

export interface FrontMatterBounds {
  /** Line of the opening `---`. */
  openLine: number;
  /** Line of the closing `---`. */
  closeLine: number;
}

/** A `# quicktakes-disable…` comment line of the front matter (what it silences: checks/suppressions.ts). */
export interface SuppressionComment {
  /** `next-line`: the key that follows it; `file`: the whole file. */
  scope: 'next-line' | 'file';
  line: number;
  /** From its `#` to its last non-blank character. */
  range: Range;
  /** The codes it names as written (unknown ones too). */
  codes: { code: string; range: Range }[];
}

export interface ArticleModel {
  /** `null` when the file has no complete `---` fenced block. */
  frontMatter: FrontMatterBounds | null;
  /** Why `frontMatter` is null. */
  frontMatterProblem?: SyntaxProblem;
  /** Top-level fields in source order. */
  fields: Map<string, Field>;
  related: RelatedSlot[];
  syntaxErrors: SyntaxProblem[];
  /** Its suppression comments, when it has any (the walker defers every comment, so only the exact parser sets them). */
  suppressions?: SuppressionComment[];
  /** Which producer made this model (for tests and diagnostics of the walker). */
  producer: 'walk' | 'yaml';
}

/** The parsers find related slots by the site's key pattern. */
export { RELATED_KEY } from '../site/schema';

export function scalarOf(field: Field | undefined): string | number | boolean | null | undefined {
  return field?.value.kind === 'scalar' ? field.value.value : undefined;
}

/** A scalar rendered as the text a reader sees (numbers and booleans as YAML wrote them). */
export function textOf(field: Field | undefined): string | undefined {
  const v = scalarOf(field);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : field!.value.kind === 'scalar' ? field!.value.source : String(v);
}

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
