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
 * same question-key): the entries a move needs are returned, for the caller to
 * write into the table (authoring/redirects.ts), or a warning says the old
 * addresses will be 404s when the workspace has no table. A renamed
 * question-key has no such remedy: its old address will be a 404, which a
 * warning says, as it says when a renamed article takes a question-key another
 * subject folder has.
 *
 * The edits are on the files where they are before the move (an editor applies
 * them, then moves the files), each read as it is now through `textOf`.
 */
import * as nodePath from 'node:path';
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { shortPath } from '../checks/links';
import { replaceValue, type TextEdit } from './edits';
import { textOf as fieldText, type Field } from '../frontMatter/model';
import { atOnce } from '../loading/slices';
import { canonicalUrl, locateArticle, subjectSlug, toSlash, type ArticleLocation } from '../site/paths';
import type { Redirect } from '../site/routes';
import { isSeoTitleOf, locationFields, seoTitle } from '../site/schema';
import { subjectName } from './newArticle';
import { linkingPathSteps, readFile, slotsLinkingTo, type ReadFile } from './linkingSlots';

/** A file or folder renamed or moved (absolute paths). */
export interface FileRename {
  from: string;
  to: string;
}

export interface MoveOptions {
  /** A file's text as it is now (an open buffer, else the disk). */
  textOf: (path: string) => string;
  /**
   * Whether the workspace has a redirect table that the plan's `redirects` will be written into (by the caller, once
   * per table: learn folders may share one); without one, a move to another subject folder warns.
   */
  redirectTable?: boolean;
}

export interface ArticleMove {
  from: Article;
  to: ArticleLocation;
}

/** One warning per kind, however many articles it concerns. */
export interface MoveWarning {
  /**
   * `question-renamed`: a changed question-key, whose old address will be a 404;
   * `no-redirect-table`: a move to another subject folder with no redirect table to keep the old address;
   * `collision`: a changed question-key that another subject folder already has.
   */
  kind: 'question-renamed' | 'no-redirect-table' | 'collision';
  /** The moved articles concerned, where they are before the move. */
  paths: string[];
  message: string;
}

export interface MovePlan {
  moves: ArticleMove[];
  /** Path (before the move) → its edits. */
  edits: Map<string, TextEdit[]>;
  /** The redirect entries that keep the moved articles' old addresses alive. */
  redirects: Redirect[];
  warnings: MoveWarning[];
}

/** The edits, redirects and warnings of renaming `renames` (files or subject folders) in one corpus; others are left out. */
export function planMoves(corpus: Corpus, renames: readonly FileRename[], options: MoveOptions): MovePlan {
  return atOnce(planMoveSteps(corpus, renames, options));
}

/** `planMoves` as steps (one file read each), to run in slices: a subject folder holds thousands of articles. */
export function* planMoveSteps(corpus: Corpus, renames: readonly FileRename[], options: MoveOptions): Generator<void, MovePlan> {
  const moves = yield* articleMoveSteps(corpus, renames);
  const plan: MovePlan = { moves, edits: new Map(), redirects: [], warnings: [] };
  if (moves.length === 0) return plan;
  const add = (path: string, edits: TextEdit[]) => {
    if (edits.length > 0) plan.edits.set(path, [...(plan.edits.get(path) ?? []), ...edits]);
  };
  const subjectOf = new Map(moves.map((m) => [m.from, newSubject(corpus, m)]));
  const destination = new Map(moves.map((m) => [m.from, m.to]));
  const targets = new Set(destination.keys());
  const movedFrom = new Map(moves.map((m) => [m.from.path, m]));
  const linking = new Set(yield* linkingPathSteps(corpus, targets));
  // each file read once: a moved article may link to another
  for (const path of new Set([...movedFrom.keys(), ...linking])) {
    const file = readFile(path, options.textOf(path));
    const move = movedFrom.get(path);
    if (move) add(path, ownEdits(file, move, subjectOf.get(move.from)));
    if (linking.has(path)) {
      for (const { slot, target } of slotsLinkingTo(corpus, file, targets)) {
        const to = destination.get(target)!;
        const url = canonicalUrl(to.subjectKey, to.questionKey);
        if (slot.url && fieldText(slot.url) !== url) add(path, [replaceValue(file.lines, slot.url, url)]);
        const subject = subjectOf.get(target);
        if (subject !== undefined && slot.subject && fieldText(slot.subject) !== subject)
          add(path, [replaceValue(file.lines, slot.subject, subject)]);
      }
    }
    yield;
  }

  const renamed = moves.filter((m) => m.from.questionKey !== m.to.questionKey);
  const collisions = renamed.flatMap((m) => {
    const others = corpus.withKey(m.to.questionKey).filter((a) => a.subjectKey !== m.to.subjectKey && !destination.has(a));
    return others.length > 0 ? [{ move: m, others }] : [];
  });
  const moved = moves.filter((m) => m.from.questionKey === m.to.questionKey && m.from.subjectKey !== m.to.subjectKey);
  plan.redirects = moved.map(({ from, to }) => ({ previous: from.subjectKey, question: from.questionKey, current: to.subjectKey }));

  if (renamed.length > 0) plan.warnings.push(questionRenamed(renamed));
  if (collisions.length > 0) plan.warnings.push(collision(collisions));
  if (moved.length > 0 && !options.redirectTable) plan.warnings.push(noRedirectTable(moved));
  return plan;
}

