/**
 * Quick fixes: for a diagnostic of an article, the text edits that resolve it,
 * when the fix is unambiguous. Used by the editor's code actions and by
 * `quicktakes fix`; pure (no LSP), the edits are LSP-shaped `{range, newText}`.
 *
 * API
 *   const input: FixInput = { text, model, article, corpus };
 *     text    the article's current text, BOM stripped (ranges are in it)
 *     model   readArticleModel(text)            (core/frontMatter/read.ts)
 *     article the summary of that same text     (articleFromText(location, text), core/corpus/article.ts)
 *     corpus  the Corpus of its learn folder    (the article itself may or may not be in it)
 *   fixesFor(input, diagnostic): Fix[]
 *     every fix of one diagnostic (as checkArticle returns it), preferred first;
 *     `[]` when there is none or it would be a guess.
 *   fixAll(input, diagnostics, { codes?, passes? }): { edits, fixed }
 *     the preferred fix of each given diagnostic (of `codes` only, when given),
 *     merged into one set of non-overlapping edits (conflicting fixes are left
 *     out; `fixed` says which of the given diagnostics the edits resolve). A fix
 *     can uncover another (a slot's corrected id may repeat an earlier slot's):
 *     the result is checked (checkArticle) and fixed again, up to `passes` (3)
 *     times; the edits are then the minimal line hunks from the original text
 *     to the final one.
 *   fixText(location, text, corpus, { codes?, passes? }): { text, before, after }
 *     fixAll for a whole file's text as it is (BOM kept): checks it, fixes it,
 *     checks the result; for `quicktakes fix`. UNFIXABLE_CODES: the codes no fix resolves.
 *   applyEdits(text, edits): string             (re-exported from core/authoring/edits.ts)
 *
 * What is fixed: a duplicate or self related slot is removed and the slots after
 * it renumbered (no gap); a slot's id/url/title/subject is set from its target
 * (the article its url resolves to, or its id's one article); `url`,
 * `file_name`, `subject`, `seo.title` from the file's location and subject; the
 * site's fixed values; missing fields whose value is certain are inserted in the
 * usual field order. Not fixed (ambiguous): duplicate-id, question-duplicate, yaml-syntax,
 * front-matter-missing, a url that 404s with no known id, a missing id/date/answer.
 * A slot that leads nowhere (url and id both unknown, as when its article was
 * deleted) gets a fix that removes it, never preferred (the author may rather
 * point it elsewhere: `replaceOrphanSlot`).
 * A diagnostic whose check computed its own fix carries it in `data.fixTitle` /
 * `data.edits` (the answer checks do); that fix is offered as is.
 *
 * Every edit keeps the file's line endings, indentation, `>-` folded style and
 * quoting, and touches only the text it must.
 */
import { articleFromText, type Article } from '../corpus/article';
import { checkArticle } from '../checks';
import type { Corpus } from '../corpus/corpus';
import type { Code, Diagnostic } from '../checks/diagnostics';
import {
  applyEdits,
  editsOverlap,
  entryLines,
  eolOf,
  indentOf,
  isBlockScalar,
  minimalEdits,
  relatedSlotStyle,
  replaceValue,
  sameEdit,
  sameRange,
  wholeLines,
  type TextEdit,
} from './edits';
import { collapseWhitespace, scalarOf, textOf, type ArticleModel, type Field, type Range, type RelatedSlot } from '../frontMatter/model';
import { canonicalUrl, subjectSlug, type ArticleLocation } from '../site/paths';
import {
  FIELD_ORDER,
  fixedValueOf,
  isSeoTitleOf,
  locationFields,
  RELATED_KEY_PREFIX,
  RELATED_SLOT_FIELDS,
  relatedKey,
  SEO_FIELDS,
  seoTitle,
  type RelatedSlotField,
} from '../site/schema';
import { idTarget, slotRange, urlTarget } from '../corpus/targets';
import { comparePositions, LineIndex, rangeContains } from '../frontMatter/lineIndex';

export { applyEdits, type TextEdit };

export interface FixInput {
  text: string;
  model: ArticleModel;
  article: Article;
  corpus: Corpus;
}

