/**
 * The live state of a workspace: one Corpus per `learn` folder, with open
 * documents overlaid on what is on disk, and the bookkeeping of which articles
 * a change affects (so only their diagnostics are recomputed).
 */
import { articleFromText, type Article } from './article';
import { checkArticle } from '../checks';
import type { Corpus } from './corpus';
import type { Diagnostic } from '../checks/diagnostics';
import { locateArticle, toSlash } from '../site/paths';
import * as nodePath from 'node:path';
import { isFile, listArticles, modelOfArticle, readArticle } from '../loading/workspace';
import { checkSiteFile } from '../checks/siteFiles';
import type { RedirectTable } from '../site/routes';
import type { SiteFileKind, SiteFiles } from '../site/siteFiles';

export class Project {
  private readonly corpora = new Map<string, Corpus>();
  /** Paths whose current text comes from an editor buffer rather than disk. */
  private readonly overlays = new Set<string>();

  addCorpus(corpus: Corpus): void {
    const old = this.corpora.get(corpus.learnRoot);
    if (old !== corpus) old?.dispose();
    this.corpora.set(corpus.learnRoot, corpus);
  }

  /** Drops a corpus and what was derived from it. */
  removeCorpus(learnRoot: string): void {
    this.corpora.get(learnRoot)?.dispose();
    this.corpora.delete(learnRoot);
  }

  /** Drops every corpus (a re-index starts from nothing): every cache derived from them goes too. */
  clear(): void {
    for (const learnRoot of [...this.corpora.keys()]) this.removeCorpus(learnRoot);
  }

  /** The server is going away: nothing indexed, nothing cached. */
  dispose(): void {
    this.clear();
    this.overlays.clear();
  }

  allCorpora(): Corpus[] {
    return [...this.corpora.values()];
  }

  get articleCount(): number {
    let n = 0;
    for (const c of this.corpora.values()) n += c.size;
    return n;
  }

  /** The corpus an article path belongs to, if it is indexed. */
  corpusOf(path: string): Corpus | undefined {
    const loc = locateArticle(path);
    return loc ? this.corpora.get(loc.learnRoot) : undefined;
  }

  article(path: string): Article | undefined {
    return this.corpusOf(path)?.get(locateArticle(path)?.path ?? path);
  }

  /** The corpus whose site file (redirect table or subject list) is at `path`, and which of the two it is. */
  siteFileOf(path: string): { corpus: Corpus; kind: SiteFileKind } | undefined {
    for (const corpus of this.corpora.values()) {
      const kind = corpus.site?.kindOf(path);
      if (kind) return { corpus, kind };
    }
    return undefined;
  }

  /** Whether the project has diagnostics for `path`: an indexed article, or one of the site's files. */
  tracks(path: string): boolean {
    return this.corpusOf(path) !== undefined || this.siteFileOf(path) !== undefined;
  }

  /** Sets an open document's text; returns the paths whose diagnostics may have changed. */
  setOverlay(path: string, text: string): Set<string> {
    const loc = locateArticle(path);
    const corpus = loc && this.corpora.get(loc.learnRoot);
    if (!loc || !corpus) {
      const site = this.siteFileOf(path);
      if (!site) return new Set();
      this.overlays.add(site.corpus.site!.paths[site.kind]);
      return this.siteFileChanged(site.corpus, site.kind, (s) => s.set(site.kind, text));
    }
    this.overlays.add(loc.path);
    return this.replace(corpus, loc.path, articleFromText(loc, text));
  }

  /** A document was closed: fall back to the file on disk (or drop it if gone). */
  clearOverlay(path: string, existsOnDisk: boolean): Set<string> {
    const site = this.siteFileOf(path);
    const loc = locateArticle(path);
    const key = site ? site.corpus.site!.paths[site.kind] : loc?.path;
    if (!key) return new Set();
    this.overlays.delete(key);
    return this.syncFromDisk(key, existsOnDisk);
  }

  isOverlaid(path: string): boolean {
    return this.overlays.has(locateArticle(path)?.path ?? path);
  }

  /**
   * A path changed on disk (created, changed or deleted): an article file, or a
   * folder (a deleted or moved subject folder arrives as one event for the folder).
   * Open documents keep their buffer.
   */
  syncFromDisk(path: string, exists: boolean): Set<string> {
    const site = this.siteFileOf(path);
    if (site) {
      if (this.overlays.has(site.corpus.site!.paths[site.kind])) return new Set();
      return this.siteFileChanged(site.corpus, site.kind, (s) => s.reload(site.kind));
    }
    const loc = locateArticle(path);
    const corpus = loc && this.corpora.get(loc.learnRoot);
    if (loc && corpus) {
      if (this.overlays.has(loc.path)) return new Set();
      return this.replace(corpus, loc.path, exists && isFile(loc.path) ? readArticle(loc) : undefined);
    }
    return this.syncFolder(toSlash(nodePath.resolve(path)), exists);
  }

