/** Comparing index summaries as plain data (the bulk loader's links keep their ranges behind getters). */
import { articleFromText, plainLink, type Article } from '../../server/src/core/article';
import type { ArticleLocation } from '../../server/src/core/paths';

export function plainArticle(a: Article): unknown {
  return JSON.parse(JSON.stringify({ ...a, links: a.links.map(plainLink) }));
}

/** The summary the exact path gives: `summarize(readArticleModel(text))`, BOM stripped. */
export function referenceSummary(location: ArticleLocation, text: string): unknown {
  return plainArticle(articleFromText(location, text, false));
}
