/**
 * Completion in an article's front matter, from the corpus index:
 * - in a `related_articleN` slot (on its `id:`, `title:` or `url:` value, a
 *   folded title's text, or a bare line in the slot): articles matched by id,
 *   question words and subject (core/authoring/search.ts), same subject first, without the
 *   article itself and the articles its other slots already link to. Accepting
 *   one rewrites the whole slot (`id`, `title`, `subject`, `url`) consistently in
 *   the file's style: indentation, `>-` titles, line endings;
 * - on a new top-level line: `related_articleN` for the next free slot;
 * - on a `subject:` value: the subjects the corpus uses.
 *
 * Items are LSP-shaped but LSP-free: `edit` is a single-line edit that contains
 * the cursor (what the editor filters on), `additionalEdits` the rest of the slot.
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { eolOf, indentOf, minimalEdits, relatedSlotStyle, scalarSource, type SlotStyle, type TextEdit } from './edits';
import type { ArticleModel, Position } from '../frontMatter/model';
import { canonicalUrl, subjectSlug } from '../site/paths';
import { RELATED_KEY, RELATED_SLOTS, relatedKey } from '../site/schema';
import { COMMON_WORDS, normalizeText, searchArticles, type SearchResult } from './search';
import { LineIndex } from '../frontMatter/lineIndex';

export interface CompletionInput {
  text: string;
  model: ArticleModel;
  /** The summary of `text` (its location, id, related links). */
  article: Article;
  corpus: Corpus;
  /** Text relevance of other articles to this one (e.g. from core/authoring/suggest.ts), to rank by when known. */
  relevance?: Relevance;
}

export interface CompletionEntry {
  kind: 'article' | 'slot' | 'subject';
  label: string;
  detail?: string;
  /** Shown beside the label (the subject of an article). */
  description?: string;
  filterText: string;
  sortText: string;
  edit: TextEdit;
  additionalEdits: TextEdit[];
  /** The linked article's path (for documentation, read later). */
  target?: string;
  /** Ask for completion again once accepted (a new slot continues with its article). */
  retrigger?: boolean;
  preselect?: boolean;
}

export interface CompletionList {
  items: CompletionEntry[];
  /** True when typing more should ask again (the list is capped or depends on the query). */
  isIncomplete: boolean;
}

/**
 * Items per list: more than the editor shows at once, and lists are incomplete,
 * so each keystroke asks again with a narrower query. A longer list makes a short
 * id prefix (with very many matches) much dearer to rank and send.
 */
export const COMPLETION_LIMIT = 25;

/** `key:` at the start of a (possibly indented) line. */
const KEY_LINE = /^( *)([A-Za-z_][A-Za-z0-9_]*):(?= |$)/;

export function complete(input: CompletionInput, position: Position, limit = COMPLETION_LIMIT): CompletionList | undefined {
  return new Completer(input, limit).run(position);
}

/** Where in the slot's new text the cursor line's edit starts. */
type Anchor = 'id' | 'title' | 'titleText' | 'url' | 'slotStart';

interface SlotContext {
  n: number;
  /** The slot's key line and the last line of its body. */
  keyLine: number;
  lastLine: number;
  line: number;
  /** Column where the cursor line's edit starts (the value, or the line's text). */
  mainStart: number;
  /** What was typed between `mainStart` and the cursor. */
  typed: string;
  anchor: Anchor;
  childIndent: number;
}

class Completer {
  private readonly lines: LineIndex;
  private readonly eol: string;
  private style: SlotStyle | undefined;

  constructor(
    private readonly input: CompletionInput,
    private readonly limit: number,
  ) {
    this.lines = new LineIndex(input.text);
    this.eol = eolOf(input.text);
  }