/** The articles of the corpus that the renames move (a file, or every article under a folder), with where each goes. */
function* articleMoveSteps(corpus: Corpus, renames: readonly FileRename[]): Generator<void, ArticleMove[]> {
  const out: ArticleMove[] = [];
  const root = `${corpus.learnRoot}/`;
  for (const rename of renames) {
    const from = toSlash(nodePath.resolve(rename.from));
    const to = toSlash(nodePath.resolve(rename.to));
    // only what lies in the learn folder: a subject folder or an article file
    if (!from.startsWith(root)) continue;
    const file = corpus.get(from);
    const pairs: [Article, string][] = file ? [[file, to]] : [];
    let n = 0;
    if (!file) {
      for (const a of corpus.articles()) {
        if (a.path.startsWith(`${from}/`)) pairs.push([a, to + a.path.slice(from.length)]);
        if (++n % 1024 === 0) yield;
      }
    }
    for (const [article, target] of pairs) {
      if (++n % 256 === 0) yield;
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
function ownEdits({ model, lines }: ReadFile, { to }: ArticleMove, subject: string | undefined): TextEdit[] {
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

// --- warnings: one per kind, naming a few of the articles ----------------------

const NAMED = 3;

function listed(items: readonly string[]): string {
  const named = items.slice(0, NAMED).join(', ');
  return items.length > NAMED ? `${named} and ${items.length - NAMED} more` : named;
}

const oldUrl = (a: Article) => canonicalUrl(a.subjectKey, a.questionKey);
const paths = (moves: readonly ArticleMove[]) => moves.map((m) => m.from.path);

function questionRenamed(renamed: ArticleMove[]): MoveWarning {
  const why = '(a redirect entry can only keep a question-key that stays the same)';
  const [{ from, to }] = renamed;
  const message =
    renamed.length === 1
      ? `Renaming ${shortPath(from)} to ${shortPath(to)} changes its question-key: its old address ${oldUrl(from)} will be a 404 on the site ${why}.`
      : `${renamed.length} articles change their question-key: their old addresses (${listed(renamed.map((m) => oldUrl(m.from)))}) will be 404s on the site ${why}.`;
  return { kind: 'question-renamed', paths: paths(renamed), message };
}

function collision(found: { move: ArticleMove; others: Article[] }[]): MoveWarning {
  const why = 'A link or redirect that names it under a folder without the file then leads to neither for certain.';
  const [{ move, others }] = found;
  const message =
    found.length === 1
      ? `Renaming ${shortPath(move.from)} to ${shortPath(move.to)}: the question-key \`${move.to.questionKey}\` is also ${listed(others.map(shortPath).sort())}'s. ${why}`
      : `${found.length} renamed articles take a question-key another subject folder has: ${listed(found.map((c) => `${shortPath(c.move.to)} (also ${c.others.map(shortPath).sort().join(', ')})`))}. ${why}`;
  return { kind: 'collision', paths: paths(found.map((c) => c.move)), message };
}

function noRedirectTable(moved: ArticleMove[]): MoveWarning {
  const [{ from, to }] = moved;
  const message =
    moved.length === 1
      ? `Moving ${shortPath(from)} to ${to.subjectKey}/: its old address ${oldUrl(from)} will be a 404 on the site, as this workspace has no redirect table to add its entry to.`
      : `Moving ${moved.length} articles to another subject folder: their old addresses (${listed(moved.map((m) => oldUrl(m.from)))}) will be 404s on the site, as this workspace has no redirect table to add their entries to.`;
  return { kind: 'no-redirect-table', paths: paths(moved), message };
}
