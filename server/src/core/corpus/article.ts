/**
 * One article as the index keeps it: where it lives and the few values (with
 * ranges) that cross-file checks and features look up. The full model is kept
 * only where asked (open documents, a file being linted): full models of a whole
 * corpus take many times the memory of its summaries (see docs/performance.md).
 */
import { readArticleModel } from '../frontMatter/read';
import { collapseWhitespace, scalarOf, textOf, type ArticleModel, type Field, type Position, type Range } from '../frontMatter/model';
import type { ArticleLocation } from '../site/paths';
import { stripBom } from '../frontMatter/lineIndex';

export interface RelatedLink {
  n: number;
  /** `related_articleN`. */
  key: string;
  keyRange: Range;
  /** Whether the slot is a mapping at all (otherwise only `invalid-field` applies). */
  isMap: boolean;
  id?: number;
  idRange?: Range;
  url?: string;
  urlRange?: Range;
  title?: string;
  titleRange?: Range;
  subject?: string;
}

export interface Article extends ArticleLocation {
  hasFrontMatter: boolean;
  /** The `id` when it is an integer (negative ones too: they still exist for lookups). */
  id?: number;
  idRange?: Range;
  /** The title, whitespace collapsed. */
  title?: string;
  subject?: string;
  /** The `url` field as written. */
  url?: string;
  date?: string;
  /**
   * The `question`, normalized for comparing questions (`normalizeQuestion`: its words joined by `-`, so
   * that for nearly every article it is the question-key, and the same string); undefined when absent or empty.
   */
  normalizedQuestion?: string;
  /**
   * Where the `question` value is (with `normalizedQuestion`), packed as a link's ranges are
   * (`packPosition`, -1 when absent): built into a range only for a diagnostic (`questionRange`).
   */
  questionStart: number;
  questionEnd: number;
  links: RelatedLink[];
  /** The full model, when kept. */
  model?: ArticleModel;
}

/**
 * A related link as the bulk loader keeps it: ranges packed into small integers
 * (`line * 65536 + character`) and built on demand, since four plain ranges per
 * link take much memory and few are ever looked at. Reads like a plain
 * `RelatedLink` (and serializes like one); spread it with `plainLink` if a copy
 * is needed, as the ranges are getters.
 */
export class PackedLink implements RelatedLink {
  constructor(
    public n: number,
    public key: string,
    public isMap: boolean,
    public id: number | undefined,
    public url: string | undefined,
    public title: string | undefined,
    public subject: string | undefined,
    // the key's line, and the packed start and end of the id, url and title values (-1 when absent);
    // read them through the ranges (records.ts stores them as they are)
    readonly keyLine: number,
    readonly idStart: number,
    readonly idEnd: number,
    readonly urlStart: number,
    readonly urlEnd: number,
    readonly titleStart: number,
    readonly titleEnd: number,
  ) {}

  get keyRange(): Range {
    return { start: { line: this.keyLine, character: 0 }, end: { line: this.keyLine, character: this.key.length } };
  }

  get idRange(): Range | undefined {
    return unpackRange(this.idStart, this.idEnd);
  }

  get urlRange(): Range | undefined {
    return unpackRange(this.urlStart, this.urlEnd);
  }

  get titleRange(): Range | undefined {
    return unpackRange(this.titleStart, this.titleEnd);
  }

  toJSON(): RelatedLink {
    return plainLink(this);
  }
}

/** A link read as the same `PackedLink`, or undefined when its ranges do not fit the packed form. */
export function packLink(l: RelatedLink): PackedLink | undefined {
  if (l instanceof PackedLink) return l;
  const k = l.keyRange;
  if (k.start.character !== 0 || k.end.line !== k.start.line || k.end.character !== l.key.length || !fits(k.start)) return undefined;
  const packed: number[] = [];
  for (const r of [l.idRange, l.urlRange, l.titleRange]) {
    if (r && !(fits(r.start) && fits(r.end))) return undefined;
    packed.push(r ? packPosition(r.start.line, r.start.character) : -1, r ? packPosition(r.end.line, r.end.character) : -1);
  }
  const [idStart, idEnd, urlStart, urlEnd, titleStart, titleEnd] = packed;
  return new PackedLink(
    l.n,
    l.key,
    l.isMap,
    l.id,
    l.url,
    l.title,
    l.subject,
    k.start.line,
    idStart,
    idEnd,
    urlStart,
    urlEnd,
    titleStart,
    titleEnd,
  );
}

function fits(p: Position): boolean {
  return p.line >= 0 && p.line < PACKED_LINES && p.character >= 0 && p.character < PACKED_CHARACTERS;
}

/** A plain-object copy of a link (ranges included). */
export function plainLink(l: RelatedLink): RelatedLink {
  const { n, key, keyRange, isMap, id, idRange, url, urlRange, title, titleRange, subject } = l;
  return { n, key, keyRange, isMap, id, idRange, url, urlRange, title, titleRange, subject };
}

/** The largest line and character `packPosition` takes. */
export const PACKED_LINES = 32768;
export const PACKED_CHARACTERS = 65536;

export function packPosition(line: number, character: number): number {
  return line * PACKED_CHARACTERS + character;
}

/** A range as two packed positions (clamped to what packs: a question past line 32767 or column 65535 is out of all reason). */
function packRange(r: Range | undefined): [number, number] {
  if (!r) return [-1, -1];
  const pack = (p: Position) => packPosition(Math.min(p.line, PACKED_LINES - 1), Math.min(p.character, PACKED_CHARACTERS - 1));
  return [pack(r.start), pack(r.end)];
}

