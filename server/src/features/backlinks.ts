/** `quicktakes/backlinks`: the related slots of other articles that point at this one. */
import { BACKLINKS_REQUEST, type BacklinkItem, type BacklinksParams } from '../protocol';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

export const backlinksFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(BACKLINKS_REQUEST, (params: BacklinksParams): BacklinkItem[] => {
      const current = currentArticle(ctx, params.uri);
      if (!current?.article || !current.corpus) return [];
      return current.corpus.backlinks(current.article).flatMap(({ from, n }) => {
        const link = from.links.find((l) => l.n === n);
        return link ? [{ uri: pathToUri(from.path), n, title: from.title, range: link.keyRange }] : [];
      });
    });
  },
};