export interface Fix {
  /** What the fix does, for a menu. */
  title: string;
  code: Code;
  edits: TextEdit[];
  /** Certain enough to apply without asking: part of "fix all". */
  preferred: boolean;
  /** The related slot (its N) this fix removes, if it does. */
  removesSlot?: number;
}

export interface FixAllResult {
  edits: TextEdit[];
  /** The diagnostics the edits resolve. */
  fixed: Diagnostic[];
}

export function fixesFor(input: FixInput, diagnostic: Diagnostic): Fix[] {
  try {
    return new Fixer(input).fixes(diagnostic);
  } catch {
    return []; // a fix must never take its caller down
  }
}

/**
 * For a diagnostic on a related slot that leads nowhere (its article was
 * deleted, say): the fix that points the slot at `replacement` instead (the
 * best suggestion, which only the editor's suggestion index knows). Removing
 * such a slot is among `fixesFor`.
 */
export function replaceOrphanSlot(input: FixInput, diagnostic: Diagnostic, replacement: Article): Fix | undefined {
  try {
    return new Fixer(input).replaceOrphan(diagnostic, replacement);
  } catch {
    return undefined;
  }
}

export interface FixAllOptions {
  /** Only fix these codes (default: every code). */
  codes?: ReadonlySet<string>;
  /** How many times to check and fix again what fixing uncovered (default 3). */
  passes?: number;
}

export function fixAll(input: FixInput, diagnostics: readonly Diagnostic[], options: FixAllOptions = {}): FixAllResult {
  const { codes, passes = 3 } = options;
  const wanted = (d: Diagnostic) => !codes || codes.has(d.code);
  const first = fixOnce(input, diagnostics.filter(wanted));
  if (first.edits.length === 0 || passes <= 1) return first;
  // a fix can uncover another (a slot's corrected id repeats an earlier slot's): check the result again
  const { path, learnRoot, subjectKey, questionKey } = input.article;
  let text = applyEdits(input.text, first.edits);
  for (let pass = 1; pass < passes; pass++) {
    const article = articleFromText({ path, learnRoot, subjectKey, questionKey }, text);
    const again = checkArticle(article, article.model!, input.corpus).filter(wanted);
    const next = fixOnce({ text, model: article.model!, article, corpus: input.corpus }, again);
    if (next.edits.length === 0) break;
    text = applyEdits(text, next.edits);
  }
  const lines = new LineIndex(input.text);
  return { edits: minimalEdits(lines, { range: lines.range(0, input.text.length), newText: text }), fixed: first.fixed };
}

/**
 * Codes no fix resolves: a fix would be a guess (which copy keeps a shared id, which article keeps a question) or the
 * text is not YAML to edit;
 * an unused suppression is the author's comment, removed only by hand (authoring/suppress.ts offers it in the editor).
 */
export const UNFIXABLE_CODES: ReadonlySet<Code> = new Set<Code>([
  'duplicate-id',
  'question-duplicate',
  'yaml-syntax',
  'front-matter-missing',
  'unused-suppression',
]);

export interface FileFix {
  /** The fixed text (unchanged when there was nothing to fix); a BOM stays. */
  text: string;
  /** The file's diagnostics before and after (every code). */
  before: Diagnostic[];
  after: Diagnostic[];
}

/** "Fix all" for one file's text as it is now (checked here, so ranges fit the text): for `quicktakes fix`. */
export function fixText(location: ArticleLocation, text: string, corpus: Corpus, options: FixAllOptions = {}): FileFix {
  const bom = text.charCodeAt(0) === 0xfeff ? text[0] : '';
  const body = bom ? text.slice(1) : text;
  const article = articleFromText(location, body);
  const before = checkArticle(article, article.model!, corpus);
  const { edits } = fixAll({ text: body, model: article.model!, article, corpus }, before, options);
  if (edits.length === 0) return { text, before, after: before };
  const fixed = applyEdits(body, edits);
  const after = articleFromText(location, fixed);
  return { text: bom + fixed, before, after: checkArticle(after, after.model!, corpus) };
}

