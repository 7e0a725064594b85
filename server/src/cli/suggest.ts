/**
 * `quicktakes suggest <article.md>... [--limit N] [--format text|json]`: related
 * articles for each given article, best first (core/authoring/suggest.ts). One index per
 * learn folder, built once per run while the corpus is read.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, selectPaths } from '../core/lint/lint';
import { canonicalUrl, locateArticle } from '../core/site/paths';
import { documentOf, SuggestionIndex, type SuggestDocument } from '../core/authoring/suggest';
import { loadCorpusSync } from '../core/loading/workspace';
import type { Article } from '../core/corpus/article';
import type { Command } from './main';

export interface SuggestionJson {
  id: number;
  url: string;
  title: string;
  score: number;
}

/** `--format` and `--limit`, checked. */
export function listOptions(values: { format?: string; limit?: string }): { format: 'text' | 'json'; limit: number } {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown --format ${format}; use text or json.`);
  const limit = Number(values.limit ?? '5');
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, found ${values.limit}.`);
  return { format, limit };
}

export function articleJson(a: Article, score: number): SuggestionJson {
  return { id: a.id!, url: canonicalUrl(a.subjectKey, a.questionKey), title: a.title ?? a.questionKey, score };
}

/** The text form: each name, then its articles numbered, best first. */
export function listText(lists: Record<string, SuggestionJson[]>): string {
  const text: string[] = [];
  for (const [name, list] of Object.entries(lists)) {
    text.push(name, ...list.map((s, k) => `  ${k + 1}. ${s.title} (id ${s.id}, score ${s.score.toFixed(2)})\n     ${s.url}`));
    if (list.length === 0) text.push('  (none)');
  }
  return text.join('\n') + '\n';
}

export const suggestCommand: Command = (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { limit: { type: 'string', default: '5' }, format: { type: 'string', default: 'text' } },
  });
  const { format, limit } = listOptions(values);
  if (positionals.length === 0) throw new UsageError('suggest needs at least one article file.');

  const files = positionals.map((p) => path.resolve(io.cwd, p));
  const roots = selectPaths(files);
  if ([...roots.values()].some((sel) => sel.folders.length > 0)) throw new UsageError('suggest takes article files, not folders.');

  const found = new Map<string, SuggestionJson[]>();
  for (const [root, sel] of roots) {
    const docs: SuggestDocument[] = [];
    const corpus = loadCorpusSync(root, (article, model) => docs.push(documentOf(article, model)));
    const index = SuggestionIndex.build(corpus, docs);
    docs.length = 0;
    for (const file of sel.files) {
      const suggestions = index.suggest(corpus.get(file)!, { limit });
      found.set(
        file,
        suggestions.map(({ article, score }) => articleJson(article, score)),
      );
    }
  }

  // each path as given, in the order given
  const out: Record<string, SuggestionJson[]> = {};
  positionals.forEach((name, i) => (out[name] = found.get(locateArticle(files[i])!.path)!));
  io.out(format === 'json' ? JSON.stringify(out) + '\n' : listText(out));
  return 0;
};
