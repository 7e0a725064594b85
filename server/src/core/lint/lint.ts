/**
 * Linting a set of paths: index the whole learn folder each path belongs to,
 * report diagnostics only for the given paths (cross-file checks need them all).
 * One pass over the files: each selected file's own checks run while its full
 * model is at hand (on whichever thread reads it); the cross-file checks run on
 * the finished index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Article } from '../corpus/article';
import { checkLinks, checkOwn } from '../checks';
import type { Corpus } from '../corpus/corpus';
import { applySeverities, compareDiagnostics, type Diagnostic, type SeveritySetting } from '../checks/diagnostics';
import { applySuppressions } from '../checks/suppressions';
import { locateArticle, toSlash } from '../site/paths';
import { findLearnRoot, loadCorpusChecked, readArticleModelFromDisk, type ListedFolder } from '../loading/workspace';
import {
  configFor,
  configLearnFolder,
  ignoreMatcher,
  readProjectConfig,
  siteFilePathsOf,
  type ConfigProblem,
  type LoadedConfig,
  type ProjectConfig,
} from '../config/projectConfig';
import { checkSiteFile } from '../checks/siteFiles';
import { defaultSiteFilePaths, SiteFiles, type SiteFilePaths } from '../site/siteFiles';

export interface ArticleDiagnostics {
  article: Article;
  diagnostics: Diagnostic[];
}

/** The diagnostics of any file linted: an article, or one of the site's files (its redirect table, its subject list). */
export interface FileDiagnostics {
  path: string;
  diagnostics: Diagnostic[];
}

export interface LintResult {
  /** Article files linted. */
  files: number;
  results: ArticleDiagnostics[];
  /** The site files linted with the learn folder they belong to (when the whole folder is linted). */
  siteFiles: FileDiagnostics[];
  corpora: Corpus[];
  /** With a cache: resolves once it is written for the next lint. */
  saved?: Promise<void>;
}

export interface LintOptions {
  severities?: Partial<Record<string, SeveritySetting>>;
  /** Where to keep what this lint learned, so the next reads only changed files (lintCache.ts). */
  cacheDir?: string;
  /** Checks only some of the selected articles of a learn folder (`--changed-since`). */
  narrow?: (learnRoot: string) => Narrowing;
  /** Articles indexed (their ids and urls resolve) but not checked: the config's `ignore`. */
  isIgnored?: (articlePath: string) => boolean;
  /** The learn folder to index for a path above it (the config's `content`), before `content/learn` or `learn`. */
  learnFolder?: string;
  /** Where a learn folder's redirect table and subject list are (default: `constant/` beside `content/`). */
  siteFiles?: (learnRoot: string) => SiteFilePaths;
  /** A learn folder's articles listed and stamped just before (with a cache: not stated twice). */
  listed?: (learnRoot: string) => ListedFolder | undefined;
}

/** A subset of the selected articles, known in part only once the index is built. */
export interface Narrowing {
  /** Articles known up front: checked while the corpus is read. */
  first: ReadonlySet<string>;
  /** Every article to check (`first` included), found with the finished index; the others are read again to check. */
  all(corpus: Corpus): Set<string>;
}

export class UsageError extends Error {}

interface Selection {
  files: Set<string>;
  folders: string[];
  /** The learn folder's site files given by name. */
  siteFiles: Set<string>;
}

/** Groups the given paths by the learn folder they belong to (a site file, by the learn folder it serves). */
export function selectPaths(paths: string[], learnFolder?: string, siteFiles = defaultSiteFilePaths): Map<string, Selection> {
  const byRoot = new Map<string, Selection>();
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new UsageError(`No such file or folder: ${p}`);
    const abs = toSlash(path.resolve(p));
    const isFile = fs.statSync(p).isFile();
    const siteRoot = isFile ? learnFolderOfSiteFile(abs, learnFolder, siteFiles) : undefined;
    const root = siteRoot ?? (learnFolder && (learnFolder === abs || learnFolder.startsWith(`${abs}/`)) ? learnFolder : findLearnRoot(p));
    if (!root) throw new UsageError(`${p} is not inside a \`learn\` folder and has no \`content/learn\` folder.`);
    let sel = byRoot.get(root);
    if (!sel) byRoot.set(root, (sel = { files: new Set(), folders: [], siteFiles: new Set() }));
    if (siteRoot) sel.siteFiles.add(abs);
    else if (isFile) {
      const loc = locateArticle(abs);
      if (!loc || loc.learnRoot !== root) throw new UsageError(`${p} is not an article (\`…/learn/<subject>/<question>.md\`).`);
      sel.files.add(loc.path);
    } else {
      sel.folders.push(abs.startsWith(`${root}/`) ? abs : root);
    }
  }
  return byRoot;
}

/** The learn folder whose redirect table or subject list `file` is: the config's, or the one beside the folder holding it. */
function learnFolderOfSiteFile(
  file: string,
  learnFolder: string | undefined,
  siteFiles: (learnRoot: string) => SiteFilePaths,
): string | undefined {
  const candidates = [learnFolder, findLearnRoot(path.dirname(path.dirname(file)))];
  return candidates.find((root) => root !== undefined && Object.values(siteFiles(root)).includes(file));
}

function isSelected(sel: Selection, p: string): boolean {
  return sel.files.has(p) || sel.folders.some((f) => p.startsWith(`${f}/`));
}

