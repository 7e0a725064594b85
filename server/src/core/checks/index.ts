/** Every diagnostic (the codes of diagnostics.ts) for one article, in source order. */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import type { ArticleModel } from '../frontMatter/model';
import type { ArticleLocation } from '../site/paths';
import { checkAnswer } from './answer';
import { checkFields } from './fields';
import { checkDuplicateId, checkQuestionDuplicate, checkRelated } from './links';
import { applySuppressions, suppressionMarks } from './suppressions';

/**
 * Diagnostics of the article's own text (no other file involved): its fields and what the site makes of its answer;
 * with the marks of its suppression comments, for `applySuppressions` once the cross-file findings are added.
 */
export function checkOwn(model: ArticleModel, location: ArticleLocation): Diagnostic[] {
  return [...checkFront(model, location), ...checkAnswer(model)];
}

/** `checkOwn` without the answer checks (which lint may run on another thread). */
export function checkFront(model: ArticleModel, location: ArticleLocation): Diagnostic[] {
  const fields = checkFields(model, location);
  return model.suppressions ? [...fields, ...suppressionMarks(model)] : fields;
}

/** Diagnostics that need the corpus (the article's summary is enough). */
export function checkLinks(article: Article, corpus: Corpus): Diagnostic[] {
  if (!article.hasFrontMatter) return [];
  return [...checkDuplicateId(article, corpus), ...checkQuestionDuplicate(article, corpus), ...checkRelated(article, corpus)];
}

/** All diagnostics of an article whose full model is at hand, its suppression comments applied. */
export function checkArticle(article: Article, model: ArticleModel, corpus: Corpus): Diagnostic[] {
  return applySuppressions([...checkOwn(model, article), ...checkLinks(article, corpus)].sort(compareDiagnostics));
}
