/**
 * What the preview shows for an article, as the site lays it out: the question
 * as heading, "Posted on" and the date in the site's format, the rendered answer
 * and the "Related Questions" links, each resolved against the corpus.
 */
import type { Corpus } from '../corpus/corpus';
import { collapseWhitespace, textOf, type ArticleModel } from '../frontMatter/model';
import { parseArticleUrl } from '../site/paths';
import { FIXED_VALUES } from '../site/schema';
import { markedAnswerHtml } from './marks';

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
  /** The answer as the site renders it, with the answer checks' problems marked (core/answer/marks.ts). */
  answerHtml: string;
  related: PreviewLink[];
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

/** A related slot's link as the site renders it, resolved against the corpus when there is one. */
function previewLink(n: number, title: string, url: string, corpus: Corpus | undefined): PreviewLink {
  const link: PreviewLink = { n, title, url };
  if (!url) return { ...link, broken: 'The related article has no `url`.' };
  if (!parseArticleUrl(url)) return { ...link, broken: `\`${url}\` is not a /learn/<subject>/questions/<question> URL.` };
  if (!corpus) return link;
  const resolved = corpus.resolveUrl(url);
  if (resolved.kind === 'broken') return { ...link, broken: `No article has the question-key of \`${url}\`: the site answers 404.` };
  const target = resolved.kind === 'exact' ? resolved.article : (resolved.article ?? resolved.candidates[0]);
  return { ...link, target: target.path };
}

/** The preview of an article's model; links are resolved only when its corpus is given. */
export function buildPreview(model: ArticleModel, corpus?: Corpus): ArticlePreview {
  const date = fieldText(model, 'date') ?? '';
  const related = [...model.related]
    .sort((a, b) => a.n - b.n)
    .filter((slot) => slot.field.value.kind === 'map')
    .map((slot) => {
      const title = textOf(slot.title);
      return previewLink(slot.n, title === undefined ? '' : collapseWhitespace(title), textOf(slot.url)?.trim() ?? '', corpus);
    });
  return {
    question: fieldText(model, 'question') ?? fieldText(model, 'article_title') ?? fieldText(model, 'title') ?? '',
    postOnText: fieldText(model, 'post_on_text') ?? FIXED_VALUES.post_on_text,
    date: formatSiteDate(date, fieldText(model, 'date_format')),
    answerHtml: markedAnswerHtml(textOf(model.fields.get('answer')) ?? ''),
    related,
  };
}
