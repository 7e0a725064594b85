/** `quicktakes/relatedCandidates` and `quicktakes/insertRelated`: the "Insert Related Article" command. */
import { insertRelated, relatedCandidates } from '../core/authoring/relatedInsert';
import {
  INSERT_RELATED_REQUEST,
  RELATED_CANDIDATES_REQUEST,
  type InsertRelatedParams,
  type InsertRelatedResult,
  type RelatedCandidate,
  type RelatedCandidatesParams,
} from '../protocol';
import { canonicalUrl } from '../core/site/paths';
import { pathToUri, uriToPath } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

export const relatedFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(RELATED_CANDIDATES_REQUEST, (params: RelatedCandidatesParams): RelatedCandidate[] => {
      const current = currentArticle(ctx, params.uri);
      if (!current?.corpus || !current.article) return [];
      return relatedCandidates(current.corpus, { query: params.query, self: current.article, limit: params.limit }).map((a) => ({
        uri: pathToUri(a.path),
        id: a.id,
        title: a.title ?? a.questionKey,
        subject: a.subject,
        url: canonicalUrl(a.subjectKey, a.questionKey),
      }));
    });

    ctx.connection.onRequest(INSERT_RELATED_REQUEST, (params: InsertRelatedParams): InsertRelatedResult => {
      const current = currentArticle(ctx, params.uri);
      const targetPath = uriToPath(params.targetUri);
      const target = targetPath ? current?.corpus?.get(targetPath) : undefined;
      if (!current || !target) return { error: 'The article or the chosen related article is not in the index.' };
      const r = insertRelated(current.text, current.model, target);
      return 'error' in r ? r : { n: r.n, edits: [r.edit] };
    });
  },
};