/** One pass: the preferred fixes of the diagnostics, merged. */
function fixOnce(input: FixInput, diagnostics: readonly Diagnostic[]): FixAllResult {
  const fixer = new Fixer(input);
  const chosen: { fix: Fix; d: Diagnostic }[] = [];
  for (const d of diagnostics) {
    let fix: Fix | undefined;
    try {
      fix = fixer.fixes(d).find((f) => f.preferred);
    } catch {
      fix = undefined;
    }
    if (fix) chosen.push({ fix, d });
  }

  const removed = [...new Set(chosen.flatMap((c) => (c.fix.removesSlot !== undefined ? [c.fix.removesSlot] : [])))];
  const edits = fixer.removeSlots(removed);
  const removedRanges = removed.flatMap((n) => fixer.slotLines(n) ?? []);
  const inRemoved = (r: Range) => removedRanges.some((g) => rangeContains(g, r.start) && rangeContains(g, r.end));
  const fixed: Diagnostic[] = [];

  for (const { fix, d } of chosen) {
    if (fix.removesSlot !== undefined || inRemoved(d.range)) {
      fixed.push(d);
      continue;
    }
    if (fix.edits.some((e) => inRemoved(e.range))) continue;
    const conflicts = (e: TextEdit) => edits.some((a) => !sameEdit(a, e) && !insertsAtSamePoint(a, e) && editsOverlap(a, e));
    if (fix.edits.some(conflicts)) continue; // another fix already changes this text
    for (const e of fix.edits) {
      if (edits.some((a) => sameEdit(a, e))) continue;
      const at = mergeableInsertion(edits, e);
      if (at) at.newText += e.newText;
      else edits.push({ ...e });
    }
    fixed.push(d);
  }
  // diagnostics without a fix of their own that sit in a removed slot are gone too
  for (const d of diagnostics) if (!fixed.includes(d) && inRemoved(d.range)) fixed.push(d);
  edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { edits, fixed };
}

function isInsertion(e: TextEdit): boolean {
  return comparePositions(e.range.start, e.range.end) === 0;
}

function insertsAtSamePoint(a: TextEdit, b: TextEdit): boolean {
  return isInsertion(a) && isInsertion(b) && comparePositions(a.range.start, b.range.start) === 0;
}

/** An insertion already taken at the same point as insertion `e`: the two are concatenated, in order. */
function mergeableInsertion(edits: TextEdit[], e: TextEdit): TextEdit | undefined {
  return edits.find((a) => insertsAtSamePoint(a, e));
}

const QUESTION_FIELDS = ['question', 'title', 'article_title'];

class Fixer {
  private readonly lines: LineIndex;
  private readonly eol: string;
  private readonly fields: Map<string, Field>;

  constructor(private readonly input: FixInput) {
    this.lines = new LineIndex(input.text);
    this.eol = eolOf(input.text);
    this.fields = input.model.fields;
  }

