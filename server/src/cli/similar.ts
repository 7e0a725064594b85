/**
 * `quicktakes similar <dir-or-article>... --question "<text>"... [--subject FOLDER] [--limit N] [--format text|json]`:
 * the existing articles that ask each question, in other words too
 * (core/authoring/similar.ts). The corpus is the one the paths belong to; its
 * index is built once per run, however many questions are asked. `--subject`
 * names the subject folder the questions are for, as New Question knows it:
 * its articles are likelier to ask the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, selectPaths } from '../core/lint/lint';
import { questionDocumentOf, QuestionIndex, type QuestionDocument, type SimilarQuestion } from '../core/authoring/similar';
import { loadCorpusSync } from '../core/loading/workspace';
import type { Command } from './main';
import { shownPath } from './paths';
import { articleJson, listOptions, listText, type SuggestionJson } from './suggest';

export const similarCommand: Command = (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      question: { type: 'string', multiple: true },
      subject: { type: 'string' },
      limit: { type: 'string', default: '5' },
      format: { type: 'string', default: 'text' },
    },
  });
  const { format, limit } = listOptions(values);
  const questions = values.question ?? [];
  if (questions.length === 0) throw new UsageError('similar needs at least one --question "<text>".');
  if (positionals.length === 0) throw new UsageError('similar needs a content folder or an article of the corpus to search.');
  const subjectKey = values.subject;
  if (subjectKey !== undefined && !/^[^/\\.][^/\\]*$/.test(subjectKey)) {
    throw new UsageError(`--subject takes a subject folder's name (as in content/learn/<subject>/), found ${JSON.stringify(subjectKey)}.`);
  }

  const found = new Map<string, SimilarQuestion[]>(questions.map((q) => [q, []]));
  for (const root of selectPaths(positionals.map((p) => path.resolve(io.cwd, p))).keys()) {
    const docs: QuestionDocument[] = [];
    const corpus = loadCorpusSync(root, (article, model) => docs.push(questionDocumentOf(article, model)));
    const index = QuestionIndex.build(corpus, docs);
    docs.length = 0;
    if (subjectKey !== undefined && !fs.existsSync(path.join(root, subjectKey))) {
      io.err(`quicktakes similar: ${shownPath(root, io.cwd)} has no subject folder ${subjectKey}; no folder is preferred there.\n`);
    }
    for (const question of questions) found.get(question)!.push(...index.similar(question, { limit, subjectKey }));
  }

  const out: Record<string, SuggestionJson[]> = {};
  for (const [question, list] of found) {
    // several learn folders: the best of all of them
    out[question] = list
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ article, score }) => articleJson(article, score));
  }
  io.out(format === 'json' ? JSON.stringify(out) + '\n' : listText(out));
  return 0;
};
