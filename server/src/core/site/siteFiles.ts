/**
 * The site's own files beside the content that decide what it publishes: the
 * redirect table (which old addresses still serve a page) and the subject list
 * (which subjects are published hidden). They sit in the site repository's
 * `constant/` folder, beside `content/` (the project config may name other
 * paths). A learn folder's pair is read together and kept with its corpus; a
 * file that is absent or unusable means the rules for a site without it apply.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, stripBom } from '../frontMatter/lineIndex';
import type { Range } from '../frontMatter/model';
import type { ModuleProblem, Span } from './jsModule';
import { toSlash } from './paths';
import { parseRedirectTable, type RedirectTable } from './routes';
import { parseSubjectList, SUBJECTS_EXPORT, type SubjectList } from './subjects';

/** Where the site keeps them, relative to its repository root (the folder holding `content/learn`). */
export const DEFAULT_SITE_FILES = {
  redirects: 'constant/mappingQuestions.contant.js',
  subjects: 'constant/topQuestions.contant.js',
} as const;

export type SiteFileKind = keyof typeof DEFAULT_SITE_FILES;

export const SITE_FILE_KINDS: readonly SiteFileKind[] = ['redirects', 'subjects'];

/** The absolute paths (forward slashes) of a learn folder's site files. */
export type SiteFilePaths = Record<SiteFileKind, string>;

/** The site repository's root: the folder holding `content/learn` (or holding the learn folder, when it is not in `content`). */
export function siteRootOf(learnRoot: string): string {
  const parent = path.posix.dirname(toSlash(learnRoot));
  return path.posix.basename(parent) === 'content' ? path.posix.dirname(parent) : parent;
}

export function defaultSiteFilePaths(learnRoot: string): SiteFilePaths {
  const root = siteRootOf(learnRoot);
  return { redirects: `${root}/${DEFAULT_SITE_FILES.redirects}`, subjects: `${root}/${DEFAULT_SITE_FILES.subjects}` };
}

/** One site file as last read. */
export interface SiteFile {
  kind: SiteFileKind;
  path: string;
  /** Its text; undefined when there is no such file. */
  text?: string;
  lines?: LineIndex;
  /** What is wrong with it (offsets into `text`). */
  problems: ModuleProblem[];
}

export class SiteFiles {
  private readonly files: Record<SiteFileKind, SiteFile>;
  /** The redirect table, when the file exists and is one (else the rules of a site without one apply). */
  redirects: RedirectTable | undefined;
  /** The subject list, when the file exists and is one. */
  subjects: SubjectList | undefined;

  constructor(readonly paths: SiteFilePaths) {
    this.files = {
      redirects: { kind: 'redirects', path: paths.redirects, problems: [] },
      subjects: { kind: 'subjects', path: paths.subjects, problems: [] },
    };
  }

  /** Both files as they are on disk. */
  static read(paths: SiteFilePaths): SiteFiles {
    const site = new SiteFiles(paths);
    for (const kind of SITE_FILE_KINDS) site.reload(kind);
    return site;
  }

  /** Which of the two files `p` is, if either. */
  kindOf(p: string): SiteFileKind | undefined {
    const abs = toSlash(path.resolve(p));
    return SITE_FILE_KINDS.find((kind) => this.paths[kind] === abs);
  }

  file(kind: SiteFileKind): SiteFile {
    return this.files[kind];
  }

  /** The files that exist. */
  existing(): SiteFile[] {
    return SITE_FILE_KINDS.map((kind) => this.files[kind]).filter((f) => f.text !== undefined);
  }

  /** A file's text changed (an open editor's buffer, or the disk); undefined: the file does not exist. */
  set(kind: SiteFileKind, text: string | undefined, problem?: string): void {
    const file: SiteFile = { kind, path: this.paths[kind], problems: [] };
    this.files[kind] = file;
    if (kind === 'redirects') this.redirects = undefined;
    else this.subjects = undefined;
    if (text === undefined) return;
    file.text = text;
    file.lines = new LineIndex(text);
    if (problem !== undefined) {
      file.problems.push({ start: 0, end: 0, message: problem });
      return;
    }
    if (kind === 'redirects') {
      const read = parseRedirectTable(text);
      this.redirects = read.table;
      file.problems.push(...read.problems);
    } else {
      const read = parseSubjectList(text);
      this.subjects = read.list;
      file.problems.push(...read.problems);
    }
  }

  /** Reads a file again from disk. */
  reload(kind: SiteFileKind): void {
    const read = readSiteFileText(this.paths[kind]);
    this.set(kind, read.text, read.problem);
  }

  /** A span of one of the files as a range. */
  rangeOf(kind: SiteFileKind, span: Span): Range {
    const lines = this.files[kind].lines ?? new LineIndex('');
    return lines.range(span.start, span.end);
  }
}

/**
 * Whether the site publishes a subject folder hidden, said for an author: a sentence when it does, undefined when it
 * does not or when the site's subject list is unknown.
 */
export function hiddenSubjectNote(site: SiteFiles | undefined, subjectKey: string): string | undefined {
  if (!site?.subjects || site.subjects.lists(subjectKey)) return undefined;
  const file = path.posix.basename(site.paths.subjects);
  return `The subject folder \`${subjectKey}\` is not in the site's subject list (\`${SUBJECTS_EXPORT}\` in ${file}): its pages are published hidden (noindex), kept out of search engines.`;
}

/** A site file's text (BOM stripped, as editors show it); none when it does not exist, a problem when it cannot be read. */
function readSiteFileText(file: string): { text?: string; problem?: string } {
  try {
    return { text: stripBom(fs.readFileSync(file, 'utf8')) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    return { text: '', problem: `cannot read it: ${(e as Error).message}` };
  }
}
