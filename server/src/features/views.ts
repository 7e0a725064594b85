/**
 * The data of the editor's live views: `quicktakes/articleLinks` (Linked From
 * and Links of one article), `quicktakes/corpusList` (articles linked from
 * nowhere, without related links, with problems of a code) and
 * `quicktakes/problemCodes`; and `quicktakes/corpusChanged`, which tells the
 * client to ask again. Corpus-wide work runs in slices (see slices.ts).
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { Article } from '../core/corpus/article';
import { ALL_CODES, type Code } from '../core/checks/diagnostics';
import { inSlices, SLICE_MS, SliceCancelled } from '../core/loading/slices';
import { linkedFromNowhereSteps, withoutRelatedSteps } from '../core/views/lists';
import { ProblemTally } from '../core/views/problems';
import { slotStatuses } from '../core/views/slots';
import {
  ARTICLE_LINKS_REQUEST,
  CORPUS_CHANGED_NOTIFICATION,
  CORPUS_LIST_LIMIT,
  CORPUS_LIST_REQUEST,
  PROBLEM_CODES_REQUEST,
  type ArticleLinks,
  type ArticleLinksParams,
  type CorpusList,
  type CorpusListParams,
  type ListedArticle,
  type ProblemCodes,
  type ProblemCodesParams,
} from '../protocol';
import { pathToUri } from '../uri';
import { backlinkItems } from './backlinks';
import type { Feature, ServerContext } from './context';
import { currentArticle } from './current';

/** Quiet time after a change before the client is told: a burst of changes (a checkout, typing) is one notification. */
const NOTIFY_DELAY_MS = 250;

/**
 * Tells the client once per burst of changes, and only once the index holds
 * them all (file events of a checkout arrive in batches, applied one after another).
 */
class ChangeNotifier {
  private version = 0;
  /** Bumped per change: a flush that sees it moved waits for the newer one. */
  private changes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: ServerContext) {}

  changed(): void {
    this.changes++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), NOTIFY_DELAY_MS);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const seen = this.changes;
    await this.ctx.settled();
    if (seen !== this.changes) return; // a newer change re-armed the timer
    try {
      await this.ctx.connection.sendNotification(CORPUS_CHANGED_NOTIFICATION, { version: ++this.version });
    } catch {
      // the connection is gone (shutdown): nobody to tell
    }
  }
}

function listed(article: Article): ListedArticle {
  return { uri: pathToUri(article.path), title: article.title, subject: article.subjectKey, id: article.id };
}

const limitOf = (params: { limit?: unknown }) =>
  typeof params.limit === 'number' && params.limit >= 1 ? Math.floor(params.limit) : CORPUS_LIST_LIMIT;
const LISTS = { linkedFromNowhere: linkedFromNowhereSteps, withoutRelated: withoutRelatedSteps };

export const viewsFeature: Feature = {
  register(ctx) {
    const notifier = new ChangeNotifier(ctx);
    const problems = new ProblemTally();
    const allPaths = () => ctx.project.allCorpora().flatMap((c) => [...c.articles()].map((a) => a.path));
    ctx.onCorpusChanged((affected) => {
      if (affected === 'all') problems.forgetAll();
      else problems.forget(affected);
      notifier.changed();
    });

    /** Runs corpus-wide work (in slices); `null` when the client cancelled meanwhile. */
    async function unlessCancelled<T>(token: CancellationToken, run: (isCancelled: () => boolean) => Promise<T>): Promise<T | null> {
      try {
        const result = await run(() => token.isCancellationRequested);
        return token.isCancellationRequested ? null : result;
      } catch (e) {
        if (e instanceof SliceCancelled) return null;
        throw e;
      }
    }
    // one tally for every request: a request cancelled meanwhile does not stop it
    const refreshProblems = () => problems.refresh(allPaths, (p) => ctx.reported(p));

    ctx.connection.onRequest(ARTICLE_LINKS_REQUEST, async (params: ArticleLinksParams): Promise<ArticleLinks | null> => {
      await ctx.settled();
      if (!ctx.isIndexed()) return { indexing: true, linkedFrom: [], links: [] };
      const current = currentArticle(ctx, params.uri);
      if (!current?.article || !current.corpus) return null;
      const { article, corpus } = current;
      return {
        indexing: false,
        title: article.title,
        linkedFrom: backlinkItems(corpus, article),
        links: slotStatuses(current.model, corpus, ctx.reported(current.path)).map((s) => ({
          n: s.slot.n,
          range: s.slot.field.keyRange,
          ...(s.title !== undefined ? { title: s.title } : {}),
          ...(s.url !== undefined ? { url: s.url } : {}),
          ...(s.target ? { target: { uri: pathToUri(s.target.path), title: s.target.title } } : {}),
          problems: s.problems.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
        })),
      };
    });

    ctx.connection.onRequest(
      CORPUS_LIST_REQUEST,
      async (params: CorpusListParams, token: CancellationToken): Promise<CorpusList | null> => {
        await ctx.settled();
        if (!ctx.isIndexed()) return { indexing: true, total: 0, articles: [] };
        const limit = limitOf(params);
        if (params.list === 'problem') {
          const code = params.code as Code;
          if (!ALL_CODES.includes(code)) throw new Error(`\`${params.code}\` is not a diagnostic code.`);
          const found = await unlessCancelled(token, () => refreshProblems().then(() => problems.articles(code)));
          if (!found) return null;
          const articles = found.slice(0, limit).flatMap(({ path, problem }) => {
            const article = ctx.project.article(path);
            return article ? [{ ...listed(article), count: problem.count, range: problem.range }] : [];
          });
          return { indexing: false, total: found.length, articles };
        }
        const corpora = ctx.project.allCorpora();
        const include = (a: Article) => !ctx.isIgnored(a.path);
        if (!Object.hasOwn(LISTS, params.list)) throw new Error(`\`${String(params.list)}\` is not a corpus list.`);
        const steps = LISTS[params.list](corpora, include);
        const found = await unlessCancelled(token, (isCancelled) => inSlices(steps, SLICE_MS, isCancelled));
        return found && { indexing: false, total: found.length, articles: found.slice(0, limit).map(listed) };
      },
    );

    ctx.connection.onRequest(
      PROBLEM_CODES_REQUEST,
      async (_params: ProblemCodesParams, token: CancellationToken): Promise<ProblemCodes | null> => {
        await ctx.settled();
        if (!ctx.isIndexed()) return { indexing: true, codes: [] };
        return unlessCancelled(token, () => refreshProblems().then(() => ({ indexing: false, codes: problems.codes() })));
      },
    );
  },
};
