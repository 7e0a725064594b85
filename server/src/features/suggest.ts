/**
 * Related-article suggestions in the editor: the "Suggest Related Articles"
 * code action and the `quicktakes.suggestRelated` command it runs, which fills
 * the article's empty related slots with the best suggestions (core/authoring/suggest.ts).
 *
 * The suggestion index of a corpus is built lazily (on the first request that
 * needs it), in short slices (`SLICE_MS`) that let other requests through, and then follows the
 * corpus's changes; it lives in the corpus's caches and goes with the corpus.
 * Other features may rank by it: `suggestionIndex(ctx, corpus)` gives the index
 * when it is ready (and starts building it when not).
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { Corpus } from '../core/corpus/corpus';
import { canonicalUrl } from '../core/site/paths';
import { isShownSlot, RELATED_SLOTS } from '../core/site/schema';
import { fillRelatedSlots, SuggestionIndex } from '../core/authoring/suggest';
import { SUGGEST_RELATED_COMMAND, type SuggestRelatedResult } from '../protocol';
import type { Feature, ServerContext } from './context';
import { currentArticle, type CurrentArticle } from './current';
import { IndexSlot } from './indexSlot';

export const SUGGEST_RELATED_KIND = `${CodeActionKind.Refactor}.quicktakes.suggestRelated`;

const SUGGESTION_INDEX = new IndexSlot('suggestion index', (corpus, options) => SuggestionIndex.buildInBatches(corpus, options));

/** The corpus's suggestion index, building it in the background on first use. */
export function whenSuggestionIndex(ctx: ServerContext, corpus: Corpus): Promise<SuggestionIndex> {
  return SUGGESTION_INDEX.when(ctx, corpus);
}

/** The index when it is ready; otherwise undefined (and its build is started). */
export function suggestionIndex(ctx: ServerContext, corpus: Corpus): SuggestionIndex | undefined {
  const index = readySuggestionIndex(corpus);
  if (!index) void whenSuggestionIndex(ctx, corpus).catch(() => undefined);
  return index;
}

/** The index if it is built; never starts a build (for requests that must stay fast, e.g. completion). */
export function readySuggestionIndex(corpus: Corpus): SuggestionIndex | undefined {
  return SUGGESTION_INDEX.ready(corpus);
}

/** Slots 1–5 the article does not use. */
function freeSlots(current: CurrentArticle): number {
  return RELATED_SLOTS - new Set(current.model.related.map((s) => s.n).filter(isShownSlot)).size;
}

/** The code action, for an indexed article with empty related slots (cheap: suggestions are made when it runs). */
export function suggestRelatedAction(ctx: ServerContext, uri: string, current: CurrentArticle): CodeAction | undefined {
  if (!current.article || !current.corpus || !current.model.frontMatter) return undefined;
  const free = freeSlots(current);
  if (free === 0) return undefined;
  suggestionIndex(ctx, current.corpus);
  return {
    title: `Suggest related articles (fill ${free} empty related slot${free === 1 ? '' : 's'})`,
    kind: SUGGEST_RELATED_KIND,
    command: { title: 'Suggest Related Articles', command: SUGGEST_RELATED_COMMAND, arguments: [uri] },
  };
}

async function suggestRelated(ctx: ServerContext, uri: string): Promise<SuggestRelatedResult> {
  const current = currentArticle(ctx, uri);
  if (!current?.article || !current.corpus) return { filled: [], message: 'This file is not an indexed QuickTakes article.' };
  if (!current.model.frontMatter) return { filled: [], message: 'The file has no front matter to add related articles to.' };
  const free = freeSlots(current);
  if (free === 0) return { filled: [], message: `All ${RELATED_SLOTS} related slots are used.` };
  const index = await whenSuggestionIndex(ctx, current.corpus);
  // the article may have changed while the index was built
  const now = currentArticle(ctx, uri);
  if (!now?.article || !now.corpus) return { filled: [], message: 'The article is no longer in the index.' };
  const suggestions = index.suggest(now.article, { limit: freeSlots(now), model: now.model });
  if (suggestions.length === 0)
    return { filled: [], message: 'No related articles to suggest: nothing in the corpus shares its distinctive words.' };
  const { edits, filled } = fillRelatedSlots(now.text, now.model, suggestions);
  const document = ctx.documents.get(uri);
  const applied = await ctx.connection.workspace.applyEdit({
    label: 'Suggest Related Articles',
    edit: document ? { documentChanges: [{ textDocument: { uri, version: document.version }, edits }] } : { changes: { [uri]: edits } },
  });
  if (!applied.applied)
    return { filled: [], message: `The editor did not apply the edit${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
  return {
    filled: filled.map(({ n, article }) => ({
      n,
      id: article.id!,
      url: canonicalUrl(article.subjectKey, article.questionKey),
      title: article.title ?? article.questionKey,
    })),
  };
}

export const suggestFeature: Feature = {
  // the only executeCommandProvider so far: a second feature with commands must merge into this list
  capabilities: { executeCommandProvider: { commands: [SUGGEST_RELATED_COMMAND] } },
  register(ctx) {
    ctx.connection.onExecuteCommand(async (params): Promise<SuggestRelatedResult | null> => {
      if (params.command !== SUGGEST_RELATED_COMMAND) return null;
      const uri = params.arguments?.[0];
      if (typeof uri !== 'string') return { filled: [], message: 'Suggest Related Articles needs the article URI.' };
      try {
        const result = await suggestRelated(ctx, uri);
        if (result.message) void ctx.connection.window.showInformationMessage(`QuickTakes: ${result.message}`);
        return result;
      } catch (e) {
        ctx.connection.console.error(`quicktakes: suggesting related articles failed: ${(e as Error).stack ?? e}`);
        return { filled: [], message: 'Suggesting related articles failed (see the QuickTakes output).' };
      }
    });
  },
};
