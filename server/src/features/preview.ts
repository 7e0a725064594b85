/**
 * `quicktakes/preview`: the site-faithful preview of an article, for the client's
 * webview; with the answer document's unsaved text in place of the answer when given.
 */
import { setAnswerText } from '../core/answer/document';
import { buildPreview } from '../core/answer/preview';
import { applyEdits } from '../core/authoring/edits';
import type { ArticleModel } from '../core/frontMatter/model';
import { readArticleModel } from '../core/frontMatter/read';
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
        const preview = buildPreview(withAnswer(current.text, params.answerText) ?? current.model, current.corpus);
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

/** The article's model with its answer reading as `text`; undefined when none is given or it cannot be written. */
function withAnswer(fileText: string, text: string | undefined): ArticleModel | undefined {
  if (text === undefined) return undefined;
  const set = setAnswerText(fileText, text);
  return set.ok && set.edits.length > 0 ? readArticleModel(applyEdits(fileText, set.edits)) : undefined;
}
