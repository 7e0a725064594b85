/**
 * The project config file `.quicktakes.jsonc`, shared by the editor and the CLI:
 * where articles live (`content`), per-code severities (`severity`), articles
 * that are indexed but not checked (`ignore`, globs relative to the file), and
 * where the site keeps its redirect table and subject list (`redirects`,
 * `subjects`, relative to the file; by default in `constant/` beside `content/`).
 * Reading it never throws: what is wrong is returned as problems with a
 * position, and the defaults stand in for what could not be used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, printParseErrorCode, stripComments, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import { ALL_CODES, type Code, type SeveritySetting } from '../checks/diagnostics';
import { LineIndex } from '../frontMatter/lineIndex';
import type { Range } from '../frontMatter/model';
import { isDirectory, isFile, learnFolderOfGlob } from '../loading/workspace';
import { DEFAULT_CONTENT_GLOB } from '../site/schema';
import { defaultSiteFilePaths, SITE_FILE_KINDS, type SiteFilePaths } from '../site/siteFiles';
import { toSlash } from '../site/paths';

export const CONFIG_FILE_NAME = '.quicktakes.jsonc';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

const FIELDS = ['$schema', 'content', 'severity', 'ignore', ...SITE_FILE_KINDS];

export interface ProjectConfig {
  /** The file read, absolute with `/` separators; undefined when there is none. */
  file?: string;
  /** The article glob, relative to the file's folder. */
  content: string;
  severity: Partial<Record<Code, SeveritySetting>>;
  /** Globs of articles not checked, relative to the file's folder. */
  ignore: string[];
  /** The site's redirect table and subject list, relative to the file's folder, when the file names them. */
  redirects?: string;
  subjects?: string;
}

export interface ConfigProblem {
  file: string;
  message: string;
  range: Range;
}

