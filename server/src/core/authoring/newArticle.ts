/**
 * A new article's text in the real corpus's exact layout, with every required
 * field filled (placeholders where only the author can write the text), and the
 * plan for creating it in a corpus: next free id, the subject's display name,
 * no overwrite, an explanation when its question-key exists elsewhere, and a
 * notice when the site publishes its subject folder hidden.
 */
import type { Corpus } from '../corpus/corpus';
import type { Position } from '../frontMatter/model';
import { articlePath, questionSlug, subjectSlug } from '../site/paths';
import { hiddenSubjectNote } from '../site/siteFiles';
import {
  FIELD_ORDER,
  FIXED_VALUES,
  isFixedField,
  locationFields,
  SEO_FIELDS,
  seoTitle,
  type FieldName,
  type FixedField,
  type SeoField,
} from '../site/schema';

export const DESCRIPTION_PLACEHOLDER = 'TODO: one or two sentences describing this answer for search engines.';
export const KEYWORDS_PLACEHOLDER = 'TODO, comma-separated, keywords';

export interface NewArticleSpec {
  id: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The display name, e.g. `Accounting and Finance`. */
  subject: string;
  subjectKey: string;
  question: string;
  /** Defaults to the question's slug. */
  questionKey?: string;
}

export interface NewArticle {
  questionKey: string;
  text: string;
  /** Where the author writes the answer: the indented empty line under `answer: >-`. */
  cursor: Position;
}

/** Folded `>-` scalars hold any one-line text; line breaks would become spaces anyway. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A `>-` entry whose text is on the next line, indented as the corpus does. */
function folded(key: string, text: string, indent = ''): string[] {
  return [`${indent}${key}: >-`, `    ${text}`];
}

export function newArticle(spec: NewArticleSpec): NewArticle {
  const question = oneLine(spec.question);
  const questionKey = spec.questionKey ?? questionSlug(question);
  const subject = oneLine(spec.subject);
  const location = locationFields({ subjectKey: spec.subjectKey, questionKey });
  const seo: Record<SeoField, string[]> = {
    title: [`  title: ${seoTitle(subject)}`],
    page_description: folded('page_description', DESCRIPTION_PLACEHOLDER, '  '),
    page_keywords: folded('page_keywords', KEYWORDS_PLACEHOLDER, '  '),
  };
  const entries: Record<Exclude<FieldName, FixedField>, string[]> = {
    id: [`id: ${spec.id}`],
    date: [`date: ${spec.date}`],
    title: folded('title', question),
    article_title: folded('article_title', question),
    seo: ['seo:', ...SEO_FIELDS.flatMap((key) => seo[key])],
    question: folded('question', question),
    answer: folded('answer', ''),
    subject: [`subject: ${subject}`],
    file_name: [`file_name: ${location.file_name}`],
    url: [`url: ${location.url}`],
    score: ['score: -1.0'],
  };
  const fields = FIELD_ORDER.flatMap((key) => (isFixedField(key) ? [`${key}: ${FIXED_VALUES[key]}`] : entries[key]));
  const lines = ['---', ...fields, '---', '', '&nbsp;'];
  const answerLine = lines.indexOf('answer: >-') + 1;
  return { questionKey, text: lines.join('\n'), cursor: { line: answerLine, character: 4 } };
}

/** Today's date as `YYYY-MM-DD` in local time (what the author's calendar says). */
export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A subject folder's display name: the name most of its articles use, else one made from the folder key. */
export function subjectName(corpus: Corpus, subjectKey: string): string {
  const names = [...corpus.subjectNamesIn(subjectKey)].filter(([name]) => subjectSlug(name) === subjectKey).sort((a, b) => b[1] - a[1]);
  if (names.length > 0) return names[0][0];
  return subjectKey
    .split('-')
    .map((w, i) => (i > 0 && ['and', 'or', 'of', 'the', 'in'].includes(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/**
 * The subject folders of a corpus with their display names, sorted by name; with the site's subject list known,
 * whether each is published hidden.
 */
export function subjectsOf(corpus: Corpus): { key: string; name: string; hidden?: boolean }[] {
  const keys = new Set<string>();
  for (const a of corpus.articles()) keys.add(a.subjectKey);
  const list = corpus.site?.subjects;
  return [...keys]
    .map((key) => ({ key, name: subjectName(corpus, key), ...(list ? { hidden: !list.lists(key) } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export type NewArticlePlan =
  /** `notice`: what the author should know about where it is published (its subject folder is published hidden). */
  | { ok: true; path: string; article: NewArticle; notice?: string }
  | { ok: false; reason: 'empty' | 'exists' | 'collision'; message: string; existing?: string };

export interface PlanOptions {
  date: string;
  /** Create even when the question-key exists in another subject folder. */
  allowCollision?: boolean;
  /** Whether a file exists (the corpus may not know a file that is not an article yet). */
  exists?: (path: string) => boolean;
}

/** Plans a new article in a corpus: its path and text, or why it should not be created. */
export function planNewArticle(corpus: Corpus, subjectKey: string, question: string, options: PlanOptions): NewArticlePlan {
  const questionKey = questionSlug(oneLine(question));
  if (!questionKey) {
    return { ok: false, reason: 'empty', message: 'Type a question with at least one letter or digit: its file name is made from it.' };
  }
  const path = articlePath(corpus.learnRoot, subjectKey, questionKey);
  if (corpus.get(path) || options.exists?.(path)) {
    return {
      ok: false,
      reason: 'exists',
      message: `${subjectKey}/${questionKey}.md already exists; it was not overwritten.`,
      existing: path,
    };
  }
  const elsewhere = corpus.withKey(questionKey).filter((a) => a.subjectKey !== subjectKey);
  if (elsewhere.length > 0 && !options.allowCollision) {
    const other = elsewhere[0];
    return {
      ok: false,
      reason: 'collision',
      existing: other.path,
      message:
        `Another article already uses the question-key \`${questionKey}\` (in ${other.subjectKey}/). ` +
        `The site resolves a URL whose subject folder lacks the file by its question-key alone, ` +
        `so two articles sharing one make such links ambiguous. Rephrase the question, or create it anyway.`,
    };
  }
  const article = newArticle({
    id: corpus.maxId() + 1,
    date: options.date,
    subject: subjectName(corpus, subjectKey),
    subjectKey,
    question,
    questionKey,
  });
  const notice = hiddenSubjectNote(corpus.site, subjectKey);
  return { ok: true, path, article, ...(notice ? { notice } : {}) };
}
