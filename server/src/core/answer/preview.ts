/**
 * What the preview shows for an article, as the site lays it out: the question
 * as heading, "Posted on" and the date in the site's format, the rendered answer
 * and the "Related Questions" links, each resolved against the corpus; and where
 * each part comes from in the file, so the preview scrolls with the editor.
 */
import type { Corpus } from '../corpus/corpus';
import { collapseWhitespace, textOf, type ArticleModel, type Field, type Position, type Range } from '../frontMatter/model';
import { canonicalUrl, locateArticle, parseArticleUrl } from '../site/paths';
import { FIXED_VALUES } from '../site/schema';
import { markedAnswerHtml } from './marks';
import { ScalarSourceMap } from './source';
import { SiteMarkdown } from './view';

export interface PreviewLink {
  /** The N of `related_articleN`. */
  n: number;
  title: string;
  url: string;
  /** Path of the article the site serves at `url` (when the corpus is known and the URL serves). */
  target?: string;
  /** Why the link is broken (a 404 on the site), when it is. */
  broken?: string;
}

export interface ArticlePreview {
  question: string;
  /** `post_on_text` (the site shows it before the date). */
  postOnText: string;
  /** The date formatted by `date_format`, as the site shows it; the raw value when it is not a date. */
  date: string;
  /**
   * The answer as the site renders it, with the answer checks' problems marked (core/answer/marks.ts)
   * and each block's `data-line`: the 0-based line of the answer text it starts on.
   */
  answerHtml: string;
  /** How many lines the answer text has (the site's Markdown, each `\n` a line break, as the answer document shows it). */
  answerLines: number;
  related: PreviewLink[];
  /** Where the parts come from in the file. */
  source: PreviewSource;
}

/** Where the preview's parts are in the article file (whole-file positions). */
export interface PreviewSource {
  /**
   * Where each line of the answer text begins, and where the answer's value ends; absent without an
   * answer text. An answer written on one YAML line has all its lines there, at increasing columns.
   */
  answer?: { lines: Position[]; end: Position };
  /** Each related slot shown, in the order shown: from its `related_articleN` key to the end of its value. */
  related: Range[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Formats `YYYY-MM-DD` with Moment-style tokens (`MMM DD, YYYY` → `Jan 28, 2025`). */
export function formatSiteDate(date: string, format: string = FIXED_VALUES.date_format): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return date;
  const [, y, mm, dd] = m;
  const tokens: Record<string, string> = {
    YYYY: y,
    YY: y.slice(2),
    MMMM: MONTHS[month - 1],
    MMM: MONTHS[month - 1].slice(0, 3),
    MM: mm,
    M: String(month),
    DD: dd,
    D: String(Number(dd)),
  };
  return format.replace(/YYYY|YY|MMMM|MMM|MM|M|DD|D/g, (t) => tokens[t]);
}

function fieldText(model: ArticleModel, key: string): string | undefined {
  const t = textOf(model.fields.get(key));
  return t === undefined ? undefined : collapseWhitespace(t);
}

/**
 * The article a site URL (`/learn/<subject>/questions/<question>`) shows, as a path, or why the site answers 404;
 * neither when there is no corpus to look in.
 */
export function resolveSiteUrl(url: string, corpus: Corpus | undefined): { target?: string; broken?: string } {
  if (!url) return { broken: 'The link has no URL.' };
  if (!parseArticleUrl(url)) return { broken: `\`${url}\` is not a /learn/<subject>/questions/<question> URL.` };
  if (!corpus) return {};
  const resolved = corpus.resolveUrl(url);
  if (resolved.kind === 'broken') return { broken: `No article has the question-key of \`${url}\`: the site answers 404.` };
  const target = resolved.kind === 'exact' ? resolved.article : (resolved.article ?? resolved.candidates[0]);
  return { target: target.path };
}

/** A related slot's link as the site renders it, resolved against the corpus when there is one. */
function previewLink(n: number, title: string, url: string, corpus: Corpus | undefined): PreviewLink {
  if (!url) return { n, title, url, broken: 'The related article has no `url`.' };
  return { n, title, url, ...resolveSiteUrl(url, corpus) };
}

/** The address of an article's page on the site, from where its file is (`/learn/<subject>/questions/<question>`). */
export function pageUrlOf(path: string): string | undefined {
  const at = locateArticle(path);
  return at && canonicalUrl(at.subjectKey, at.questionKey);
}

/** Where each line of the answer text begins in the file, through the YAML value's source map. */
function answerSource(field: Field | undefined, markdown: SiteMarkdown): PreviewSource['answer'] {
  if (!field || field.value.kind !== 'scalar') return undefined;
  const map = ScalarSourceMap.of(field);
  const md = markdown.markdown;
  const starts = [0];
  for (let i = md.indexOf('\n'); i !== -1; i = md.indexOf('\n', i + 1)) starts.push(i + 1);
  const lines = starts.map((start) => {
    const value = markdown.toAnswer(start);
    return map.range(value, value).start;
  });
  return { lines, end: field.valueRange.end };
}

/** The preview of an article's model; links are resolved only when its corpus is given. */
export function buildPreview(model: ArticleModel, corpus?: Corpus): ArticlePreview {
  const date = fieldText(model, 'date') ?? '';
  const slots = [...model.related].sort((a, b) => a.n - b.n).filter((slot) => slot.field.value.kind === 'map');
  const related = slots.map((slot) => {
    const title = textOf(slot.title);
    return previewLink(slot.n, title === undefined ? '' : collapseWhitespace(title), textOf(slot.url)?.trim() ?? '', corpus);
  });
  const answerField = model.fields.get('answer');
  const answer = textOf(answerField) ?? '';
  const markdown = new SiteMarkdown(answer);
  return {
    question: fieldText(model, 'question') ?? fieldText(model, 'article_title') ?? fieldText(model, 'title') ?? '',
    postOnText: fieldText(model, 'post_on_text') ?? FIXED_VALUES.post_on_text,
    date: formatSiteDate(date, fieldText(model, 'date_format')),
    answerHtml: markedAnswerHtml(answer),
    answerLines: markdown.markdown.split('\n').length,
    related,
    source: {
      answer: answerSource(answerField, markdown),
      related: slots.map((slot) => ({ start: slot.field.keyRange.start, end: slot.field.valueRange.end })),
    },
  };
}
