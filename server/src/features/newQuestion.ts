/** `quicktakes/newQuestionInfo` and `quicktakes/newQuestion`: what the "New Question" command needs from the index. */
import * as fs from 'node:fs';
import { localDate, planNewArticle, subjectsOf } from '../core/authoring/newArticle';
import {
  NEW_QUESTION_INFO_REQUEST,
  NEW_QUESTION_REQUEST,
  type NewQuestionInfo,
  type NewQuestionParams,
  type NewQuestionResult,
} from '../protocol';
import { pathToUri, uriToPath } from '../uri';
import type { Feature } from './context';

export const newQuestionFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(NEW_QUESTION_INFO_REQUEST, async (): Promise<NewQuestionInfo> => {
      await ctx.settled();
      return {
        learnRoots: ctx.project.allCorpora().map((c) => ({ uri: pathToUri(c.learnRoot), nextId: c.maxId() + 1, subjects: subjectsOf(c) })),
      };
    });

    ctx.connection.onRequest(NEW_QUESTION_REQUEST, async (params: NewQuestionParams): Promise<NewQuestionResult> => {
      await ctx.settled();
      const root = uriToPath(params.learnRootUri);
      const corpus = ctx.project.allCorpora().find((c) => c.learnRoot === root);
      if (!corpus) return { error: `${params.learnRootUri} is not an indexed learn folder.` };
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(params.subjectKey)) return { error: `\`${params.subjectKey}\` is not a subject folder name.` };
      const plan = planNewArticle(corpus, params.subjectKey, params.question, {
        date: params.date ?? localDate(),
        allowCollision: params.allowCollision,
        exists: (p) => fs.existsSync(p),
      });
      if (!plan.ok)
        return { error: plan.message, reason: plan.reason, ...(plan.existing ? { existingUri: pathToUri(plan.existing) } : {}) };
      return {
        uri: pathToUri(plan.path),
        text: plan.article.text,
        cursor: plan.article.cursor,
        ...(plan.notice ? { notice: plan.notice } : {}),
      };
    });
  },
};