export function lint(paths: string[], options: LintOptions = {}): LintResult {
  const { severities = {}, cacheDir, narrow, isIgnored = () => false, learnFolder, siteFiles = defaultSiteFilePaths, listed } = options;
  const results: ArticleDiagnostics[] = [];
  const siteResults: FileDiagnostics[] = [];
  const corpora: Corpus[] = [];
  const saves: Promise<void>[] = [];
  for (const [root, sel] of selectPaths(paths, learnFolder, siteFiles)) {
    const narrowing = narrow?.(root);
    const first = (p: string) => isSelected(sel, p) && !isIgnored(p) && (!narrowing || narrowing.first.has(p));
    // own-file checks run where each file is read (worker threads included)
    const { corpus, own, saved } = loadCorpusChecked(root, first, { cacheDir, listed: listed?.(root) });
    corpus.site = SiteFiles.read(siteFiles(root));
    corpora.push(corpus);
    if (saved) saves.push(saved);
    // the site's files belong to the whole learn folder: checked when all of it is (not for some subjects, files or
    // changes), or when given by name
    const wholeFolder = sel.folders.includes(root) && !narrowing;
    for (const file of corpus.site.existing()) {
      if ((wholeFolder || sel.siteFiles.has(file.path)) && !isIgnored(file.path)) {
        const diagnostics = applySeverities(checkSiteFile(corpus.site, file.kind, corpus), severities);
        siteResults.push({ path: file.path, diagnostics });
      }
    }
    const later = narrowing?.all(corpus);
    for (const article of corpus.articles()) {
      const checked = first(article.path);
      if (!checked && !(later?.has(article.path) && isSelected(sel, article.path) && !isIgnored(article.path))) continue;
      const diagnostics = checked ? (own.get(article.path) ?? []) : checkOwn(readArticleModelFromDisk(article.path), article);
      const all = [...diagnostics, ...checkLinks(article, corpus)].sort(compareDiagnostics);
      // suppressions before severities: a suppression of a code set to `off` still counts as used
      results.push({ article, diagnostics: applySeverities(applySuppressions(all), severities) });
    }
  }
  results.sort((a, b) => compareStrings(a.article.path, b.article.path));
  siteResults.sort((a, b) => compareStrings(a.path, b.path));
  return {
    files: results.length,
    results,
    siteFiles: siteResults,
    corpora,
    saved: saves.length > 0 ? Promise.all(saves).then(() => undefined) : undefined,
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every file linted with its diagnostics, articles and site files, by path. */
export function lintedFiles(result: Pick<LintResult, 'results' | 'siteFiles'>): FileDiagnostics[] {
  const articles = result.results.map(({ article, diagnostics }) => ({ path: article.path, diagnostics }));
  return [...articles, ...result.siteFiles].sort((a, b) => compareStrings(a.path, b.path));
}

export interface ProjectLintResult extends LintResult {
  /** What is wrong in the config files read (their defaults applied). */
  configProblems: ConfigProblem[];
}

/** The paths grouped by the project config that applies to each: `configFile` for all of them, or the nearest one. */
export function configGroups(paths: string[], configFile: string | undefined): { loaded: LoadedConfig; paths: string[] }[] {
  const explicit = configFile === undefined ? undefined : readProjectConfig(configFile);
  const groups = new Map<string, { loaded: LoadedConfig; paths: string[] }>();
  for (const p of paths) {
    const loaded = explicit ?? configFor(p);
    const key = loaded.config.file ?? '';
    const group = groups.get(key);
    if (group) group.paths.push(p);
    else groups.set(key, { loaded, paths: [p] });
  }
  return [...groups.values()];
}

/** What a project config sets for a lint, besides its severities. */
export function configOptions(config: ProjectConfig): Pick<LintOptions, 'isIgnored' | 'learnFolder' | 'siteFiles'> {
  return {
    isIgnored: ignoreMatcher(config),
    learnFolder: configLearnFolder(config),
    siteFiles: (learnRoot) => siteFilePathsOf(learnRoot, config),
  };
}

/**
 * Lints each path with its project config: `configFile` for all of them, or else
 * the nearest `.quicktakes.jsonc` at or above each path (none: the defaults).
 * The config's severities override the defaults (`off` drops the code), its
 * `ignore` globs leave articles unchecked, and its `content` names the learn
 * folder of a path above it.
 */
export function lintProject(paths: string[], options: LintOptions & { configFile?: string } = {}): ProjectLintResult {
  const { configFile, ...rest } = options;
  return lintGroups(configGroups(paths, configFile), rest);
}

/** Lints each group of paths with its config (`configGroups`). */
export function lintGroups(groups: ReturnType<typeof configGroups>, rest: LintOptions): ProjectLintResult {
  const parts = groups.map(({ loaded: { config }, paths }) =>
    lint(paths, { ...rest, ...configOptions(config), severities: { ...config.severity, ...rest.severities } }),
  );
  const configProblems = groups.flatMap((g) => g.loaded.problems);
  if (parts.length === 1) return { ...parts[0], configProblems };
  const results = parts.flatMap((r) => r.results).sort((a, b) => compareStrings(a.article.path, b.article.path));
  const saves = parts.flatMap((r) => (r.saved ? [r.saved] : []));
  return {
    files: results.length,
    results,
    siteFiles: parts.flatMap((r) => r.siteFiles).sort((a, b) => compareStrings(a.path, b.path)),
    corpora: parts.flatMap((r) => r.corpora),
    saved: saves.length > 0 ? Promise.all(saves).then(() => undefined) : undefined,
    configProblems,
  };
}
