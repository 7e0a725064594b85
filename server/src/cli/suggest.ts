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
import type { Command } from './main';

export interface SuggestionJson {
  id: number;
  url: string;
  title: string;
  score: number;
}

export const suggestCommand: Command = (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { limit: { type: 'string', default: '5' }, format: { type: 'string', default: 'text' } },
  });
  const format = values.format!;
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown --format ${format}; use text or json.`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, found ${values.limit}.`);
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
        suggestions.map(({ article: a, score }) => ({
          id: a.id!,
          url: canonicalUrl(a.subjectKey, a.questionKey),
          title: a.title ?? a.questionKey,
          score,
        })),
      );
    }
  }

  // each path as given, in the order given
  const out: Record<string, SuggestionJson[]> = {};
  const text: string[] = [];
  positionals.forEach((name, i) => {
    const suggestions = found.get(locateArticle(files[i])!.path)!;
    out[name] = suggestions;
    text.push(name, ...suggestions.map((s, k) => `  ${k + 1}. ${s.title} (id ${s.id}, score ${s.score.toFixed(2)})\n     ${s.url}`));
    if (suggestions.length === 0) text.push('  (no suggestions)');
  });
  io.out(format === 'json' ? JSON.stringify(out) + '\n' : text.join('\n') + '\n');
  return 0;
};
