/**
 * `quicktakes/corpusHealth`: the corpus health report (core/lint/report.ts) of every
 * indexed article, for the "Corpus Health" webview. Checks the articles in
 * batches so other requests interleave, and stops when the client cancels.
 */
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { Article } from '../core/corpus/article';
import type { Diagnostic } from '../core/checks/diagnostics';
import { buildReport, type HealthReport } from '../core/lint/report';
import { currentNearDuplicateSteps } from '../core/authoring/similar';
import { inSlices, SliceCancelled, SLICE_MS } from '../core/loading/slices';
import { sortByPath } from '../core/site/paths';
import { CORPUS_HEALTH_REQUEST, type CorpusHealthParams } from '../protocol';
import type { Feature } from './context';

const BATCH = 250;

/** The deepest folder holding every learn folder's workspace (`…/content/learn` → `…`). */
function commonRoot(learnRoots: string[]): string | undefined {
  const parts = learnRoots.map((r) => path.posix.dirname(path.posix.dirname(r)).split('/'));
  if (parts.length === 0) return undefined;
  let n = 0;
  while (parts.every((p) => n < p.length && p[n] === parts[0][n])) n++;
  return parts[0].slice(0, n).join('/') || '/';
}

export const healthFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(
      CORPUS_HEALTH_REQUEST,
      async (_params: CorpusHealthParams, token: CancellationToken): Promise<HealthReport | null> => {
        await ctx.settled();
        const corpora = ctx.project.allCorpora();
        const articles = corpora.flatMap((c) => [...c.articles()]);
        const results: { article: Article; diagnostics: Diagnostic[] }[] = [];
        for (let i = 0; i < articles.length; i += BATCH) {
          if (token.isCancellationRequested) return null;
          for (const article of articles.slice(i, i + BATCH)) {
            // as `quicktakes report` does: ignored articles are not checked, so not counted
            if (ctx.isIgnored(article.path)) continue;
            results.push({ article, diagnostics: ctx.reported(article.path) });
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        const nearDuplicates: Article[][] = [];
        for (const corpus of corpora) {
          try {
            nearDuplicates.push(...(await inSlices(currentNearDuplicateSteps(corpus), SLICE_MS, () => token.isCancellationRequested)));
          } catch (e) {
            if (e instanceof SliceCancelled) return null;
            throw e;
          }
        }
        return buildReport(
          { results: sortByPath(results, (r) => r.article.path), corpora, nearDuplicates },
          { root: commonRoot(corpora.map((c) => c.learnRoot)) },
        );
      },
    );
  },
};
