/**
 * What a related slot points at, value by value: its `url` (the exact file, else
 * the one file with that question-key in another subject folder), its `id` (the
 * only article with it, or the only one of its copies at its canonical place),
 * and the slot as a whole (what the site links: the url's article, else the
 * id's). Used by navigation, hover, fixes.
 * Never a guess: an ambiguous or broken value has no target.
 */
import type { Article } from './article';
import type { Corpus } from './corpus';
import { scalarOf, textOf, type ArticleModel, type Position, type Range, type RelatedSlot } from '../frontMatter/model';
import { subjectSlug } from '../site/paths';
import { comparePositions, rangeContains } from '../frontMatter/lineIndex';

/** The slot whose lines (key to last value) hold `pos`. */
export function slotAt(model: ArticleModel, pos: Position): RelatedSlot | undefined {
  return model.related.find((s) => rangeContains(slotRange(s), pos));
}

export function slotRange(slot: RelatedSlot): Range {
  const end = slot.field.valueRange.end;
  return { start: slot.field.keyRange.start, end: comparePositions(end, slot.field.keyRange.end) > 0 ? end : slot.field.keyRange.end };
}

/** The article a slot's `url` leads to (one article: exact, or moved with a single candidate). */
export function urlTarget(corpus: Corpus, slot: RelatedSlot): Article | undefined {
  const url = textOf(slot.url);
  return url === undefined ? undefined : corpus.resolvedArticle(url);
}

/** The article a slot's `id` names: the only one with it, or the only one of its copies whose folder fits its subject. */
export function idTarget(corpus: Corpus, slot: RelatedSlot): Article | undefined {
  const id = scalarOf(slot.id);
  if (typeof id !== 'number') return undefined;
  const all = corpus.withId(id);
  if (all.length <= 1) return all[0];
  const canonical = all.filter((a) => a.subject !== undefined && subjectSlug(a.subject) === a.subjectKey);
  return canonical.length === 1 ? canonical[0] : undefined;
}

/**
 * Where the slot's value under `pos` leads: its id's articles (every copy), its
 * url's (the file, or where a moved article may be), else the slot's target.
 */
export function targetsAt(corpus: Corpus, slot: RelatedSlot, pos: Position): Article[] {
  if (slot.id && rangeContains(slot.id.valueRange, pos)) {
    const id = scalarOf(slot.id);
    return typeof id === 'number' ? corpus.withId(id) : [];
  }
  if (slot.url && rangeContains(slot.url.valueRange, pos)) {
    const url = textOf(slot.url);
    const r = url === undefined ? undefined : corpus.resolveUrl(url);
    return !r || r.kind === 'broken' ? [] : r.kind === 'exact' ? [r.article] : r.candidates;
  }
  const target = slotTarget(corpus, slot);
  return target ? [target] : [];
}

/** The article the site links the slot to (its url's), else the one its id names. */
export function slotTarget(corpus: Corpus, slot: RelatedSlot): Article | undefined {
  return urlTarget(corpus, slot) ?? idTarget(corpus, slot);
}

/** The articles (each once) with a related slot pointing at `target`. */
export function referringArticles(corpus: Corpus, target: Article): Article[] {
  const seen = new Map<string, Article>();
  for (const { from } of corpus.backlinks(target)) seen.set(from.path, from);
  return [...seen.values()];
}
