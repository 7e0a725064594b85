/**
 * The cache of `quicktakes lint --cache`: what a lint learned about each file,
 * kept for the next lint, like ESLint's `--cache`. A file whose size and
 * modification time are as they were keeps its index summary (from the index
 * cache the server also uses, loading/indexCache.ts) and its own-file diagnostics (from a
 * sidecar file next to it); only the other files are read and checked again.
 * The cross-file checks always run on the whole index. A cache from another
 * build is ignored (the checks may have changed), and a damaged one is no cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Article } from '../corpus/article';
import { buildId, cacheFileOf, IndexCache, lookUp, stampOf, writeIndexCache, type Stamp } from '../loading/indexCache';
import type { Diagnostic } from '../checks/diagnostics';
import type { ArticleLocation } from '../site/paths';

/** Bumped when the sidecar's layout changes. */
const FORMAT = 1;

interface Sidecar {
  format: number;
  build: string;
  learnRoot: string;
  /** Relative path → [size, mtimeMs, own-file diagnostics]. */
  files: Record<string, [number, number, Diagnostic[]]>;
}

export interface CachedFile {
  article: Article;
  /** The file's own diagnostics (only asked for linted files). */
  own: Diagnostic[];
}

export class LintCache {
  private readonly stamps: (Stamp | undefined)[] = [];
  /** Whether some file is not as the cache has it (else there is nothing to save). */
  private changed = false;

  private constructor(
    private readonly learnRoot: string,
    private readonly indexFile: string,
    private readonly index: IndexCache | undefined,
    private readonly sidecar: Sidecar,
  ) {}

  /** The cache of a learn folder in `dir` (empty when there is none yet). */
  static open(dir: string, learnRoot: string): LintCache {
    const indexFile = cacheFileOf(dir, learnRoot);
    const empty: Sidecar = { format: FORMAT, build: buildId(), learnRoot, files: {} };
    let sidecar = empty;
    try {
      const read = JSON.parse(fs.readFileSync(sidecarOf(indexFile), 'utf8')) as Sidecar;
      if (read.format === FORMAT && read.build === empty.build && read.learnRoot === learnRoot) sidecar = read;
    } catch {
      // none yet, or damaged: start over
    }
    return new LintCache(learnRoot, indexFile, IndexCache.open(indexFile, learnRoot), sidecar);
  }

  /**
   * What the cache knows of the file at `locations[i]` as it is now (its summary,
   * and its own diagnostics when `linted`); undefined when it must be read again.
   */
  lookup(locations: ArticleLocation[], i: number, linted: boolean): CachedFile | undefined {
    const loc = locations[i];
    const found = lookUp(this.index, loc, this.learnRoot);
    const stamp = (this.stamps[i] = found.stamp);
    const own = linted ? this.sidecar.files[loc.path.slice(this.learnRoot.length + 1)] : undefined;
    const ownKept = !linted || (stamp !== undefined && own !== undefined && own[0] === stamp.size && own[1] === stamp.mtimeMs);
    if (!ownKept || !found.held) this.changed = true;
    const article = ownKept ? found.article : undefined;
    return article && { article, own: own?.[2] ?? [] };
  }

  /**
   * Keeps the index of every file and the own diagnostics of the files just
   * linted (those of files linted before stay, checked against their stamps next time).
   */
  async save(articles: Article[], own: Map<Article, Diagnostic[]>, linted: (p: string) => boolean): Promise<void> {
    if (!this.changed && (this.index?.size ?? -1) === articles.length) return;
    const entries: { article: Article; stamp: Stamp }[] = [];
    articles.forEach((article, i) => {
      const stamp = this.stamps[i] ?? stampOf(article.path);
      if (!stamp) return;
      entries.push({ article, stamp });
      if (linted(article.path))
        this.sidecar.files[article.path.slice(this.learnRoot.length + 1)] = [stamp.size, stamp.mtimeMs, own.get(article) ?? []];
    });
    try {
      await writeIndexCache(this.indexFile, this.learnRoot, entries);
      const file = sidecarOf(this.indexFile);
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(tmp, JSON.stringify(this.sidecar));
      await fs.promises.rename(tmp, file);
    } catch {
      // no cache is only slower
    }
  }
}

/** The sidecar of an index cache file (a name the index cache's own temp-file cleanup leaves alone). */
function sidecarOf(indexFile: string): string {
  return indexFile.replace(/\.bin$/, '.lint.json');
}
