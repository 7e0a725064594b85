/**
 * `quicktakes/similarQuestions`: the existing articles asking a question
 * (core/authoring/similar.ts). A corpus's question index is built on the first
 * request, in short slices that let other requests through, and then follows
 * the corpus's changes; it lives in the corpus's caches and goes with it.
 */
import { QuestionIndex } from '../core/authoring/similar';
import { canonicalUrl } from '../core/site/paths';
import { SIMILAR_QUESTIONS_REQUEST, type SimilarQuestionItem, type SimilarQuestionsParams } from '../protocol';
import { pathToUri, uriToPath } from '../uri';
import type { Feature } from './context';
import { IndexSlot } from './indexSlot';

const QUESTION_INDEX = new IndexSlot('question index', (corpus, options) => QuestionIndex.buildInBatches(corpus, options));

export const similarFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(SIMILAR_QUESTIONS_REQUEST, async (params: SimilarQuestionsParams): Promise<SimilarQuestionItem[]> => {
      await ctx.settled();
      const root = params.learnRootUri !== undefined ? uriToPath(params.learnRootUri) : undefined;
      const corpora = ctx.project.allCorpora().filter((c) => root === undefined || c.learnRoot === root);
      const limit = params.limit ?? 5;
      const found = [];
      for (const corpus of corpora) {
        const index = await QUESTION_INDEX.when(ctx, corpus);
        found.push(...index.similar(params.question, { limit, subjectKey: params.subjectKey }));
      }
      return found
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ article, score }) => ({
          uri: pathToUri(article.path),
          id: article.id!,
          title: article.title ?? article.questionKey,
          url: canonicalUrl(article.subjectKey, article.questionKey),
          subject: article.subject,
          score,
        }));
    });
  },
};
