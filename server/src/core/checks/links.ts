/**
 * Cross-file checks against the corpus index: duplicate-id and every
 * related-* code of SPEC section 3. They read only the index summaries.
 */
import type { Article } from '../article';
import type { Corpus } from '../corpus';
import type { Diagnostic } from '../diagnostics';
import { canonicalUrl } from '../paths';
import { diagnostic, show } from './fields';

/** `subject/question-key.md`, how messages name another article. */
export function shortPath(article: Pick<Article, 'subjectKey' | 'questionKey'>): string {
  return `${article.subjectKey}/${article.questionKey}.md`;
}

export function checkDuplicateId(article: Article, corpus: Corpus): Diagnostic[] {
  if (article.id === undefined || !article.idRange) return [];
  const others = corpus.withId(article.id).filter((a) => a.path !== article.path);
  if (others.length === 0) return [];
  const names = others.map(shortPath).sort();
  const listed = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return [diagnostic('duplicate-id', article.idRange, `\`id\` ${article.id} is also the id of ${listed}.`)];
}

export function checkRelated(article: Article, corpus: Corpus): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenIds = new Set<number>();
  const seenUrls = new Set<string>();
  const ownUrls = new Set([canonicalUrl(article.subjectKey, article.questionKey), article.url]);

  for (const link of article.links) {
    if (!link.isMap) continue;
    const { key, id, url, idRange, urlRange } = link;
    const data = { slot: link.n };

    const dupId = id !== undefined && seenIds.has(id);
    const dupUrl = url !== undefined && seenUrls.has(url);
    if (dupId || dupUrl) {
      const what = dupId ? `id ${id}` : `url ${show(url)}`;
      out.push(
        diagnostic('related-duplicate', (dupId ? idRange : urlRange)!, `\`${key}\` repeats the ${what} of an earlier related slot.`, data),
      );
    }
    if (id !== undefined) seenIds.add(id);
    if (url !== undefined) seenUrls.add(url);

    const selfId = id !== undefined && id === article.id;
    const selfUrl = url !== undefined && ownUrls.has(url);
    if (selfId || selfUrl) {
      out.push(diagnostic('related-self', (selfId ? idRange : urlRange)!, `\`${key}\` points at this article itself.`, data));
    }

    const resolved = url !== undefined ? corpus.resolveUrl(url) : undefined;
    const target = resolved && resolved.kind !== 'broken' ? resolved.article : undefined;

    if (id !== undefined && idRange && corpus.withId(id).length === 0) {
      const known = target?.id !== undefined;
      const hint = known ? ` Its url points at ${shortPath(target)} (id ${target.id}).` : '';
      out.push(
        diagnostic(
          'related-unknown-id',
          idRange,
          `\`${key}.id\` ${id} is the id of no article.${hint}`,
          known ? { ...data, expected: target.id } : data,
        ),
      );
    }

    if (resolved && urlRange) {
      if (resolved.kind === 'broken') {
        out.push(
          diagnostic('related-broken-url', urlRange, `\`${key}.url\` ${show(url)} leads to no article (the site answers 404).`, data),
        );
      } else if (resolved.kind === 'moved') {
        const where = resolved.candidates.map(shortPath).sort().join(', ');
        const moved = resolved.article;
        const message = `\`${key}.url\` ${show(url)} has no file at that path; the article is at ${where}.`;
        out.push(
          diagnostic(
            'related-moved-url',
            urlRange,
            message,
            moved ? { ...data, expected: canonicalUrl(moved.subjectKey, moved.questionKey) } : data,
          ),
        );
      }
    }

    if (target && id !== undefined && target.id !== id && idRange) {
      const message = `\`${key}.id\` is ${id}, but its url leads to ${shortPath(target)} whose id is ${target.id ?? 'not valid'}.`;
      out.push(diagnostic('related-id-url-mismatch', idRange, message, target.id !== undefined ? { ...data, expected: target.id } : data));
    }

    if (target?.title !== undefined && link.title !== undefined && link.titleRange && link.title !== target.title) {
      const message = `\`${key}.title\` ${show(link.title)} differs from the target's title ${show(target.title)}.`;
      out.push(diagnostic('related-title-mismatch', link.titleRange, message, { ...data, expected: target.title }));
    }
  }
  return out;
}
