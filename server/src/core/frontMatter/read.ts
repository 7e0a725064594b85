/**
 * The one way to read an article's front matter from text: the byte walker
 * (walk.ts) for the regular shape real articles have, the exact parser
 * (parse.ts) for whatever it declines. Both give the same model where the
 * walker answers.
 */
import type { ArticleModel } from './model';
import { parseArticle } from './parse';
import { modelFromText } from './walkModel';

/** The model of an article: the walker when it can, the exact parser otherwise. */
export function readArticleModel(text: string): ArticleModel {
  return modelFromText(text) ?? parseArticle(text);
}
