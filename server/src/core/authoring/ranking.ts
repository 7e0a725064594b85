/**
 * How related-article candidates are ranked: every signal the corpus has about
 * a candidate, each a number in [0, 1] or a small count, combined linearly.
 *
 * Ids are deliberately not a signal. They are sequence numbers that say when
 * an article was made, not what it is about; articles written together are
 * recognised by their subject folder and date instead.
 *
 * The weights were fitted on one half of the real corpus's editorial links
 * (ids scrambled) and are measured on the other half: see `bench/recall.ts`.
 */
import type { Article, RelatedLink } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';

/** What the corpus says about one candidate for an article's related links. */
export interface Signals {
  /** Full-text relevance to the article's distinctive terms (BM25+), divided by the best candidate's. */
  text: number;
  /** Cosine similarity of the two articles' weighted term vectors. */
  similarity: number;
  /** 1 when the candidate already links to the article. */
  linksHere: number;
  /** How many articles link to both (co-citation), as log(1 + n). */
  coCited: number;
  /** 1 in the same subject folder. */
  sameSubject: number;
  /** 1 with the same `date`: a batch of articles is written and linked together on one day. */
  sameDate: number;
  /** Same folder and date, weighted by 1 / log2(1 + batch size): a small batch says more. */
  sameBatch: number;
}

export type Weights = Readonly<Signals>;

export const SIGNALS: readonly (keyof Signals)[] = ['text', 'similarity', 'linksHere', 'coCited', 'sameSubject', 'sameDate', 'sameBatch'];

/** The fitted weights (see the file comment). */
export const DEFAULT_WEIGHTS: Weights = {
  text: 5,
  similarity: 1,
  linksHere: 1.5,
  coCited: 8,
  sameSubject: 0,
  sameDate: 12,
  sameBatch: 0,
};

/** Full-text relevance alone: the ranking before the corpus's other signals were used (the bench's baseline). */
export const TEXT_ONLY_WEIGHTS: Weights = {
  text: 1,
  similarity: 0,
  linksHere: 0,
  coCited: 0,
  sameSubject: 0,
  sameDate: 0,
  sameBatch: 0,
};

/**
 * The weighted sum of the signals; 0 for a candidate with nothing in common
 * with the article (no shared term, no link): subject and date only order
 * candidates that are about the same thing, they never make one.
 */
export function scoreOf(signals: Signals, weights: Weights): number {
  if (signals.text === 0 && signals.similarity === 0 && signals.linksHere === 0 && signals.coCited === 0) return 0;
  let score = 0;
  for (const name of SIGNALS) score += weights[name] * signals[name];
  return score;
}

export interface LinkNeighbours {
  /** Paths of the articles that link to the article. */
  linksHere: Set<string>;
  /** Path → how many of those articles also link to it. */
  coCited: Map<string, number>;
}

/**
 * The article's neighbours in the link graph of the corpus, from the links
 * of others only (its own links are what is being suggested).
 */
export function linkNeighbours(corpus: Corpus, article: Pick<Article, 'id' | 'questionKey' | 'path'>): LinkNeighbours {
  const linksHere = new Set<string>();
  const coCited = new Map<string, number>();
  for (const path of corpus.referrersOf(article)) {
    const from = corpus.get(path);
    if (!from || path === article.path || !from.links.some((l) => pointsAt(corpus, l, article))) continue;
    linksHere.add(path);
    const counted = new Set<string>();
    for (const link of from.links) {
      const target = targetOf(corpus, link);
      if (!target || target.path === article.path || counted.has(target.path)) continue;
      counted.add(target.path);
      coCited.set(target.path, (coCited.get(target.path) ?? 0) + 1);
    }
  }
  return { linksHere, coCited };
}

/** The article a related link leads to: by its url, else by its id. */
function targetOf(corpus: Corpus, link: RelatedLink): Article | undefined {
  const byUrl = link.url !== undefined ? corpus.resolvedArticle(link.url) : undefined;
  return byUrl ?? (link.id !== undefined ? corpus.withId(link.id)[0] : undefined);
}

function pointsAt(corpus: Corpus, link: RelatedLink, article: Pick<Article, 'id' | 'path'>): boolean {
  if (article.id !== undefined && link.id === article.id) return true;
  return link.url !== undefined && corpus.resolvedArticle(link.url)?.path === article.path;
}
