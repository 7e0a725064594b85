/** `quicktakes/preview`: the site-faithful preview of an article, for the client's webview. */
import { buildPreview } from '../core/answer/preview';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../protocol';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

export const previewFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(PREVIEW_REQUEST, (params: PreviewParams): PreviewResult | null => {
      try {
        const current = currentArticle(ctx, params.uri);
        if (!current) return null;
        const preview = buildPreview(current.model, current.corpus);
        return {
          uri: params.uri,
          ...preview,
          related: preview.related.map(({ target, ...link }) => (target ? { ...link, targetUri: pathToUri(target) } : link)),
        };
      } catch (e) {
        ctx.connection.console.error(`quicktakes: preview of ${params.uri} failed: ${(e as Error).stack ?? e}`);
        return null;
      }
    });
  },
};