  fixes(d: Diagnostic): Fix[] {
    const fix = (title: string, edits: TextEdit[], preferred = true): Fix[] =>
      edits.length > 0 ? [{ title, code: d.code, edits, preferred }] : [];
    // a check that computed its fix along with the diagnostic (the answer checks) carries it
    const carried = d.data as { fixTitle?: string; edits?: TextEdit[] } | undefined;
    if (carried?.edits?.length) return fix(carried.fixTitle ?? `Fix ${d.code}`, carried.edits);
    switch (d.code) {
      case 'related-duplicate':
      case 'related-self': {
        const slot = this.slotOf(d);
        if (!slot) return [];
        const why = d.code === 'related-duplicate' ? 'the duplicate' : 'the self-link';
        return [
          {
            title: `Remove ${why} ${relatedKey(slot.n)}`,
            code: d.code,
            edits: this.removeSlots([slot.n]),
            preferred: true,
            removesSlot: slot.n,
          },
        ];
      }
      case 'related-unknown-id':
      case 'related-id-url-mismatch': {
        const slot = this.slotOf(d);
        if (!slot) return [];
        const byUrl = this.urlTarget(slot);
        if (byUrl?.id !== undefined && byUrl.id === this.input.article.id) {
          // its url leads to a copy of this very article (same id, another folder): a self-link
          const title = `Remove ${slot.field.key}: its url leads to a copy of this article`;
          return [{ title, code: d.code, edits: this.removeSlots([slot.n]), preferred: true, removesSlot: slot.n }];
        }
        if (this.isOrphan(slot)) return [this.removeOrphan(slot, d)];
        const out =
          byUrl?.id !== undefined
            ? fix(`Set ${slot.field.key}.id to ${byUrl.id} (the article its url leads to)`, this.syncSlot(slot, byUrl, ['id']))
            : [];
        const byId = d.code === 'related-id-url-mismatch' ? this.idTarget(slot) : undefined;
        if (byId && byId !== byUrl) {
          out.push(
            ...fix(
              `Point ${slot.field.key} at ${shortName(byId)} (its id's article): set url, title, subject`,
              this.syncSlot(slot, byId, ['title', 'subject', 'url']),
              false,
            ),
          );
        }
        return out;
      }
      case 'related-broken-url': {
        const slot = this.slotOf(d);
        if (slot && this.isOrphan(slot)) return [this.removeOrphan(slot, d)];
        // a question that moved without a redirect entry: its current address
        const moved = slot && this.urlTarget(slot);
        if (slot && moved) {
          return fix(
            `Set ${slot.field.key}.url to ${canonicalOf(moved)} (where the article is now)`,
            this.syncSlot(slot, moved, ['url', 'subject']),
          );
        }
        const target = slot && this.idTarget(slot);
        if (!slot || !target) return [];
        return fix(
          `Set ${slot.field.key}.url to ${canonicalOf(target)} (the article with id ${target.id})`,
          this.syncSlot(slot, target, ['url', 'title', 'subject']),
        );
      }
      case 'related-moved-url': {
        const slot = this.slotOf(d);
        const target = slot && this.urlTarget(slot);
        if (!slot || !target) return [];
        return fix(
          `Set ${slot.field.key}.url to ${canonicalOf(target)} (where the article is)`,
          this.syncSlot(slot, target, ['url', 'subject']),
        );
      }
      case 'related-title-mismatch': {
        const slot = this.slotOf(d);
        const target = slot && this.urlTarget(slot);
        if (!slot || !target) return [];
        return fix(`Set ${slot.field.key}.title to the target's title`, this.syncSlot(slot, target, ['title']));
      }
      case 'url-mismatch':
        return this.setField('url', this.fields.get('url'), locationFields(this.input.article).url, fix);
      case 'file-name-mismatch':
        return this.setField('file_name', this.fields.get('file_name'), locationFields(this.input.article).file_name, fix);
      case 'subject-mismatch':
        return this.subjectFixes(d, fix);
      case 'invalid-field':
        return this.invalidFieldFixes(d, fix);
      case 'missing-field':
        return this.missingFieldFixes(d, fix);
      default:
        return [];
    }
  }

  // --- related slots ---------------------------------------------------------

  private slotOf(d: Diagnostic): RelatedSlot | undefined {
    const slots = this.input.model.related;
    if (d.data?.slot !== undefined) return slots.find((s) => s.n === d.data!.slot);
    return slots.find((s) => rangeContains(slotRange(s), d.range.start));
  }

  /** The whole lines of slot `n`, with their line breaks. */
  slotLines(n: number): Range | undefined {
    const slot = this.input.model.related.find((s) => s.n === n);
    return slot && wholeLines(this.lines, slot.field.keyRange.start.line, slot.field.valueRange.end.line);
  }

  /** Removes slots (by N) and renumbers the slots after them so no gap opens. */
  removeSlots(ns: number[]): TextEdit[] {
    const gone = new Set(ns);
    const edits: TextEdit[] = [];
    for (const slot of this.input.model.related) {
      if (gone.has(slot.n)) {
        edits.push({ range: this.slotLines(slot.n)!, newText: '' });
        continue;
      }
      const shift = [...gone].filter((n) => n < slot.n).length;
      if (shift === 0) continue;
      const k = slot.field.keyRange;
      const digits = { start: { line: k.start.line, character: k.start.character + RELATED_KEY_PREFIX.length }, end: k.end };
      edits.push({ range: digits, newText: String(slot.n - shift) });
    }
    return edits;
  }

  /** A slot that leads nowhere: its url is no article's and its id none's (its article was deleted, say). */
  private isOrphan(slot: RelatedSlot): boolean {
    const id = scalarOf(slot.id);
    return !this.urlTarget(slot) && !(typeof id === 'number' && this.input.corpus.hasId(id));
  }