  run(pos: Position): CompletionList | undefined {
    const fm = this.frontMatter();
    if (!fm || pos.line <= fm.open || pos.line >= fm.close) return undefined;
    const text = this.lines.lineText(pos.line);
    const c = Math.min(pos.character, text.length);
    const blank = text.trim() === '';
    if ((!blank && indentOf(text) === 0) || (blank && c === 0)) return this.topLevel(pos.line, text, c);

    const keyLine = this.parentKeyLine(pos.line, fm.open);
    const parent = keyLine === undefined ? undefined : KEY_LINE.exec(this.lines.lineText(keyLine));
    const slot = parent && RELATED_KEY.exec(parent[2]);
    if (!slot) return undefined;

    const m = KEY_LINE.exec(text);
    if (m) {
      const valueStart = this.valueStart(text, m);
      if (c < valueStart) return undefined;
      if (m[2] === 'subject') return this.subjects(pos.line, valueStart, text, undefined);
      if (m[2] !== 'id' && m[2] !== 'title' && m[2] !== 'url') return undefined;
    }
    const ctx = this.slotContext(Number(slot[1]), keyLine!, pos.line, text, c, fm.close);
    return this.articles(ctx);
  }

  private frontMatter(): { open: number; close: number } | undefined {
    const fm = this.input.model.frontMatter;
    if (fm) return { open: fm.openLine, close: fm.closeLine };
    // typing a new article: no closing fence yet
    return /^---\s*$/.test(this.lines.lineText(0)) ? { open: 0, close: this.lines.lineCount } : undefined;
  }

  /** The nearest line above with a top-level key. */
  private parentKeyLine(line: number, open: number): number | undefined {
    for (let l = line - 1; l > open; l--) {
      const t = this.lines.lineText(l);
      if (t.trim() !== '' && indentOf(t) === 0) return l;
    }
    return undefined;
  }

  private valueStart(text: string, m: RegExpExecArray): number {
    const colon = m[0].length;
    return text[colon] === ' ' ? colon + 1 : colon;
  }

  // --- top level ---------------------------------------------------------------

  private topLevel(line: number, text: string, c: number): CompletionList | undefined {
    const m = KEY_LINE.exec(text);
    if (m) {
      const valueStart = this.valueStart(text, m);
      if (m[2] === 'subject' && c >= valueStart)
        return this.subjects(line, valueStart, text, this.input.corpus.subjectOfFolder(this.input.article.subjectKey));
      return undefined;
    }
    if (!/^[A-Za-z0-9_]*\s*$/.test(text)) return undefined;
    const used = new Set<number>();
    for (let l = 0; l < this.lines.lineCount; l++) {
      const k = RELATED_KEY.exec(KEY_LINE.exec(this.lines.lineText(l))?.[2] ?? '');
      if (k) used.add(Number(k[1]));
    }
    let n = 1;
    while (used.has(n)) n++;
    if (n > RELATED_SLOTS) return { items: [], isIncomplete: false };
    const key = relatedKey(n);
    const indent = relatedSlotStyle(this.input.model, this.lines).childIndent;
    return {
      items: [
        {
          kind: 'slot',
          label: key,
          detail: `Related article ${n}: choose the article next`,
          filterText: key,
          sortText: '0000',
          edit: {
            range: { start: { line, character: 0 }, end: { line, character: text.length } },
            newText: `${key}:${this.eol}${' '.repeat(indent)}id: `,
          },
          additionalEdits: [],
          retrigger: true,
          preselect: true,
        },
      ],
      isIncomplete: false,
    };
  }

  // --- subjects ----------------------------------------------------------------

  private subjects(line: number, valueStart: number, text: string, first: string | undefined): CompletionList {
    const counts = this.input.corpus.subjects();
    // the article's own (perhaps half-typed) subject does not count
    const own = this.input.corpus.get(this.input.article.path)?.subject;
    if (own !== undefined && counts.has(own)) counts.set(own, counts.get(own)! - 1);
    const names = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (first !== undefined) names.sort((a, b) => Number(b[0] === first) - Number(a[0] === first));
    const range = { start: { line, character: valueStart }, end: { line, character: text.length } };
    return {
      items: names.map(([name, n], i) => ({
        kind: 'subject',
        label: name,
        detail: `${n} article${n === 1 ? '' : 's'} · folder ${subjectSlug(name)}`,
        filterText: name,
        sortText: String(i).padStart(4, '0'),
        edit: { range, newText: scalarSource(name) },
        additionalEdits: [],
        preselect: name === first,
      })),
      isIncomplete: false,
    };
  }

  // --- related articles ----------------------------------------------------------

