/** `quicktakes/backlinks`: the related slots of other articles that point at this one. */
import type { Article } from '../core/corpus/article';
import type { Corpus } from '../core/corpus/corpus';
import { BACKLINKS_REQUEST, type BacklinkItem, type BacklinksParams } from '../protocol';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

/** The related slots of the corpus pointing at `target`, by referrer path and slot. */
export function backlinkItems(corpus: Corpus, target: Article): BacklinkItem[] {
  return corpus.backlinks(target).flatMap(({ from, n }) => {
    const link = from.links.find((l) => l.n === n);
    return link ? [{ uri: pathToUri(from.path), n, title: from.title, subject: from.subjectKey, range: link.keyRange }] : [];
  });
}

export const backlinksFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(BACKLINKS_REQUEST, (params: BacklinksParams): BacklinkItem[] => {
      const current = currentArticle(ctx, params.uri);
      if (!current?.article || !current.corpus) return [];
      return backlinkItems(current.corpus, current.article);
    });
  },
};