  /** Removing an orphan slot: the author's choice (replacing it may be better), so never applied by "fix all". */
  private removeOrphan(slot: RelatedSlot, d: Diagnostic): Fix {
    const title = `Remove ${slot.field.key} (it links to no article)`;
    return { title, code: d.code, edits: this.removeSlots([slot.n]), preferred: false, removesSlot: slot.n };
  }

  /** Points an orphan slot at `replacement` (its id, title, subject and url); undefined for a slot that leads somewhere. */
  replaceOrphan(d: Diagnostic, replacement: Article): Fix | undefined {
    const slot = this.slotOf(d);
    if (!slot || !this.isOrphan(slot)) return undefined;
    const edits = this.syncSlot(slot, replacement, [...RELATED_SLOT_FIELDS]);
    if (edits.length === 0) return undefined;
    const title = `Replace ${slot.field.key} with “${replacement.title ?? shortName(replacement)}” (the best suggestion)`;
    return { title, code: d.code, edits, preferred: false };
  }

  private urlTarget(slot: RelatedSlot): Article | undefined {
    return urlTarget(this.input.corpus, slot);
  }

  private idTarget(slot: RelatedSlot): Article | undefined {
    return idTarget(this.input.corpus, slot);
  }

  /** Edits that make the slot's `keys` agree with `target` (values replaced in place, missing ones inserted). */
  private syncSlot(slot: RelatedSlot, target: Article, keys: RelatedSlotField[]): TextEdit[] {
    const wanted: Record<RelatedSlotField, string | number | undefined> = {
      id: target.id,
      title: target.title,
      subject: target.subject,
      url: canonicalOf(target),
    };
    const edits: TextEdit[] = [];
    const inserts = new Map<number, string[]>();
    for (const key of keys) {
      const value = wanted[key];
      if (value === undefined) continue;
      const field = slot[key];
      if (field) {
        const current = key === 'id' ? scalarOf(field) : collapseWhitespace(textOf(field) ?? '');
        if (current !== value) edits.push(replaceValue(this.lines, field, value));
        continue;
      }
      if (slot.field.value.kind !== 'map') continue;
      const after = this.insertionLine(slot.field, RELATED_SLOT_FIELDS, key);
      const style = relatedSlotStyle(this.input.model, this.lines);
      const folded = key === 'title' && style.folded ? { contentIndent: style.contentIndent } : undefined;
      const lines = entryLines(key, value, this.childIndent(slot.field, style.childIndent), folded);
      inserts.set(after, [...(inserts.get(after) ?? []), ...lines]);
    }
    for (const [after, lines] of inserts) edits.push(this.insertAfter(after, lines));
    return edits;
  }

  // --- top-level fields --------------------------------------------------------

  private setField(name: string, field: Field | undefined, value: string, fix: FixFactory): Fix[] {
    if (!field || textOf(field) === value) return [];
    return fix(`Set ${name} to ${value}`, [replaceValue(this.lines, field, value)]);
  }

  private folderSubject(): string | undefined {
    return this.input.corpus.subjectOfFolder(this.input.article.subjectKey);
  }

  /** The subject the article should have: its own when it fits the folder, else the folder's. */
  private intendedSubject(): string | undefined {
    const own = textOf(this.fields.get('subject'));
    if (own !== undefined && subjectSlug(own) === this.input.article.subjectKey) return own;
    return this.folderSubject() ?? own;
  }

  private subjectFixes(d: Diagnostic, fix: FixFactory): Fix[] {
    const subject = this.fields.get('subject');
    const seoTitleField = this.fields.get('seo')?.children?.get('title');
    if (subject && d.data?.field === 'subject') {
      const name = this.folderSubject();
      if (!name) return [];
      const edits = [replaceValue(this.lines, subject, name)];
      const old = textOf(subject);
      const seoText = textOf(seoTitleField);
      // keep seo.title in step when it followed the old subject
      if (seoTitleField && seoText !== undefined && old !== undefined && isSeoTitleOf(seoText, old)) {
        edits.push(replaceValue(this.lines, seoTitleField, seoTitle(name)));
      }
      return fix(`Set subject to ${name} (the folder's subject)`, edits);
    }
    if (seoTitleField && d.data?.field === 'seo.title') {
      const name = this.intendedSubject();
      return name === undefined ? [] : this.setField('seo.title', seoTitleField, seoTitle(name), fix);
    }
    return [];
  }

