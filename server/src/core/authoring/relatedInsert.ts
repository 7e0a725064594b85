/**
 * "Insert Related Article": finding candidates by title, and the edit that
 * fills the next free `related_articleN` slot in the corpus's own layout.
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { eolOf, indentOf, scalarSource, type TextEdit } from './edits';
import { relatedChoices } from './complete';
import type { ArticleModel } from '../frontMatter/model';
import { canonicalUrl } from '../site/paths';
import { RELATED_SLOTS, relatedKey } from '../site/schema';
import { LineIndex } from '../frontMatter/lineIndex';

export interface CandidateQuery {
  query: string;
  /** The article being edited: excluded, as are its id and what it already links to. */
  self: Article;
  limit?: number;
}

/** Candidates for the next slot: the same choices, ranked the same way, as related-id completion. */
export function relatedCandidates(corpus: Corpus, q: CandidateQuery): Article[] {
  return relatedChoices(corpus, q.self, q.query, { limit: q.limit ?? 50 }).articles;
}

export type InsertRelatedResult = { n: number; edit: TextEdit } | { error: string };

/** The insertion of a link to `target` into the first free related slot, in slot order. */
export function insertRelated(text: string, model: ArticleModel, target: Article): InsertRelatedResult {
  if (!model.frontMatter) return { error: 'The file has no front matter to add a related article to.' };
  if (target.id === undefined) return { error: 'The chosen article has no integer `id` to link by.' };
  const used = new Set(model.related.map((s) => s.n));
  let n = 1;
  while (used.has(n)) n++;
  if (n > RELATED_SLOTS) return { error: `All ${RELATED_SLOTS} related slots are used; the site shows no more.` };

  const lines = new LineIndex(text);
  const slots = [...model.related].sort((a, b) => a.n - b.n);
  const before = slots.filter((s) => s.n < n).pop();
  const after = slots.find((s) => s.n > n);
  const line = before ? before.field.valueRange.end.line + 1 : after ? after.field.keyRange.start.line : model.frontMatter.closeLine;
  const sample = slots.find((s) => s.id)?.id;
  const indent = sample ? indentOf(lines.lineText(sample.keyRange.start.line)) : 4;
  const pad = ' '.repeat(indent);
  const eol = eolOf(text);
  const block = [
    `${relatedKey(n)}:`,
    `${pad}id: ${target.id}`,
    `${pad}title: >-`,
    `${pad}${pad}${(target.title ?? '').replace(/\s+/g, ' ')}`,
    `${pad}subject: ${scalarSource(target.subject ?? '')}`,
    `${pad}url: ${canonicalUrl(target.subjectKey, target.questionKey)}`,
  ];
  const at = { line, character: 0 };
  return { n, edit: { range: { start: at, end: at }, newText: block.map((l) => l + eol).join('') } };
}
