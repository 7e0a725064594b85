/**
 * The site's article schema: which front-matter fields an article has, in what
 * order, which values are fixed, how related slots are keyed and what the fields
 * that follow from the file's place must say. Checks, fixes, completion and new
 * articles all read it here, so they cannot disagree with one another.
 */
import { canonicalUrl } from './paths';

/** Top-level fields in the order the corpus writes them (new articles and inserted fields follow it). */
export const FIELD_ORDER = [
  '_schema',
  'id',
  'date',
  'title',
  'article_title',
  'date_format',
  'post_on_text',
  'seo',
  'author',
  'question',
  'answer',
  'subject',
  'file_name',
  'url',
  'score',
] as const;

export type FieldName = (typeof FIELD_ORDER)[number];

/** New articles write `score`, but an article without one is not reported. */
const OPTIONAL_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>(['score']);

export const REQUIRED_FIELDS: readonly FieldName[] = FIELD_ORDER.filter((key) => !OPTIONAL_FIELDS.has(key));

/** The fields of `seo`, in the corpus's order; all required. */
export const SEO_FIELDS = ['title', 'page_description', 'page_keywords'] as const;

export type SeoField = (typeof SEO_FIELDS)[number];

/** Fields whose value is the same in every article. */
export const FIXED_VALUES = {
  _schema: 'default',
  date_format: 'MMM DD, YYYY',
  post_on_text: 'Posted on',
  author: 'QuickTakes',
} as const satisfies Partial<Record<FieldName, string>>;

export type FixedField = keyof typeof FIXED_VALUES;

export function isFixedField(key: string): key is FixedField {
  return Object.hasOwn(FIXED_VALUES, key);
}

/** The fixed value of a field, if it has one. */
export function fixedValueOf(key: string): string | undefined {
  return isFixedField(key) ? FIXED_VALUES[key] : undefined;
}

/** What `seo.title` says: the brand and the article's subject. */
export function seoTitle(subject: string): string {
  return `QuickTakes | ${subject}`;
}

/** Whether `title` is the `seo.title` of `subject`: case is ignored, only another subject counts. */
export function isSeoTitleOf(title: string, subject: string): boolean {
  return title.toLowerCase() === seoTitle(subject).toLowerCase();
}

/** Where articles live in the site's repository: `content/learn/<subject-key>/<question-key>.md`. */
export const DEFAULT_CONTENT_GLOB = 'content/learn/*/*.md';

/** The site shows `related_article1` … `related_article5` and ignores any other N. */
export const RELATED_SLOTS = 5;

export const RELATED_KEY_PREFIX = 'related_article';

/** A related slot's key; group 1 is its N. */
export const RELATED_KEY = /^related_article(\d+)$/;

export function relatedKey(n: number): string {
  return `${RELATED_KEY_PREFIX}${n}`;
}

/** Whether the site shows slot `n`. */
export function isShownSlot(n: number): boolean {
  return n >= 1 && n <= RELATED_SLOTS;
}

/** A related slot's fields in the corpus's order. */
export const RELATED_SLOT_FIELDS = ['id', 'title', 'subject', 'url'] as const;

export type RelatedSlotField = (typeof RELATED_SLOT_FIELDS)[number];

/** The slot fields a link cannot do without (`subject` may be left out). */
export const REQUIRED_SLOT_FIELDS: readonly RelatedSlotField[] = ['id', 'title', 'url'];

/** The values of the fields that follow from where the file is, not from what it says. */
export function locationFields(at: { subjectKey: string; questionKey: string }): { url: string; file_name: string } {
  return { url: canonicalUrl(at.subjectKey, at.questionKey), file_name: `${at.questionKey}.md` };
}
