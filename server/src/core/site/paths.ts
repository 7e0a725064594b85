/**
 * Where an article lives and what its URL is: `…/learn/<subject-key>/<question-key>.md`
 * is served at `/learn/<subject-key>/questions/<question-key>`.
 */
import * as path from 'node:path';

export interface ArticleLocation {
  /** Absolute path with forward slashes: `articlePath(learnRoot, subjectKey, questionKey)`. */
  path: string;
  /** The `learn` folder the article belongs to (absolute, forward slashes). */
  learnRoot: string;
  subjectKey: string;
  questionKey: string;
}

export function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Locates an article file, or returns undefined if the path is not `…/learn/<s>/<k>.md`. */
export function locateArticle(filePath: string): ArticleLocation | undefined {
  const p = toSlash(path.resolve(filePath));
  const m = /^(.*\/learn)\/([^/]+)\/([^/]+)\.md$/.exec(p);
  if (!m) return undefined;
  return { path: p, learnRoot: m[1], subjectKey: m[2], questionKey: m[3] };
}

export function canonicalUrl(subjectKey: string, questionKey: string): string {
  return `/learn/${subjectKey}/questions/${questionKey}`;
}

/** Whether `url` is `canonicalUrl(subjectKey, questionKey)`, without making that string. */
export function isCanonicalUrl(url: string, subjectKey: string, questionKey: string): boolean {
  const subjectEnd = '/learn/'.length + subjectKey.length;
  return (
    url.length === subjectEnd + '/questions/'.length + questionKey.length &&
    url.startsWith('/learn/') &&
    url.startsWith(subjectKey, '/learn/'.length) &&
    url.startsWith('/questions/', subjectEnd) &&
    url.endsWith(questionKey)
  );
}

/** Whether `path` is `articlePath(learnRoot, subjectKey, questionKey)`, without making that string. */
export function isArticlePath(path: string, learnRoot: string, subjectKey: string, questionKey: string): boolean {
  const subjectAt = learnRoot.length + 1;
  const keyAt = subjectAt + subjectKey.length + 1;
  return (
    path.length === keyAt + questionKey.length + '.md'.length &&
    path.endsWith('.md') &&
    path.startsWith(questionKey, keyAt) &&
    path.startsWith(subjectKey, subjectAt) &&
    path.startsWith(learnRoot) &&
    path[subjectAt - 1] === '/' &&
    path[keyAt - 1] === '/'
  );
}

/** Code-unit order of paths (the same on every machine). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `items` in path order, each one's path read once rather than ~2 log n times
 * (an article read from the index cache makes its path when first asked).
 */
export function sortByPath<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, path: pathOf(item) }));
  keyed.sort((a, b) => comparePaths(a.path, b.path));
  return keyed.map((k) => k.item);
}

export function articlePath(learnRoot: string, subjectKey: string, questionKey: string): string {
  return `${learnRoot}/${subjectKey}/${questionKey}.md`;
}

/** Parses `/learn/<s>/questions/<k>` (tolerating a trailing slash, query or fragment). */
export function parseArticleUrl(url: string): { subjectKey: string; questionKey: string } | undefined {
  const m = /^\/learn\/([^/?#]+)\/questions\/([^/?#]+)\/?(?:[?#].*)?$/.exec(url.trim());
  return m ? { subjectKey: m[1], questionKey: m[2] } : undefined;
}

/** The slug of a subject display name: lower-case, runs of non-alphanumerics to one `-`. */
export function subjectSlug(subject: string): string {
  return subject
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The slug of a question, for new files: same rule as subjects, bounded in length. */
export function questionSlug(question: string): string {
  return subjectSlug(question.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .slice(0, 120)
    .replace(/-+$/, '');
}
