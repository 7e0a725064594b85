/**
 * The article behind a URI for custom requests: the open buffer when there is
 * one, else the file on disk; with its corpus when it is indexed.
 */
import type { Article } from '../core/corpus/article';
import type { Corpus } from '../core/corpus/corpus';
import type { ArticleModel } from '../core/frontMatter/model';
import { readArticleModel } from '../core/frontMatter/read';
import { readArticleText } from '../core/loading/workspace';
import { uriToPath } from '../uri';
import type { ServerContext } from './context';

export interface CurrentArticle {
  path: string;
  text: string;
  model: ArticleModel;
  /** The index summary, when the article is indexed. */
  article?: Article;
  corpus?: Corpus;
}

export function currentArticle(ctx: ServerContext, uri: string): CurrentArticle | undefined {
  const path = uriToPath(uri);
  const document = ctx.documents.get(uri);
  if (!path && !document) return undefined;
  // the site's own files (its redirect table, a .js module) are open too, but are no article
  if (path && !path.endsWith('.md')) return undefined;
  const text = document ? document.getText() : readArticleText(path!);
  if (!document && text === '') return undefined;
  const open = ctx.articleOf(uri);
  const corpus = path && ctx.isIndexed() ? ctx.project.corpusOf(path) : undefined;
  return {
    path: path ?? uri,
    text,
    model: open?.model ?? readArticleModel(text),
    article: open?.article ?? (corpus && path ? ctx.project.article(path) : undefined),
    corpus,
  };
}
