/**
 * Moving and renaming article files and subject folders without breaking a
 * link: one set of edits for the whole operation. Each moved article's own
 * `url` and `file_name` follow its new place, and, when its folder changes, its
 * `subject` (the name the new folder's articles use) and `seo.title`
 * (`QuickTakes | <subject>`); every related slot in the corpus whose url leads
 * to a moved article gets its new url (and its new subject when the folder
 * changed). Nothing else is touched.
 *
 * The site serves an article's old address after a move to another subject
 * only through an entry of its redirect table (`{previous, question, current}`,
 * same question-key): the entries a move needs are returned, and appended by
 * `redirectEdit` when the workspace has a table. A renamed question-key has no
 * such remedy: its old address will be a 404, which a warning says, as it says
 * when a move lands on a question-key another subject folder already has.
 *
 * The edits are on the files where they are before the move (an editor applies
 * them, then moves the files), each read as it is now through `textOf`.
 */
import * as nodePath from 'node:path';
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { shortPath } from '../checks/links';
import { replaceValue, type TextEdit } from './edits';
import { readArticleModel } from '../frontMatter/read';
import { LineIndex } from '../frontMatter/lineIndex';
import { textOf as fieldText, type Field } from '../frontMatter/model';
import { canonicalUrl, locateArticle, subjectSlug, toSlash, type ArticleLocation } from '../site/paths';
import { isSeoTitleOf, locationFields, seoTitle } from '../site/schema';
import { subjectName } from './newArticle';
import { linkingFiles } from './linkingSlots';

/** A file or folder renamed or moved (absolute paths). */
export interface FileRename {
  from: string;
  to: string;
}

/** An entry of the site's redirect table: `/learn/<previous>/questions/<question>` shows the article, canonical at `<current>`. */
export interface RedirectEntry {
  previous: string;
  question: string;
  current: string;
}

/** Edits to one file. */
export interface FileEdits {
  path: string;
  edits: TextEdit[];
}

/** Appends entries to the site's redirect table, in its own format: the edit, or undefined when the workspace has no table. */
export type RedirectEdit = (entries: readonly RedirectEntry[]) => FileEdits | undefined;

export interface MoveOptions {
  /** A file's text as it is now (an open buffer, else the disk). */
  textOf: (path: string) => string;
  redirectEdit?: RedirectEdit;
}

export interface ArticleMove {
  from: Article;
  to: ArticleLocation;
}

export interface MoveWarning {
  /** `lost-address`: the old address will be a 404; `collision`: the question-key is also another subject folder's. */
  kind: 'lost-address' | 'collision';
  /** The moved article, where it is before the move. */
  path: string;
  message: string;
}

export interface MovePlan {
  moves: ArticleMove[];
  /** Path (before the move) → its edits. */
  edits: Map<string, TextEdit[]>;
  /** The redirect entries that keep the moved articles' old addresses alive. */
  redirects: RedirectEntry[];
  warnings: MoveWarning[];
}