  private slotContext(n: number, keyLine: number, line: number, text: string, c: number, close: number): SlotContext {
    let lastLine = line;
    let childIndent: number | undefined;
    for (let l = keyLine + 1; l < close; l++) {
      const t = this.lines.lineText(l);
      if (t.trim() === '') continue;
      if (indentOf(t) === 0) break;
      lastLine = Math.max(lastLine, l);
      if (childIndent === undefined && KEY_LINE.test(t)) childIndent = indentOf(t);
    }
    childIndent ??= text.trim() !== '' ? indentOf(text) : relatedSlotStyle(this.input.model, this.lines).childIndent;

    const m = KEY_LINE.exec(text);
    let mainStart: number;
    let anchor: Anchor;
    if (m) {
      mainStart = this.valueStart(text, m);
      anchor = m[2] as 'id' | 'title' | 'url';
    } else {
      mainStart = text.trim() === '' ? c : indentOf(text);
      anchor = this.isTitleText(keyLine, line, text) ? 'titleText' : 'slotStart';
    }
    return { n, keyLine, lastLine, line, mainStart, typed: text.slice(mainStart, c), anchor, childIndent };
  }

  /** Whether a line is the text of the slot's folded `title: >-`. */
  private isTitleText(keyLine: number, line: number, text: string): boolean {
    for (let l = line - 1; l > keyLine; l--) {
      const t = this.lines.lineText(l);
      if (t.trim() === '' || indentOf(t) >= indentOf(text)) continue;
      const m = KEY_LINE.exec(t);
      return !!m && m[2] === 'title' && /^[>|]/.test(t.slice(m[0].length).trim());
    }
    return false;
  }

  private articles(ctx: SlotContext): CompletionList {
    const { article, corpus } = this.input;
    // a block scalar's header, or a url's fixed part, says nothing about the article
    const query = ctx.typed
      .replace(/^[>|][-+]?/, '')
      .replace(/^\/?learn(?:\/[^/]*(?:\/(?:questions\/?)?)?)?/, '')
      .trim();
    const found = relatedChoices(corpus, article, query, { limit: this.limit, exceptSlot: ctx.n, relevance: this.input.relevance });
    const items = found.articles.map((target, i) => this.articleItem(ctx, target, i));
    return { items, isIncomplete: true };
  }

  private articleItem(ctx: SlotContext, target: Article, i: number): CompletionEntry {
    const { body, anchor } = this.slotBody(ctx, target);
    const { lines } = this;
    const lineEnd = lines.lineText(ctx.line).length;
    const anchorEnd = body.indexOf(this.eol, anchor) === -1 ? body.length : body.indexOf(this.eol, anchor);
    const additional = [
      {
        range: { start: { line: ctx.keyLine + 1, character: 0 }, end: { line: ctx.line, character: ctx.mainStart } },
        newText: body.slice(0, anchor),
      },
      {
        range: {
          start: { line: ctx.line, character: lineEnd },
          end: { line: ctx.lastLine, character: lines.lineText(ctx.lastLine).length },
        },
        newText: body.slice(anchorEnd),
      },
    ].flatMap((e) => minimalEdits(lines, e));
    const title = target.title ?? target.questionKey;
    return {
      kind: 'article',
      label: title,
      detail: `#${target.id} · ${target.subject ?? target.subjectKey}`,
      description: target.subject ?? target.subjectKey,
      filterText: `${ctx.typed} ${title}`,
      sortText: String(i).padStart(4, '0'),
      edit: {
        range: { start: { line: ctx.line, character: ctx.mainStart }, end: { line: ctx.line, character: lineEnd } },
        newText: body.slice(anchor, anchorEnd),
      },
      additionalEdits: additional,
      target: target.path,
    };
  }

