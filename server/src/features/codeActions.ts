/**
 * Quick fixes for the diagnostics that have an unambiguous fix (core/authoring/fixes.ts),
 * and "fix all in file" as a `source.fixAll.quicktakes` action (also run on save
 * when `editor.codeActionsOnSave` asks for it) and, with several fixes, in the
 * quick-fix menu. A related slot that leads nowhere (its article deleted) can be
 * removed or pointed at the best suggestion (when the suggestion index is ready).
 * On the article's `title`: updating the title of every related slot that links
 * to it (core/authoring/retitle.ts).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Range } from 'vscode-languageserver/node';
import { checkArticle } from '../core/checks';
import { ALL_CODES, applySeverities, type Code, type FixData } from '../core/checks/diagnostics';
import { fixAll, fixesFor, replaceOrphanSlot, type Fix, type FixInput } from '../core/authoring/fixes';
import { redirectFixes } from '../core/authoring/redirects';
import { retitleEdits } from '../core/authoring/retitle';
import { comparePositions } from '../core/frontMatter/lineIndex';
import type { Article } from '../core/corpus/article';
import type { Corpus } from '../core/corpus/corpus';
import { sameRange } from '../core/authoring/edits';
import { suppressionFixes } from '../core/authoring/suppress';
import type { Feature, ServerContext } from './context';
import { currentArticle, type CurrentArticle } from './current';
import { SUGGEST_RELATED_KIND, suggestionIndex, suggestRelatedAction } from './suggest';
import { pathToUri, uriToPath } from '../uri';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.quicktakes`;
export const RETITLE_KIND = `${CodeActionKind.RefactorRewrite}.quicktakes.retitle`;

export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SUGGEST_RELATED_KIND, RETITLE_KIND] } },
  register(ctx) {
    ctx.connection.onCodeAction((params): CodeAction[] => {
      const uri = params.textDocument.uri;
      const path = uriToPath(uri);
      const site = path && ctx.isIndexed() ? ctx.project.siteFileOf(path) : undefined;
      if (site) return siteFileActions(ctx, params, site.corpus);
      const current = currentArticle(ctx, uri);
      if (!current?.article || !current.corpus) return [];
      const input: FixInput = { text: current.text, model: current.model, article: current.article, corpus: current.corpus };
      // an ignored article shows no problems, so nothing offers to fix them (fix all on save included)
      const ignored = ctx.isIgnored(current.article.path);
      const diagnostics = ignored
        ? []
        : applySeverities(checkArticle(current.article, current.model, current.corpus), ctx.settings(current.article.path).severity);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const out: CodeAction[] = [];
      // offered after the fixes and "fix all", which they do not count in
      const suppress: CodeAction[] = [];

      if (wants(CodeActionKind.QuickFix)) {
        let replacement: Article | undefined | null = null; // the best suggestion, looked up once
        const bestSuggestion = () => (replacement === null ? (replacement = bestSuggestionFor(ctx, current)) : replacement);
        const offered = new Set<string>(); // the id and url of one orphan slot are two diagnostics with the same fixes
        for (const shown of params.context.diagnostics) {
          if (shown.source !== 'quicktakes') continue;
          // missing fields share the fence's range: the data sent back tells them apart (a client that drops data gets the first)
          const field = (shown.data as FixData | undefined)?.field;
          const d = diagnostics.find(
            (x) => x.code === shown.code && sameRange(x.range, shown.range) && (field === undefined || x.data?.field === field),
          );
          const fixes: Fix[] = d ? fixesFor(input, d) : [];
          if (d && ORPHAN_CODES.has(d.code) && fixes.some((f) => f.removesSlot !== undefined)) {
            const best = bestSuggestion();
            const replace = best && replaceOrphanSlot(input, d, best);
            if (replace) fixes.push(replace);
          }
          for (const fix of fixes) {
            const key = JSON.stringify([fix.title, fix.edits]);
            if (offered.has(key)) continue;
            offered.add(key);
            out.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [shown],
              isPreferred: fix.preferred,
              edit: { changes: { [uri]: fix.edits } },
            });
          }
          for (const fix of d ? suppressionFixes(input.text, input.model, d) : []) {
            suppress.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [shown],
              edit: { changes: { [uri]: fix.edits } },
            });
          }
        }
      }
      const quickFixes = out.length;
      const severity = ctx.settings(current.article.path).severity;
      const codes = new Set(ALL_CODES.filter((c) => severity[c] !== 'off'));
      const all = wants(FIX_ALL_KIND) || quickFixes > 0 ? fixAll(input, diagnostics, { codes }) : undefined;
      if (all && all.edits.length > 0) {
        const title = `Fix all QuickTakes problems in this file (${all.fixed.length})`;
        const edit = { changes: { [uri]: all.edits } };
        if (wants(FIX_ALL_KIND)) out.push({ title, kind: FIX_ALL_KIND, edit });
        if (quickFixes > 0 && all.fixed.length > 1) out.push({ title, kind: CodeActionKind.QuickFix, edit });
      }
      out.push(...suppress);
      const retitle = wants(RETITLE_KIND) ? retitleAction(ctx, current, params.range) : undefined;
      if (retitle) out.push(retitle);
      const suggest = wants(SUGGEST_RELATED_KIND) ? suggestRelatedAction(ctx, uri, current) : undefined;
      if (suggest) out.push(suggest);
      return out;
    });
  },
};

/** The codes of a related slot that may lead nowhere (its article deleted). */
const ORPHAN_CODES = new Set(['related-broken-url', 'related-unknown-id']);

/** The best related article to suggest for the current one, if the suggestion index is ready (it starts building otherwise). */
function bestSuggestionFor(ctx: ServerContext, current: CurrentArticle): Article | undefined {
  const index = current.corpus && suggestionIndex(ctx, current.corpus);
  return index && current.article ? index.suggest(current.article, { limit: 1, model: current.model })[0]?.article : undefined;
}

/** On the article's `title`: the title of every related slot linking to it set to it, when some differ. */
function retitleAction(ctx: ServerContext, current: CurrentArticle, range: Range): CodeAction | undefined {
  const title = current.model.fields.get('title');
  if (!title || !current.article || !current.corpus) return undefined;
  const end = comparePositions(title.valueRange.end, title.keyRange.end) > 0 ? title.valueRange.end : title.keyRange.end;
  if (comparePositions(range.end, title.keyRange.start) < 0 || comparePositions(range.start, end) > 0) return undefined;
  const edits = retitleEdits(current.corpus, current.article, ctx.textOf);
  if (edits.size === 0) return undefined;
  return {
    title: `Update the title in ${edits.size === 1 ? '1 article that links' : `${edits.size} articles that link`} here`,
    kind: RETITLE_KIND,
    edit: { changes: Object.fromEntries([...edits].map(([path, e]) => [pathToUri(path), e])) },
  };
}

/** The quick fixes of the redirect table's diagnostics (authoring/redirects.ts), on the text the editor has. */
function siteFileActions(ctx: ServerContext, params: CodeActionParams, corpus: Corpus): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const uri = params.textDocument.uri;
  const text = ctx.documents.get(uri)?.getText();
  if (text === undefined) return [];
  return params.context.diagnostics.flatMap((shown) => {
    if (shown.source !== 'quicktakes' || typeof shown.code !== 'string') return [];
    const d = { code: shown.code as Code, severity: 'warning' as const, message: shown.message, range: shown.range };
    return redirectFixes(text, d, corpus).map((fix) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [shown],
      isPreferred: fix.preferred,
      edit: { changes: { [uri]: fix.edits } },
    }));
  });
}
