/**
 * `quicktakes/lintWorkspace`: every diagnostic of every indexed article and of
 * the site's files beside them, for the "Lint Workspace" command. Works in
 * batches so other requests interleave, and stops when the client cancels.
 */
import { LINT_WORKSPACE_REQUEST, type LintWorkspaceParams, type LintWorkspaceResult } from '../protocol';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import type { CancellationToken } from 'vscode-languageserver/node';

const BATCH = 250;

export const lintWorkspaceFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(
      LINT_WORKSPACE_REQUEST,
      async (_params: LintWorkspaceParams, token: CancellationToken): Promise<LintWorkspaceResult | null> => {
        await ctx.settled();
        const result: LintWorkspaceResult = { files: 0, counts: { error: 0, warning: 0, info: 0, hint: 0 }, problems: [] };
        const corpora = ctx.project.allCorpora();
        const articles = new Set(corpora.flatMap((c) => [...c.articles()].map((a) => a.path)));
        // the site's redirect table and subject list too (they are not counted as articles)
        const siteFiles = corpora.flatMap((c) => c.site?.existing().map((f) => f.path) ?? []);
        const paths = [...articles, ...siteFiles];
        for (let i = 0; i < paths.length; i += BATCH) {
          if (token.isCancellationRequested) return null;
          for (const path of paths.slice(i, i + BATCH)) {
            if (ctx.isIgnored(path)) continue;
            if (articles.has(path)) result.files++;
            const diagnostics = ctx.reported(path);
            if (diagnostics.length === 0) continue;
            for (const d of diagnostics) result.counts[d.severity]++;
            result.problems.push({
              uri: pathToUri(path),
              diagnostics: diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message })),
            });
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return result;
      },
    );
  },
};
