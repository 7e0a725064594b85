/**
 * The corpus lists the editor's views show: articles no other article links
 * to, and articles without related links. Written as steps (see slices.ts), as
 * they go over every article of the corpus.
 *
 * "Links to" is what readers follow, as in the corpus health report: a related
 * slot links to the article its `url` leads to.
 */
import type { Article } from '../corpus/article';
import { sortByPath } from '../site/paths';
import type { Corpus } from '../corpus/corpus';
import { inboundLinkSteps } from '../lint/report';

/** Articles per step. */
const STEP = 256;

/** Which articles a list may hold (e.g. not those the project config leaves unchecked). */
export type ArticleFilter = (article: Article) => boolean;

/** Articles no related slot of another article leads to, by path. */
export function* linkedFromNowhereSteps(corpora: readonly Corpus[], include: ArticleFilter = () => true): Generator<void, Article[]> {
  const inbound = yield* inboundLinkSteps(corpora);
  return yield* articlesWhere(corpora, (a) => !inbound.has(a.path) && include(a));
}

/** Articles with no related slot at all, by path. */
export function* withoutRelatedSteps(corpora: readonly Corpus[], include: ArticleFilter = () => true): Generator<void, Article[]> {
  return yield* articlesWhere(corpora, (a) => a.links.length === 0 && include(a));
}

function* articlesWhere(corpora: readonly Corpus[], keep: ArticleFilter): Generator<void, Article[]> {
  const out: Article[] = [];
  let n = 0;
  for (const corpus of corpora) {
    for (const article of corpus.articles()) {
      if (keep(article)) out.push(article);
      if (++n % STEP === 0) yield;
    }
  }
  return sortByPath(out, (a) => a.path);
}
