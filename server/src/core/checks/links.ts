/**
 * Cross-file checks against the corpus index: duplicate-id, question-duplicate
 * and every related-* code. They read only the index summaries.
 */
import { questionRange, type Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import type { Diagnostic, RelatedLocation } from './diagnostics';
import { canonicalUrl, parseArticleUrl } from '../site/paths';
import type { RedirectTable } from '../site/routes';
import { diagnostic, show } from './fields';

/** Whether an entry of the site's redirect table serves an article url's address. */
function servedByRedirect(redirects: RedirectTable, url: string): boolean {
  const parsed = parseArticleUrl(url);
  return parsed !== undefined && redirects.serving(parsed.subjectKey, parsed.questionKey) !== undefined;
}

/** `subject/question-key.md`, how messages name another article. */
export function shortPath(article: Pick<Article, 'subjectKey' | 'questionKey'>): string {
  return `${article.subjectKey}/${article.questionKey}.md`;
}

export function checkDuplicateId(article: Article, corpus: Corpus): Diagnostic[] {
  if (article.id === undefined || !corpus.hasOtherWithId(article.id, article.path) || !article.idRange) return [];
  const others = corpus.withId(article.id).filter((a) => a.path !== article.path);
  if (others.length === 0) return [];
  return [diagnostic('duplicate-id', article.idRange, `\`id\` ${article.id} is also the id of ${listed(others.map(shortPath).sort())}.`)];
}

/** Names for a message: the first five, then how many more. */
function listed(names: string[]): string {
  return names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
}

/** How many of the other articles a diagnostic links to (a question asked a hundred times need not list them all). */
const RELATED_LIMIT = 20;

/** One diagnostic on the `question` value when other articles (with other ids) ask the same question. */
export function checkQuestionDuplicate(article: Article, corpus: Corpus): Diagnostic[] {
  const range = questionRange(article);
  if (!range) return [];
  const others = alsoAskedBy(article, corpus);
  if (others.length === 0) return [];
  const related: RelatedLocation[] = others.slice(0, RELATED_LIMIT).flatMap((a) => {
    const r = questionRange(a);
    return r ? [{ path: a.path, range: r, message: `The same question, ${idLabel(a)}` }] : [];
  });
  const names = others.map((a) => `${shortPath(a)} (${idLabel(a)})`);
  const message = `The same question (ignoring case, punctuation and spacing) is also the \`question\` of ${listed(names)}.`;
  return [{ ...diagnostic('question-duplicate', range, message), related }];
}

/** The other articles asking the article's question under another id (`Corpus.sameQuestion`), by short path. */
export function alsoAskedBy(article: Article, corpus: Corpus): Article[] {
  // short paths are unique within a corpus
  return corpus.sameQuestion(article).sort((a, b) => (shortPath(a) < shortPath(b) ? -1 : 1));
}

/** An article's id as messages name it. */
export function idLabel(a: Pick<Article, 'id'>): string {
  return a.id === undefined ? 'no valid id' : `id ${a.id}`;
}

export function checkRelated(article: Article, corpus: Corpus): Diagnostic[] {
  const out: Diagnostic[] = [];
  // five slots at most: arrays, not Sets; ranges built only for a diagnostic (links keep them packed)
  const seenIds: number[] = [];
  const seenUrls: string[] = [];
  const canonical = canonicalUrl(article.subjectKey, article.questionKey);

  for (const link of article.links) {
    if (!link.isMap) continue;
    const { key, id, url } = link;
    const data = { slot: link.n };

    const dupId = id !== undefined && seenIds.includes(id);
    const dupUrl = url !== undefined && seenUrls.includes(url);
    if (dupId || dupUrl) {
      const what = dupId ? `id ${id}` : `url ${show(url)}`;
      out.push(
        diagnostic(
          'related-duplicate',
          (dupId ? link.idRange : link.urlRange)!,
          `\`${key}\` repeats the ${what} of an earlier related slot.`,
          data,
        ),
      );
    }
    if (id !== undefined) seenIds.push(id);
    if (url !== undefined) seenUrls.push(url);

    const selfId = id !== undefined && id === article.id;
    const selfUrl = url !== undefined && (url === canonical || url === article.url);
    if (selfId || selfUrl) {
      out.push(diagnostic('related-self', (selfId ? link.idRange : link.urlRange)!, `\`${key}\` points at this article itself.`, data));
    }

    const resolved = url !== undefined ? corpus.resolveUrl(url) : undefined;
    // with a redirect table, a moved article's old address serves a page only through an entry of it
    const redirects = corpus.site?.redirects;
    const lost = resolved?.kind === 'moved' && redirects !== undefined && !servedByRedirect(redirects, url!);
    const target = resolved && resolved.kind !== 'broken' && !lost ? resolved.article : undefined;
    const idRange = id !== undefined && (!corpus.hasId(id) || (target !== undefined && target.id !== id)) ? link.idRange : undefined;
    const urlRange = resolved && resolved.kind !== 'exact' ? link.urlRange : undefined;

    if (id !== undefined && idRange && !corpus.hasId(id)) {
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
        const fixData = moved ? { ...data, expected: canonicalUrl(moved.subjectKey, moved.questionKey) } : data;
        const [code, message] = !redirects
          ? (['related-moved-url', `\`${key}.url\` ${show(url)} has no file at that path; the article is at ${where}.`] as const)
          : lost
            ? ([
                'related-broken-url',
                `\`${key}.url\` ${show(url)} leads to no article (the site answers 404): the article moved to ${where}, and no redirect entry serves its old address.`,
              ] as const)
            : ([
                'related-moved-url',
                `\`${key}.url\` ${show(url)} has no file at that path; a redirect entry serves it with the article at ${where}, on a page hidden from search engines.`,
              ] as const);
        out.push(diagnostic(code, urlRange, message, fixData));
      }
    }

    if (target && id !== undefined && target.id !== id && idRange) {
      const message = `\`${key}.id\` is ${id}, but its url leads to ${shortPath(target)} whose id is ${target.id ?? 'not valid'}.`;
      out.push(diagnostic('related-id-url-mismatch', idRange, message, target.id !== undefined ? { ...data, expected: target.id } : data));
    }

    if (target?.title !== undefined && link.title !== undefined && link.title !== target.title && link.titleRange) {
      const message = `\`${key}.title\` ${show(link.title)} differs from the target's title ${show(target.title)}.`;
      out.push(diagnostic('related-title-mismatch', link.titleRange, message, { ...data, expected: target.title }));
    }
  }
  return out;
}