  /** The slot's new body (the lines under its key) pointing at `target`, and where the cursor line's edit starts in it. */
  private slotBody(ctx: SlotContext, target: Article): { body: string; anchor: number } {
    const style = (this.style ??= relatedSlotStyle(this.input.model, this.lines));
    const pad = ' '.repeat(ctx.childIndent);
    const contentIndent = style.contentIndent > ctx.childIndent ? style.contentIndent : 2 * ctx.childIndent;
    const out: string[] = [];
    const anchors: Partial<Record<Anchor, [number, number]>> = {};
    const add = (line: string, anchor?: Anchor, col = 0) => {
      if (anchor) anchors[anchor] = [out.length, col];
      out.push(line);
    };
    add(`${pad}id: ${target.id}`, 'id', pad.length + 4);
    anchors.slotStart = [0, pad.length];
    if (target.title !== undefined) {
      if (style.folded) {
        add(`${pad}title: >-`, 'title', pad.length + 7);
        add(`${' '.repeat(contentIndent)}${target.title}`, 'titleText', contentIndent);
      } else {
        add(`${pad}title: ${scalarSource(target.title)}`, 'title', pad.length + 7);
        anchors.titleText = anchors.title;
      }
    }
    if (target.subject !== undefined) add(`${pad}subject: ${scalarSource(target.subject)}`);
    add(`${pad}url: ${canonicalUrl(target.subjectKey, target.questionKey)}`, 'url', pad.length + 5);
    const [line, col] = anchors[ctx.anchor] ?? anchors.slotStart!;
    let offset = col;
    for (let l = 0; l < line; l++) offset += out[l].length + this.eol.length;
    return { body: out.join(this.eol), anchor: offset };
  }
}

/** An article's distinctive question words, as a query for "articles like this one". */
/** Relevance of other articles to one article: scores by path, and the paths best first (sorted once, not per request). */
export interface Relevance {
  score: ReadonlyMap<string, number>;
  ranked: readonly string[];
}

export function relevanceOf(score: ReadonlyMap<string, number>): Relevance {
  const ranked = [...score].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([path]) => path);
  return { score, ranked };
}

/**
 * Articles an author may link from `article`, best first, for what they typed:
 * never the article itself, its id, or what its other slots already link to;
 * same subject first. With nothing typed: the same subject's articles most like it.
 */
export function relatedChoices(
  corpus: Corpus,
  article: Article,
  query: string,
  options: { limit: number; exceptSlot?: number; relevance?: Relevance },
): SearchResult {
  const linkedIds = new Set<number>();
  const linkedPaths = new Set<string>();
  for (const link of article.links) {
    if (link.n === options.exceptSlot) continue;
    if (link.id !== undefined) linkedIds.add(link.id);
    const target = link.url !== undefined ? corpus.resolvedArticle(link.url) : undefined;
    if (target) linkedPaths.add(target.path);
  }
  const exclude = (a: Article) =>
    a.id === undefined || a.id <= 0 || a.path === article.path || a.id === article.id || linkedIds.has(a.id) || linkedPaths.has(a.path);
  const search = { limit: options.limit, subjectKey: article.subjectKey, exclude, uniqueIds: true };
  const relevance = options.relevance;
  if (!query.trim()) {
    return relevance && relevance.ranked.length > 0
      ? mostRelevant(corpus, relevance, exclude, options.limit)
      : searchArticles(corpus, ownWords(article), { ...search, onlySubject: true, anyWord: true });
  }
  const found = searchArticles(corpus, query, search);
  if (!relevance) return found;
  // every result matches what was typed; among them, the most relevant to this article first
  const score = (a: Article) => relevance.score.get(a.path) ?? -1;
  return {
    ...found,
    articles: found.articles
      .map((a, i) => ({ a, i }))
      .sort((x, y) => score(y.a) - score(x.a) || x.i - y.i)
      .map((x) => x.a),
  };
}

/** The most relevant articles (one per id) that may be linked. */
function mostRelevant(corpus: Corpus, relevance: Relevance, exclude: (a: Article) => boolean, limit: number): SearchResult {
  const out: Article[] = [];
  const ids = new Set<number>();
  for (const path of relevance.ranked) {
    const a = corpus.get(path);
    if (!a || exclude(a) || ids.has(a.id!)) continue;
    ids.add(a.id!);
    out.push(a);
    if (out.length === limit) return { articles: out, complete: false };
  }
  return { articles: out, complete: true };
}

function ownWords(article: Article): string {
  return normalizeText(article.title ?? article.questionKey.replace(/-/g, ' '))
    .split(' ')
    .filter((w) => w.length >= 4 && !COMMON_WORDS.has(w))
    .join(' ');
}
