/** Completion: related articles in a slot, a new slot, subject values (core/authoring/complete.ts), with answer excerpts on resolve. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import { complete, relevanceOf, type CompletionEntry, type Relevance } from '../core/authoring/complete';
import { answerExcerpt, escapeMarkdown } from '../core/answer/excerpt';
import { isSearchReady, prepareSearchInSlices } from '../core/authoring/search';
import { CacheKey } from '../core/corpus/caches';
import type { Corpus } from '../core/corpus/corpus';
import { uriToPath } from '../uri';
import type { Feature, ServerContext } from './context';
import { currentArticle, type CurrentArticle } from './current';
import { readySuggestionIndex } from './suggest';

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  article: CompletionItemKind.Reference,
  slot: CompletionItemKind.Property,
  subject: CompletionItemKind.Value,
};

interface ItemData {
  target: string;
}

export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: [' '], resolveProvider: true } },
  register(ctx) {
    ctx.connection.onCompletion(async (params): Promise<CompletionList | null> => {
      let current = currentArticle(ctx, params.textDocument.uri);
      if (!current?.article || !current.corpus) return null;
      if (!isSearchReady(current.corpus)) {
        // the first completion after indexing waits for the search index (built in slices: other requests go on)
        await prepareSearchInSlices(current.corpus).catch(() => undefined);
        current = currentArticle(ctx, params.textDocument.uri);
        if (!current?.article || !current.corpus) return null;
      }
      const relevance = relevanceFor(ctx, current);
      const list = complete(
        { text: current.text, model: current.model, article: current.article, corpus: current.corpus, relevance },
        params.position,
      );
      return list ? { isIncomplete: list.isIncomplete, items: list.items.map(toItem) } : null;
    });

    ctx.connection.onCompletionResolve((item): CompletionItem => {
      const data = item.data as ItemData | undefined;
      if (!data?.target) return item;
      const excerpt = answerExcerpt(ctx.textOf(data.target));
      if (excerpt) item.documentation = { kind: MarkupKind.Markdown, value: `**${escapeMarkdown(item.label)}**\n\n${excerpt}` };
      return item;
    });

    // the first completion would otherwise pay for building the search index: built in slices
    // when an article is opened, or when the index is ready with articles open
    ctx.documents.onDidOpen((e) => setImmediate(() => warm(ctx, e.document.uri)));
    ctx.onIndexed(() => ctx.documents.all().forEach((d) => warm(ctx, d.uri)));
  },
};

interface RelevanceEntry {
  key: string;
  relevance?: Relevance;
}

/** Per article of a corpus: its relevance map while its question stays the same (typing in a slot does not change it). */
export const COMPLETION_RELEVANCE = new CacheKey<Map<string, RelevanceEntry>, Corpus>('completion relevance', () => new Map());

/**
 * Suggestion relevance (core/authoring/suggest.ts) to rank related articles by. Never on the
 * request's path: a miss answers without it and computes it in the background
 * (in short slices, starting once this reply has been written), so the next
 * keystroke (completion lists are incomplete) ranks by it.
 */
function relevanceFor(ctx: ServerContext, current: CurrentArticle): Relevance | undefined {
  const { article, corpus, model } = current;
  if (!article || !corpus) return undefined;
  // built by then if the author has clicked into an article (code actions start it); completion never waits for it
  const index = readySuggestionIndex(corpus);
  if (!index) return undefined;
  const key = article.title ?? '';
  const relevanceCache = corpus.caches.get(COMPLETION_RELEVANCE);
  const cached = relevanceCache.get(article.path);
  if (cached?.key === key) return cached.relevance;
  const entry: RelevanceEntry = { key };
  relevanceCache.set(article.path, entry);
  afterReply(() => {
    if (relevanceCache.get(article.path) !== entry) return; // superseded
    index.relevanceInSlices(article, model).then(
      (scores) => (entry.relevance = relevanceOf(scores)),
      () => relevanceCache.get(article.path) === entry && relevanceCache.delete(article.path),
    );
  });
  return undefined;
}

/**
 * Runs `work` after the reply of the request being handled is written: the
 * connection writes from a `setImmediate` queued after the handler returns,
 * so work queued from the handler with one `setImmediate` would run first.
 */
function afterReply(work: () => void): void {
  setImmediate(() => setImmediate(work));
}

function toItem(e: CompletionEntry, i: number): CompletionItem {
  return {
    label: e.label,
    kind: KIND[e.kind],
    detail: e.detail,
    labelDetails: e.description ? { description: e.description } : undefined,
    filterText: e.filterText,
    sortText: e.sortText,
    preselect: e.preselect || (i === 0 && e.kind === 'article') || undefined,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: e.edit,
    additionalTextEdits: e.additionalEdits.length > 0 ? e.additionalEdits : undefined,
    command: e.retrigger ? { title: 'Choose the related article', command: 'editor.action.triggerSuggest' } : undefined,
    data: e.target ? ({ target: e.target } satisfies ItemData) : undefined,
  };
}

function warm(ctx: ServerContext, uri: string): void {
  const path = uriToPath(uri);
  const corpus = path && ctx.isIndexed() ? ctx.project.corpusOf(path) : undefined;
  if (corpus) void prepareSearchInSlices(corpus);
}