function unpackRange(start: number, end: number): Range | undefined {
  if (start < 0) return undefined;
  return {
    start: { line: Math.floor(start / PACKED_CHARACTERS), character: start % PACKED_CHARACTERS },
    end: { line: Math.floor(end / PACKED_CHARACTERS), character: end % PACKED_CHARACTERS },
  };
}

/** What a summary says besides where the article is. */
export type ArticleValues = Omit<Article, keyof ArticleLocation | 'model'>;

/**
 * An article object, always built by this one literal so that every summary
 * shares one hidden class: a spread of the location would give each its own,
 * and their V8 maps and descriptor arrays take much memory.
 */
export function makeArticle(location: ArticleLocation, v: ArticleValues, model?: ArticleModel): Article {
  const article: Article = {
    path: location.path,
    learnRoot: location.learnRoot,
    subjectKey: location.subjectKey,
    questionKey: location.questionKey,
    hasFrontMatter: v.hasFrontMatter,
    id: v.id,
    idRange: v.idRange,
    title: v.title,
    subject: v.subject,
    url: v.url,
    date: v.date,
    // one string less per article: a question normalizes to its file's question-key nearly always
    normalizedQuestion: v.normalizedQuestion === location.questionKey ? location.questionKey : v.normalizedQuestion,
    questionStart: v.questionStart,
    questionEnd: v.questionEnd,
    links: v.links,
  };
  if (model) article.model = model;
  return article;
}

/** The range of the article's `question` value, when it has a question (`normalizedQuestion`). */
export function questionRange(article: Pick<Article, 'questionStart' | 'questionEnd'>): Range | undefined {
  return unpackRange(article.questionStart, article.questionEnd);
}

/**
 * A question as compared with others: lowercased, every character that is not a
 * letter, a digit or white space dropped, and its words (what white space
 * separates) joined by `-`, as in a question-key; undefined when nothing is left.
 * "What is a Cell?" and "what is  a cell" are both `what-is-a-cell`;
 * "Well-known" is `wellknown`.
 */
export function normalizeQuestion(question: string | undefined): string | undefined {
  if (question === undefined) return undefined;
  const normalized = normalizeAscii(question) ?? normalizeUnicode(question);
  return normalized === '' ? undefined : normalized;
}

/** A normalized question as words: the rule's own form (lowercase words, single spaces), for people to read. */
export function questionWords(normalized: string): string {
  return normalized.replace(/-/g, ' ');
}

function normalizeUnicode(question: string): string {
  const normalized = question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .trim()
    .replace(/\s+/g, '-');
  return detach(normalized)!;
}

let asciiScratch = Buffer.allocUnsafe(256);

/**
 * `normalizeUnicode` of an ASCII question (all but 0.7 % of the real corpus),
 * in one pass over its characters: a third of the regular expressions' time;
 * undefined when the question has another character.
 */
function normalizeAscii(question: string): string | undefined {
  if (question.length > asciiScratch.length) asciiScratch = Buffer.allocUnsafe(question.length * 2);
  const out = asciiScratch;
  let n = 0;
  let space = false;
  for (let i = 0; i < question.length; i++) {
    let c = question.charCodeAt(i);
    if (c > 127) return undefined;
    if (c >= 65 && c <= 90) c += 32; // A-Z
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (space && n > 0) out[n++] = 45; // -
      space = false;
      out[n++] = c;
    } else if (c === 32 || (c >= 9 && c <= 13)) space = true; // white space; anything else is dropped
  }
  return out.toString('latin1', 0, n);
}

export function integerOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * A copy of a string that does not keep its source alive: V8 represents
 * `text.slice()` as a view on the whole file's text.
 */
function detach(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : (' ' + s).slice(1);
}

function textValue(field: Field | undefined): string | undefined {
  return detach(textOf(field));
}

/** The index summary of a model; keeps the model itself only when asked. */
export function summarize(location: ArticleLocation, model: ArticleModel, keepModel: boolean): Article {
  const f = model.fields;
  const title = textOf(f.get('title'));
  const idField = f.get('id');
  const question = f.get('question');
  const normalizedQuestion = normalizeQuestion(textOf(question));
  const [questionStart, questionEnd] = packRange(normalizedQuestion === undefined ? undefined : question!.valueRange);
  const values: ArticleValues = {
    hasFrontMatter: model.frontMatter !== null,
    id: integerOf(scalarOf(idField)),
    idRange: idField?.valueRange,
    title: detach(title === undefined ? undefined : collapseWhitespace(title)),
    subject: textValue(f.get('subject')),
    url: textValue(f.get('url')),
    date: textValue(f.get('date')),
    normalizedQuestion,
    questionStart,
    questionEnd,
    links: model.related.map((slot) => {
      const t = textOf(slot.title);
      return {
        n: slot.n,
        key: detach(slot.field.key)!,
        keyRange: slot.field.keyRange,
        isMap: slot.field.value.kind === 'map',
        id: integerOf(scalarOf(slot.id)),
        idRange: slot.id?.valueRange,
        url: textValue(slot.url),
        urlRange: slot.url?.valueRange,
        title: detach(t === undefined ? undefined : collapseWhitespace(t)),
        titleRange: slot.title?.valueRange,
        subject: textValue(slot.subject),
      };
    }),
  };
  return makeArticle(location, values, keepModel ? model : undefined);
}

/** Builds an article from its location and text (BOM tolerated). */
export function articleFromText(location: ArticleLocation, text: string, keepModel = true): Article {
  return summarize(location, readArticleModel(stripBom(text)), keepModel);
}
