/**
 * An article's related slots as the Links view shows them: where each leads
 * (the article the site links it to) and its problems, the article's
 * diagnostics that lie within the slot's lines (none: the slot is fine).
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { slotRange, slotTarget } from '../corpus/targets';
import type { Diagnostic } from '../checks/diagnostics';
import { rangeContains } from '../frontMatter/lineIndex';
import { textOf, type ArticleModel, type RelatedSlot } from '../frontMatter/model';

export interface SlotStatus {
  slot: RelatedSlot;
  title?: string;
  url?: string;
  target?: Article;
  problems: Diagnostic[];
}

/** The slots in file order; `diagnostics` are the article's own, as reported (severity settings applied). */
export function slotStatuses(model: ArticleModel, corpus: Corpus, diagnostics: readonly Diagnostic[]): SlotStatus[] {
  return model.related.map((slot) => {
    const range = slotRange(slot);
    const title = textOf(slot.title);
    const url = textOf(slot.url);
    return {
      slot,
      ...(title !== undefined ? { title } : {}),
      ...(url !== undefined ? { url } : {}),
      target: slotTarget(corpus, slot),
      problems: diagnostics.filter((d) => rangeContains(range, d.range.start)),
    };
  });
}
