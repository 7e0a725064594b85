/** Every diagnostic (the codes of diagnostics.ts) for one article, in source order. */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import type { ArticleModel } from '../frontMatter/model';
import type { ArticleLocation } from '../site/paths';
import { checkAnswer } from './answer';
import { checkFields } from './fields';
import { checkDuplicateId, checkRelated } from './links';

/** Diagnostics of the article's own text (no other file involved): its fields and what the site makes of its answer. */
export function checkOwn(model: ArticleModel, location: ArticleLocation): Diagnostic[] {
  return [...checkFields(model, location), ...checkAnswer(model)];
}

/** Diagnostics that need the corpus (the article's summary is enough). */
export function checkLinks(article: Article, corpus: Corpus): Diagnostic[] {
  if (!article.hasFrontMatter) return [];
  return [...checkDuplicateId(article, corpus), ...checkRelated(article, corpus)];
}

/** All diagnostics of an article whose full model is at hand. */
export function checkArticle(article: Article, model: ArticleModel, corpus: Corpus): Diagnostic[] {
  return [...checkOwn(model, article), ...checkLinks(article, corpus)].sort(compareDiagnostics);
}
