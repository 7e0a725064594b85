/**
 * One article as the index keeps it: where it lives and the few values (with
 * ranges) that cross-file checks and features look up. The full model is kept
 * only where asked (open documents, a file being linted): 36k full models would
 * cost a gigabyte, the summaries a few dozen megabytes.
 */
import { readArticleModel } from './scan';
import { collapseWhitespace, scalarOf, textOf, type ArticleModel, type Field, type Range } from './model';
import { locateArticle, type ArticleLocation } from './paths';
import { stripBom } from './text';

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
  links: RelatedLink[];
  /** The full model, when kept. */
  model?: ArticleModel;
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
  return {
    ...location,
    hasFrontMatter: model.frontMatter !== null,
    id: integerOf(scalarOf(idField)),
    idRange: idField?.valueRange,
    title: detach(title === undefined ? undefined : collapseWhitespace(title)),
    subject: textValue(f.get('subject')),
    url: textValue(f.get('url')),
    date: textValue(f.get('date')),
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
    ...(keepModel ? { model } : {}),
  };
}

/** Builds an article from its location and text (BOM tolerated). */
export function articleFromText(location: ArticleLocation, text: string, keepModel = true): Article {
  return summarize(location, readArticleModel(stripBom(text)), keepModel);
}

export function articleFromFile(filePath: string, text: string): Article | undefined {
  const location = locateArticle(filePath);
  return location && articleFromText(location, text);
}