export interface LoadedConfig {
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export const DEFAULT_PROJECT_CONFIG: ProjectConfig = { content: DEFAULT_CONTENT_GLOB, severity: {}, ignore: [] };

/** The nearest `.quicktakes.jsonc` at or above `from` (a file or a folder). */
export function findConfigFile(from: string): string | undefined {
  let dir = path.resolve(from);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return toSlash(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a config file; an unreadable one is a problem, and the defaults apply. */
export function readProjectConfig(file: string): LoadedConfig {
  const abs = toSlash(path.resolve(file));
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message ?? e);
    return {
      config: { ...DEFAULT_PROJECT_CONFIG, file: abs },
      problems: [{ file: abs, message: `cannot read it: ${reason}`, range: ZERO }],
    };
  }
  return parseProjectConfig(text, abs);
}

/** The config for a path: the nearest file at or above it, or the defaults. */
export function configFor(from: string): LoadedConfig {
  const file = findConfigFile(from);
  return file ? readProjectConfig(file) : { config: DEFAULT_PROJECT_CONFIG, problems: [] };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Parses and validates a config's text: the fields that are valid apply, the others keep their defaults. */
export function parseProjectConfig(text: string, file: string): LoadedConfig {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const problem = (message: string, node?: { offset: number; length: number }) =>
    problems.push({ file, message, range: node ? lines.range(node.offset, node.offset + node.length) : ZERO });
  const config: ProjectConfig = { ...DEFAULT_PROJECT_CONFIG, file, severity: {}, ignore: [] };

  // an empty file (or one holding only comments) is a config with every default
  if (stripComments(text).trim() === '') return { config, problems };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    // a broken file says nothing reliable: none of it applies
    for (const e of errors) problem(`JSON syntax error: ${describeParseError(printParseErrorCode(e.error))}; none of the file applies`, e);
    return { config, problems };
  }
  if (!root || root.type !== 'object') {
    problem('expected an object ({ "content": …, "severity": …, "ignore": … }); none of the file applies', root);
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = keyNode.value as string;
    if (!FIELDS.includes(key)) {
      problem(`unknown field "${key}" (expected ${FIELDS.slice(1).join(', ')}); it is ignored`, keyNode);
      continue;
    }
    if (key === 'content') {
      const content = valueNode.value as unknown;
      if (typeof content !== 'string' || content.trim() === '')
        problem(`"content" must be a glob such as "content/learn/*/*.md"; the default applies`, valueNode);
      else if (!/(^|\/)learn$/.test(learnFolderOfGlob(content))) {
        problem(
          `"content" must name a \`learn\` folder before its first wildcard, as in "content/learn/*/*.md" (found "${content}"); the default applies`,
          valueNode,
        );
      } else config.content = content;
    } else if (key === 'severity') {
      if (valueNode.type !== 'object') {
        problem('"severity" must be an object from diagnostic code to error, warning, info, hint or off; it is ignored', valueNode);
        continue;
      }
      for (const entry of valueNode.children ?? []) {
        const [codeNode, levelNode] = entry.children ?? [];
        if (!codeNode || !levelNode) continue;
        const code = codeNode.value as string;
        const level = levelNode.value as unknown;
        if (!(ALL_CODES as string[]).includes(code)) problem(`unknown diagnostic code "${code}" in "severity"; it is ignored`, codeNode);
        else if (typeof level !== 'string' || !(SEVERITY_SETTINGS as string[]).includes(level)) {
          problem(
            `"severity"."${code}" must be one of ${SEVERITY_SETTINGS.join(', ')} (found ${JSON.stringify(level)}); the default applies`,
            levelNode,
          );
        } else config.severity[code as Code] = level as SeveritySetting;
      }
    } else if ((SITE_FILE_KINDS as string[]).includes(key)) {
      const value = valueNode.value as unknown;
      const kind = key as (typeof SITE_FILE_KINDS)[number];
      if (typeof value !== 'string' || value.trim() === '') {
        problem(`"${kind}" must be the path of the site's file, relative to the config file; the default applies`, valueNode);
      } else {
        config[kind] = value;
        const abs = path.resolve(path.dirname(file), value);
        if (!isFile(abs)) problem(`"${kind}": no file at ${toSlash(abs)}; the checks follow the rules of a site without it`, valueNode);
      }
    } else if (key === 'ignore') {
      if (valueNode.type !== 'array') {
        problem('"ignore" must be an array of globs, relative to the config file; it is ignored', valueNode);
        continue;
      }
      for (const item of valueNode.children ?? []) {
        if (typeof item.value === 'string' && item.value !== '') config.ignore.push(item.value);
        else problem('each "ignore" entry must be a non-empty glob string; this one is ignored', item);
      }
    }
  }
  return { config, problems };
}

function describeParseError(code: string): string {
  // InvalidSymbol → "invalid symbol"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `file:line:col: message`, 1-based, as compilers print it. */
export function formatConfigProblem(p: ConfigProblem, shownFile = p.file): string {
  return `${shownFile}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`;
}

/** Whether an article is one the config's `ignore` globs leave unchecked. */
export function ignoreMatcher(config: ProjectConfig): (articlePath: string) => boolean {
  if (!config.file || config.ignore.length === 0) return () => false;
  const dir = path.dirname(config.file);
  const isMatch = picomatch(config.ignore, { dot: true });
  return (articlePath) => {
    const rel = toSlash(path.relative(dir, articlePath));
    return !rel.startsWith('../') && !path.isAbsolute(rel) && isMatch(rel);
  };
}

/** The config's learn folder, absolute (undefined without a file: the content glob is then relative to each folder). */
export function configLearnFolder(config: ProjectConfig): string | undefined {
  return config.file ? toSlash(path.resolve(path.dirname(config.file), learnFolderOfGlob(config.content))) : undefined;
}

/** Where a learn folder's site files are: as the config names them, else beside `content/` (see site/siteFiles.ts). */
export function siteFilePathsOf(learnRoot: string, config: ProjectConfig): SiteFilePaths {
  const paths = defaultSiteFilePaths(learnRoot);
  if (!config.file) return paths;
  const dir = path.dirname(config.file);
  for (const kind of SITE_FILE_KINDS) {
    const named = config[kind];
    if (named !== undefined) paths[kind] = toSlash(path.resolve(dir, named));
  }
  return paths;
}

/** The config of each workspace folder (the nearest file at or above it), as the language server keeps them. */
export class FolderConfigs {
  private byFolder = new Map<string, { loaded: LoadedConfig; ignored: (articlePath: string) => boolean }>();

  /** Reads the config of each folder again. */
  load(folders: readonly string[]): void {
    const byFile = new Map<string, LoadedConfig>();
    this.byFolder = new Map();
    for (const folder of folders) {
      const file = findConfigFile(folder);
      let loaded = file ? byFile.get(file) : { config: DEFAULT_PROJECT_CONFIG, problems: [] };
      if (!loaded) byFile.set(file!, (loaded = readProjectConfig(file!)));
      this.byFolder.set(toSlash(path.resolve(folder)), { loaded, ignored: ignoreMatcher(loaded.config) });
    }
  }

  /** The config of the folder holding `p` (the innermost), else of the first folder, else the defaults. */
  of(p?: string): ProjectConfig {
    return this.entry(p)?.loaded.config ?? DEFAULT_PROJECT_CONFIG;
  }

  /** The content glob of a folder's config: absolute when it comes from a file (it is relative to the file). */
  contentGlob(folder: string): string {
    const config = this.of(folder);
    return config.file ? toSlash(path.resolve(path.dirname(config.file), config.content)) : config.content;
  }

  isIgnored(articlePath: string): boolean {
    return this.entry(articlePath)?.ignored(articlePath) ?? false;
  }

  /** The problems of every config file read, by file (a file with none is listed with none). */
  problems(): Map<string, ConfigProblem[]> {
    const out = new Map<string, ConfigProblem[]>();
    for (const { loaded } of this.byFolder.values()) if (loaded.config.file) out.set(loaded.config.file, loaded.problems);
    return out;
  }

  private entry(p: string | undefined) {
    if (p !== undefined) {
      const abs = toSlash(path.resolve(p));
      let best: string | undefined;
      for (const folder of this.byFolder.keys()) {
        if ((abs === folder || abs.startsWith(`${folder}/`)) && (!best || folder.length > best.length)) best = folder;
      }
      if (best) return this.byFolder.get(best);
    }
    return this.byFolder.values().next().value;
  }
}
