/**
 * `quicktakes/preview`: the site-faithful preview of an article, for the client's
 * webview; with the answer document's unsaved text in place of the answer when given.
 * `quicktakes/resolveLink`: the article a site link in an answer points at.
 */
import { setAnswerText } from '../core/answer/document';
import { buildPreview, pageUrlOf, resolveSiteUrl } from '../core/answer/preview';
import { applyEdits } from '../core/authoring/edits';
import type { ArticleModel } from '../core/frontMatter/model';
import { readArticleModel } from '../core/frontMatter/read';
import {
  PREVIEW_REQUEST,
  RESOLVE_LINK_REQUEST,
  type PreviewParams,
  type PreviewResult,
  type ResolveLinkParams,
  type ResolveLinkResult,
} from '../protocol';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

export const previewFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(PREVIEW_REQUEST, (params: PreviewParams): PreviewResult | null => {
      try {
        const current = currentArticle(ctx, params.uri);
        if (!current) return null;
        const edited = withAnswer(current.text, params.answerText);
        const { source, ...preview } = buildPreview(edited ?? current.model, current.corpus);
        return {
          uri: params.uri,
          ...preview,
          related: preview.related.map(({ target, ...link }) => (target ? { ...link, targetUri: pathToUri(target) } : link)),
          pageUrl: pageUrlOf(current.path),
          // positions in an edited text are not the article's
          ...(edited ? {} : { source }),
        };
      } catch (e) {
        ctx.connection.console.error(`quicktakes: preview of ${params.uri} failed: ${(e as Error).stack ?? e}`);
        return null;
      }
    });

    ctx.connection.onRequest(RESOLVE_LINK_REQUEST, (params: ResolveLinkParams): ResolveLinkResult | null => {
      const corpus = currentArticle(ctx, params.uri)?.corpus;
      if (!corpus) return null;
      const { target, broken } = resolveSiteUrl(params.url, corpus);
      return target ? { targetUri: pathToUri(target) } : { broken: broken ?? `No article is served at \`${params.url}\`.` };
    });
  },
};

/** The article's model with its answer reading as `text`; undefined when none is given or it cannot be written. */
function withAnswer(fileText: string, text: string | undefined): ArticleModel | undefined {
  if (text === undefined) return undefined;
  const set = setAnswerText(fileText, text);
  return set.ok && set.edits.length > 0 ? readArticleModel(applyEdits(fileText, set.edits)) : undefined;
}