  private invalidFieldFixes(d: Diagnostic, fix: FixFactory): Fix[] {
    const expected = d.data?.expected;
    if (expected !== undefined) {
      const field = d.data?.field === undefined ? undefined : this.fields.get(d.data.field);
      return field ? this.setField(field.key, field, String(expected), fix) : [];
    }
    // a related slot lacking id/title/url: fill it from its target, if it has one
    const slot = this.input.model.related.find((s) => sameRange(s.field.keyRange, d.range));
    if (!slot || slot.field.value.kind !== 'map') return [];
    const target = this.urlTarget(slot) ?? this.idTarget(slot);
    const missing = RELATED_SLOT_FIELDS.filter((k) => !slot[k]);
    if (!target || missing.length === 0) return [];
    return fix(`Complete ${slot.field.key} from ${shortName(target)} (${missing.join(', ')})`, this.syncSlot(slot, target, missing));
  }

  private missingFieldFixes(d: Diagnostic, fix: FixFactory): Fix[] {
    // the diagnostics fixed are always the server's own (code actions match the client's to them), so data is there
    const name = d.data?.field;
    if (!name) return [];
    if (name.startsWith('seo.')) {
      const seo = this.fields.get('seo');
      const key = name.slice(4);
      const subject = this.intendedSubject();
      if (key !== 'title' || !seo?.children || seo.children.size === 0 || subject === undefined) return [];
      const line = this.insertionLine(seo, SEO_FIELDS, key);
      return fix(`Add seo.title: ${seoTitle(subject)}`, [
        this.insertAfter(line, entryLines(key, seoTitle(subject), this.childIndent(seo, 2), undefined)),
      ]);
    }
    let value: string | undefined = fixedValueOf(name);
    let folded = false;
    if (name === 'url' || name === 'file_name') value = locationFields(this.input.article)[name];
    else if (name === 'subject') value = this.folderSubject();
    else if (QUESTION_FIELDS.includes(name)) {
      const source = QUESTION_FIELDS.map((k) => this.fields.get(k)).find((f) => f && f.key !== name && textOf(f));
      value = source && collapseWhitespace(textOf(source)!);
      folded = !source || isBlockScalar(source);
    }
    if (value === undefined || value === '') return [];
    const line = this.insertionLine(undefined, FIELD_ORDER, name);
    const lines = entryLines(name, value, 0, folded ? { contentIndent: this.topLevelFoldedIndent() } : undefined);
    return fix(`Add ${name}: ${value}`, [this.insertAfter(line, lines)]);
  }

  private topLevelFoldedIndent(): number {
    const folded = [...this.fields.values()].find(isBlockScalar);
    return folded ? indentOf(this.lines.lineText(folded.valueRange.start.line + 1)) : 4;
  }

  // --- insertion helpers -------------------------------------------------------

  /**
   * The line after which `key` goes: after the last present sibling that comes
   * before it in `order`, else right after the parent's key line (or the opening fence).
   */
  private insertionLine(parent: Field | undefined, order: readonly string[], key: string): number {
    const siblings = parent ? parent.children : this.fields;
    for (let i = order.indexOf(key) - 1; i >= 0; i--) {
      const f = siblings?.get(order[i]);
      if (f) return f.valueRange.end.line;
    }
    return parent ? parent.keyRange.start.line : (this.input.model.frontMatter?.openLine ?? 0);
  }

  private insertAfter(line: number, lines: string[]): TextEdit {
    const at = this.lines.position(line + 1 < this.lines.lineCount ? this.lines.lineStart(line + 1) : this.lines.text.length);
    return { range: { start: at, end: at }, newText: lines.map((l) => l + this.eol).join('') };
  }

  private childIndent(parent: Field, fallback: number): number {
    const child = parent.children?.values().next().value;
    return child ? child.keyRange.start.character : fallback;
  }
}

type FixFactory = (title: string, edits: TextEdit[], preferred?: boolean) => Fix[];

function canonicalOf(a: Article): string {
  return canonicalUrl(a.subjectKey, a.questionKey);
}

function shortName(a: Article): string {
  return `${a.subjectKey}/${a.questionKey}.md`;
}