/** The edits, redirects and warnings of renaming `renames` (files or subject folders) in one corpus; others are left out. */
export function planMoves(corpus: Corpus, renames: readonly FileRename[], options: MoveOptions): MovePlan {
  const moves = articleMoves(corpus, renames);
  const plan: MovePlan = { moves, edits: new Map(), redirects: [], warnings: [] };
  if (moves.length === 0) return plan;
  const add = (path: string, edits: TextEdit[]) => {
    if (edits.length > 0) plan.edits.set(path, [...(plan.edits.get(path) ?? []), ...edits]);
  };
  const subjectOf = new Map(moves.map((m) => [m.from, newSubject(corpus, m)]));
  const destination = new Map(moves.map((m) => [m.from, m.to]));

  for (const move of moves) add(move.from.path, ownEdits(options.textOf(move.from.path), move, subjectOf.get(move.from)));
  for (const file of linkingFiles(corpus, destination.keys(), options.textOf)) {
    const edits: TextEdit[] = [];
    for (const { slot, target } of file.slots) {
      const to = destination.get(target)!;
      const url = canonicalUrl(to.subjectKey, to.questionKey);
      if (slot.url && fieldText(slot.url) !== url) edits.push(replaceValue(file.lines, slot.url, url));
      const subject = subjectOf.get(target);
      if (subject !== undefined && slot.subject && fieldText(slot.subject) !== subject)
        edits.push(replaceValue(file.lines, slot.subject, subject));
    }
    add(file.path, edits);
  }

  const moved = new Set(moves.map((m) => m.from.path));
  /** The moved article behind each redirect entry. */
  const redirected: Article[] = [];
  for (const { from, to } of moves) {
    const oldUrl = canonicalUrl(from.subjectKey, from.questionKey);
    const name = `${shortPath(from)} to ${shortPath(to)}`;
    if (from.questionKey !== to.questionKey) {
      plan.warnings.push({
        kind: 'lost-address',
        path: from.path,
        message:
          `Renaming ${name} changes its question-key: its old address ${oldUrl} will be a 404 on the site ` +
          `(a redirect entry can only keep a question-key that stays the same).`,
      });
    } else if (from.subjectKey !== to.subjectKey) {
      plan.redirects.push({ previous: from.subjectKey, question: from.questionKey, current: to.subjectKey });
      redirected.push(from);
    }
    const others = corpus.withKey(to.questionKey).filter((a) => a.subjectKey !== to.subjectKey && !moved.has(a.path));
    if (others.length > 0) {
      plan.warnings.push({
        kind: 'collision',
        path: from.path,
        message:
          `Moving ${name}: the question-key \`${to.questionKey}\` is also ${others.map(shortPath).sort().join(', ')}'s. ` +
          `A link or redirect that names it under a folder without the file then leads to neither for certain.`,
      });
    }
  }

  if (plan.redirects.length > 0) {
    const table = options.redirectEdit?.(plan.redirects);
    if (table) add(table.path, table.edits);
    else {
      plan.redirects.forEach((r, i) => {
        plan.warnings.push({
          kind: 'lost-address',
          path: redirected[i].path,
          message:
            `Moving ${r.previous}/${r.question}.md to ${r.current}/: its old address ${canonicalUrl(r.previous, r.question)} ` +
            `will be a 404 on the site, as this workspace has no redirect table to add its entry to.`,
        });
      });
    }
  }
  return plan;
}

/** The articles of the corpus that the renames move (a file, or every article under a folder), with where each goes. */
function articleMoves(corpus: Corpus, renames: readonly FileRename[]): ArticleMove[] {
  const out: ArticleMove[] = [];
  const root = `${corpus.learnRoot}/`;
  for (const rename of renames) {
    const from = toSlash(nodePath.resolve(rename.from));
    const to = toSlash(nodePath.resolve(rename.to));
    // only what lies in the learn folder: a subject folder or an article file
    if (!from.startsWith(root)) continue;
    const file = corpus.get(from);
    const pairs: [Article, string][] = file ? [[file, to]] : [];
    if (!file) for (const a of corpus.articles()) if (a.path.startsWith(`${from}/`)) pairs.push([a, to + a.path.slice(from.length)]);
    for (const [article, target] of pairs) {
      const loc = locateArticle(target);
      // leaving the learn folder is a deletion for the corpus: its referrers are flagged as it goes
      if (!loc || loc.learnRoot !== corpus.learnRoot) continue;
      if (loc.subjectKey === article.subjectKey && loc.questionKey === article.questionKey) continue;
      out.push({ from: article, to: loc });
    }
  }
  return out;
}

/** The `subject` a moved article takes, when its folder changes: its own if it fits the new folder, else the folder's. */
function newSubject(corpus: Corpus, { from, to }: ArticleMove): string | undefined {
  if (from.subjectKey === to.subjectKey) return undefined;
  if (from.subject !== undefined && subjectSlug(from.subject) === to.subjectKey) return from.subject;
  return subjectName(corpus, to.subjectKey);
}

/** The moved article's own fields that follow its place. */
function ownEdits(text: string, { to }: ArticleMove, subject: string | undefined): TextEdit[] {
  const model = readArticleModel(text);
  const lines = new LineIndex(text);
  const edits: TextEdit[] = [];
  const set = (field: Field | undefined, value: string) => {
    if (field && fieldText(field) !== value) edits.push(replaceValue(lines, field, value));
  };
  const place = locationFields(to);
  set(model.fields.get('url'), place.url);
  set(model.fields.get('file_name'), place.file_name);
  if (subject !== undefined) {
    set(model.fields.get('subject'), subject);
    const seo = model.fields.get('seo')?.children?.get('title');
    const seoText = fieldText(seo);
    if (seo && seoText !== undefined && !isSeoTitleOf(seoText, subject)) edits.push(replaceValue(lines, seo, seoTitle(subject)));
  }
  return edits;
}
