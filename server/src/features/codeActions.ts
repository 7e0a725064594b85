/**
 * Quick fixes for the diagnostics that have an unambiguous fix (core/authoring/fixes.ts),
 * and "fix all in file" as a `source.fixAll.quicktakes` action (also run on save
 * when `editor.codeActionsOnSave` asks for it) and, with several fixes, in the
 * quick-fix menu.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { checkArticle } from '../core/checks';
import { ALL_CODES, applySeverities, type Code, type FixData } from '../core/checks/diagnostics';
import type { Corpus } from '../core/corpus/corpus';
import { redirectFixes } from '../core/authoring/redirects';
import { uriToPath } from '../uri';
import { fixAll, fixesFor, type FixInput } from '../core/authoring/fixes';
import { sameRange } from '../core/authoring/edits';
import { suppressionFixes } from '../core/authoring/suppress';
import type { Feature, ServerContext } from './context';
import { currentArticle } from './current';
import { SUGGEST_RELATED_KIND, suggestRelatedAction } from './suggest';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.quicktakes`;

export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SUGGEST_RELATED_KIND] } },
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
        for (const shown of params.context.diagnostics) {
          if (shown.source !== 'quicktakes') continue;
          // missing fields share the fence's range: the data sent back tells them apart (a client that drops data gets the first)
          const field = (shown.data as FixData | undefined)?.field;
          const d = diagnostics.find(
            (x) => x.code === shown.code && sameRange(x.range, shown.range) && (field === undefined || x.data?.field === field),
          );
          for (const fix of d ? fixesFor(input, d) : []) {
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
      const suggest = wants(SUGGEST_RELATED_KIND) ? suggestRelatedAction(ctx, uri, current) : undefined;
      if (suggest) out.push(suggest);
      return out;
    });
  },
};

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
