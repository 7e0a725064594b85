/**
 * `quicktakes/similarQuestions`: the existing articles asking a question
 * (core/authoring/similar.ts). A corpus's question index is built on the first
 * request, in short slices that let other requests through, and then follows
 * the corpus's changes; it lives in the corpus's caches and goes with it.
 */
import { CacheKey } from '../core/corpus/caches';
import type { Corpus } from '../core/corpus/corpus';
import { QuestionIndex } from '../core/authoring/similar';
import { canonicalUrl } from '../core/site/paths';
import { SIMILAR_QUESTIONS_REQUEST, type SimilarQuestionItem, type SimilarQuestionsParams } from '../protocol';
import { pathToUri, uriToPath } from '../uri';
import type { Feature, ServerContext } from './context';

/** A corpus's question index: the build in progress, then the index. */
class QuestionSlot {
  building?: Promise<QuestionIndex>;
  disposed = false;

  dispose(): void {
    this.disposed = true; // a build in progress stops at its next slice
    void this.building?.then((index) => index.dispose()).catch(() => undefined);
  }
}

const QUESTION_INDEX = new CacheKey<QuestionSlot, Corpus>(
  'question index',
  () => new QuestionSlot(),
  (slot) => slot.dispose(),
);

function whenQuestionIndex(ctx: ServerContext, corpus: Corpus): Promise<QuestionIndex> {
  const slot = corpus.caches.get(QUESTION_INDEX);
  if (!slot.building) {
    const started = Date.now();
    const isCancelled = () => slot.disposed || !ctx.project.allCorpora().includes(corpus);
    const building = QuestionIndex.buildInBatches(corpus, { isCancelled }).then((index) => {
      ctx.connection.console.info(`quicktakes: question index of ${index.size} articles built in ${Date.now() - started} ms`);
      return index;
    });
    // a cancelled build may start again
    building.catch(() => slot.building === building && (slot.building = undefined));
    slot.building = building;
  }
  return slot.building;
}

export const similarFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(SIMILAR_QUESTIONS_REQUEST, async (params: SimilarQuestionsParams): Promise<SimilarQuestionItem[]> => {
      await ctx.settled();
      const root = params.learnRootUri !== undefined ? uriToPath(params.learnRootUri) : undefined;
      const corpora = ctx.project.allCorpora().filter((c) => root === undefined || c.learnRoot === root);
      const limit = params.limit ?? 5;
      const found = [];
      for (const corpus of corpora) {
        const index = await whenQuestionIndex(ctx, corpus);
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
