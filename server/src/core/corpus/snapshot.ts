/** A canonical text dump of corpora, to compare a live index with a fresh one. */
import type { Article } from './article';
import type { Corpus } from './corpus';

export function articleLine(a: Article): string {
  const links = a.links.map((l) => `${l.n}:${l.id ?? '-'}:${l.url ?? '-'}:${l.title ?? '-'}`).join(' ');
  return `${a.path} id=${a.id ?? '-'} title=${a.title ?? '-'} url=${a.url ?? '-'} links=[${links}]`;
}

export function snapshotLines(corpora: Iterable<Corpus>): string[] {
  const lines: string[] = [];
  for (const c of corpora) for (const a of c.articles()) lines.push(articleLine(a));
  return lines.sort();
}