  /** Re-reads what is under a folder of a learn root (or drops it), article by article. */
  private syncFolder(folder: string, exists: boolean): Set<string> {
    const affected = new Set<string>();
    for (const corpus of this.corpora.values()) {
      const inside = folder === corpus.learnRoot || folder.startsWith(`${corpus.learnRoot}/`) || corpus.learnRoot.startsWith(`${folder}/`);
      if (!inside) continue;
      const under = (p: string) => p.startsWith(`${folder}/`) || corpus.learnRoot.startsWith(`${folder}/`);
      const onDisk = new Map(
        exists
          ? listArticles(corpus.learnRoot)
              .filter((l) => under(l.path))
              .map((l) => [l.path, l])
          : [],
      );
      for (const article of [...corpus.articles()]) {
        if (under(article.path) && !onDisk.has(article.path) && !this.overlays.has(article.path)) {
          for (const p of this.replace(corpus, article.path, undefined)) affected.add(p);
        }
      }
      for (const loc of onDisk.values()) {
        if (!this.overlays.has(loc.path)) for (const p of this.replace(corpus, loc.path, readArticle(loc))) affected.add(p);
      }
    }
    return affected;
  }

  diagnostics(path: string): Diagnostic[] {
    const site = this.siteFileOf(path);
    if (site) return checkSiteFile(site.corpus.site!, site.kind, site.corpus);
    const loc = locateArticle(path);
    const corpus = loc && this.corpora.get(loc.learnRoot);
    const article = corpus?.get(loc!.path);
    if (!article || !corpus) return [];
    return checkArticle(article, modelOfArticle(article), corpus);
  }

  private replace(corpus: Corpus, path: string, next: Article | undefined): Set<string> {
    const affected = new Set<string>([path]);
    const old = corpus.get(path);
    // an edit that keeps what others read of this article (most keystrokes, an opened file as it is on disk)
    // affects this article alone
    if (old && next && !changesOthers(corpus, old, next)) {
      corpus.set(next);
      return affected;
    }
    const touch = (a: Article | undefined) => {
      if (!a) return;
      for (const p of corpus.referrersOf(a)) affected.add(p);
      if (a.id !== undefined) for (const other of corpus.withId(a.id)) affected.add(other.path);
      for (const other of corpus.sameQuestion(a)) affected.add(other.path);
    };
    touch(old);
    if (next) corpus.set(next);
    else corpus.delete(path);
    touch(next);
    // the redirect table's findings about the entries naming this question follow its files
    const either = old ?? next;
    if (either && !old !== !next && corpus.site?.redirects?.withQuestion(either.questionKey).length) {
      affected.add(corpus.site.paths.redirects);
    }
    return affected;
  }

  /**
   * One of a learn folder's site files changed (`change` applies it): the paths whose diagnostics may have changed,
   * the file itself and, for the redirect table, the articles linking to an address it now serves or no longer serves.
   */
  private siteFileChanged(corpus: Corpus, kind: SiteFileKind, change: (site: SiteFiles) => void): Set<string> {
    const site = corpus.site!;
    const before = site.redirects;
    change(site);
    const affected = new Set<string>([site.paths[kind]]);
    if (kind === 'redirects') for (const p of routesChanged(corpus, before, site.redirects)) affected.add(p);
    return affected;
  }
}

/**
 * Whether other articles' findings can change when `old` becomes `next`: they read its id, title and
 * question (where the question is, too, when they link to it as the same question), and that it exists.
 */
function changesOthers(corpus: Corpus, old: Article, next: Article): boolean {
  if (old.id !== next.id || old.title !== next.title || old.hasFrontMatter !== next.hasFrontMatter) return true;
  if (old.normalizedQuestion !== next.normalizedQuestion) return true;
  const moved = old.questionStart !== next.questionStart || old.questionEnd !== next.questionEnd;
  return moved && corpus.sameQuestion(old).length > 0;
}

/** The articles whose related links a change of the redirect table may judge differently. */
function routesChanged(corpus: Corpus, before: RedirectTable | undefined, after: RedirectTable | undefined): Set<string> {
  const out = new Set<string>();
  if (!before || !after) {
    // the table appeared or went: every link to a moved article follows other rules now
    if (!before && !after) return out;
    for (const article of corpus.articles()) {
      if (article.links.some((link) => link.url !== undefined && corpus.resolveUrl(link.url).kind === 'moved')) out.add(article.path);
    }
    return out;
  }
  const was = new Set(before.addresses());
  const is = new Set(after.addresses());
  const changed = [...was].filter((a) => !is.has(a)).concat([...is].filter((a) => !was.has(a)));
  for (const address of changed) {
    const questionKey = address.slice(address.indexOf('/') + 1);
    for (const p of corpus.referrersOf({ id: undefined, questionKey })) out.add(p);
  }
  return out;
}
