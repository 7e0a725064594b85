/**
 * Renaming an article's id: the edits to its own `id` and to the `id` of every
 * related slot in the corpus that points at it, each file read as it is now
 * (an open buffer or the disk, through `textOf`). When other files share the old
 * id (the same article in several folders), only slots whose url leads to this
 * file follow the rename: the others may mean another copy.
 */
import type { Article } from '../corpus/article';
import { shortPath } from '../checks/links';
import type { Corpus } from '../corpus/corpus';
import { replaceValue, type TextEdit } from './edits';
import { scalarOf, type ArticleModel } from '../frontMatter/model';
import { readArticleModel } from '../frontMatter/read';
import { urlTarget } from '../corpus/targets';
import { LineIndex } from '../frontMatter/lineIndex';

export type RenameResult = { edits: Map<string, TextEdit[]> } | { error: string };

export function renameEdits(
  corpus: Corpus,
  article: Article,
  model: ArticleModel,
  newName: string,
  textOf: (path: string) => string,
): RenameResult {
  const text = newName.trim();
  const next = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(next) || next <= 0) {
    return { error: `\`${newName}\` is not a valid id: an id is a positive integer.` };
  }
  const old = article.id;
  const idField = model.fields.get('id');
  if (old === undefined || !idField) return { error: 'This article has no integer `id` to rename.' };
  const edits = new Map<string, TextEdit[]>();
  if (next === old) return { edits };
  const taken = corpus.withId(next).filter((a) => a.path !== article.path);
  if (taken.length > 0) {
    const names = taken.map(shortPath).sort();
    return { error: `The id ${next} is already the id of ${names.slice(0, 3).join(', ')}${names.length > 3 ? ' and others' : ''}.` };
  }
  const shared = corpus.withId(old).some((a) => a.path !== article.path);
  const add = (path: string, edit: TextEdit) => edits.set(path, [...(edits.get(path) ?? []), edit]);

  const ownText = textOf(article.path);
  add(article.path, replaceValue(new LineIndex(ownText), idField, next));
  for (const path of new Set([...corpus.referrersOf(article), article.path])) {
    const fileText = path === article.path ? ownText : textOf(path);
    const lines = new LineIndex(fileText);
    for (const slot of (path === article.path ? model : readArticleModel(fileText)).related) {
      if (!slot.id || scalarOf(slot.id) !== old) continue;
      if (shared && urlTarget(corpus, slot)?.path !== article.path) continue;
      add(path, replaceValue(lines, slot.id, next));
    }
  }
  return { edits };
}
