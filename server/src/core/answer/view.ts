/**
 * How the site reads an answer, in answer offsets: which spans become formulas
 * (and what KaTeX is given), which `\(…\)` / `\[…\]` pairs stay plain text, and
 * which raw HTML is shown as text. Read from the site's own parser
 * (`render.ts`), never guessed with patterns.
 *
 * Two readers give the same view: `parsedAnswerView` (the site's parser, costly
 * per answer) and `scanAnswerView` in scan.ts (fast, for the
 * regular shape of real answers; it declines anything else).
 *
 * `keep` names `\n` occurrences (by answer offset) to leave as written instead of
 * turning them into line breaks: the answer as its author meant it, for checks
 * that compare the site's reading with the intended one (e.g. `\neq`).
 */
import type { Nodes, Root } from 'mdast';
import { markdownSyntaxTree } from './render';

export interface MathSpan {
  kind: 'inline' | 'flow' | 'code';
  /** The whole formula, delimiters or fences included (answer offsets). */
  start: number;
  end: number;
  /** The TeX between the delimiters (for flow formulas: the lines between the fences). */
  contentStart: number;
  contentEnd: number;
  /** What KaTeX is given. */
  tex: string;
  display: boolean;
  /** Length of the opening `$` run (0 for a ```` ```math ```` block). */
  fence: number;
  /** False for a flow formula whose closing fence never comes (it runs to the end of its container). */
  closed: boolean;
}

/** A `\(…\)` or `\[…\]` pair in plain text (what the site shows as is). */
export interface DelimitedSpan {
  display: boolean;
  start: number;
  end: number;
  /** Each delimiter's extent (`\(`, or `\\(` when the backslash itself is escaped). */
  open: [number, number];
  close: [number, number];
  /** The Markdown between the delimiters. */
  tex: string;
}

export interface HtmlSpan {
  start: number;
  end: number;
  value: string;
}

export interface AnswerView {
  answer: string;
  /** The Markdown the parser saw. */
  markdown: string;
  math: MathSpan[];
  delimited: DelimitedSpan[];
  html: HtmlSpan[];
}

/** The answer after the site's `\n` → line break step (except the kept ones), with offsets back into the answer. */
export class SiteMarkdown {
  readonly markdown: string;
  /** Markdown offsets of the line breaks that stand for a `\n`, ascending. */
  private readonly breaks: number[] = [];

  constructor(
    readonly answer: string,
    keep: ReadonlySet<number> = new Set(),
  ) {
    let md = '';
    let last = 0;
    for (const at of literalNewlines(answer)) {
      if (keep.has(at)) continue;
      md += answer.slice(last, at);
      this.breaks.push(md.length);
      md += '\n';
      last = at + 2;
    }
    this.markdown = md + answer.slice(last);
  }

  /** The Markdown offset of an answer offset. */
  toMarkdown(offset: number): number {
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.breaks[mid] + mid + 2 <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  }

  /** The answer offset of a Markdown offset. */
  toAnswer(offset: number): number {
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.breaks[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  }
}

/** Offsets of the `\n` pairs the site replaces, in the order its left-to-right `replaceAll` meets them. */
export function literalNewlines(answer: string): number[] {
  const out: number[] = [];
  for (let i = answer.indexOf('\\n'); i !== -1; i = answer.indexOf('\\n', i + 2)) out.push(i);
  return out;
}

/** Blocks whose inline content is parsed on its own: delimiters never pair across them. */
const PHRASING_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

export interface TextRun {
  start: number;
  end: number;
  block: number;
}

/** The site's reading through the site's own parser (a few milliseconds per answer). */
export function parsedAnswerView(site: SiteMarkdown): AnswerView {
  const md = site.markdown;
  const tree = markdownSyntaxTree(md);
  const math: MathSpan[] = [];
  const html: HtmlSpan[] = [];
  const text: TextRun[] = [];
  let blocks = 0;

  const walk = (node: Nodes | Root, block: number): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      switch (node.type) {
        case 'inlineMath': {
          const fence = runLength(md, start, '$');
          math.push({
            kind: 'inline',
            start,
            end,
            contentStart: start + fence,
            contentEnd: end - fence,
            tex: node.value,
            display: false,
            fence,
            closed: true,
          });
          return;
        }
        case 'math':
          math.push(flowSpan(md, 'flow', start, end, node.value, runLength(md, start, '$')));
          return;
        case 'code':
          if (node.lang === 'math') math.push(flowSpan(md, 'code', start, end, node.value, 0));
          return;
        case 'html':
          html.push({ start, end, value: node.value });
          return;
        case 'text':
          text.push({ start, end, block });
          return;
      }
    }
    if ('children' in node) {
      const inner = PHRASING_BLOCKS.has(node.type) ? ++blocks : block;
      for (const child of node.children) walk(child as Nodes, inner);
    }
  };
  walk(tree, 0);

  return inAnswerOffsets(site, math, pairDelimiters(md, text), html);
}

/** The same view with Markdown offsets turned into answer offsets. */
export function inAnswerOffsets(site: SiteMarkdown, math: MathSpan[], delimited: DelimitedSpan[], html: HtmlSpan[]): AnswerView {
  const a = (o: number) => site.toAnswer(o);
  return {
    answer: site.answer,
    markdown: site.markdown,
    math: math.map((m) => ({ ...m, start: a(m.start), end: a(m.end), contentStart: a(m.contentStart), contentEnd: a(m.contentEnd) })),
    delimited: delimited.map((d) => ({
      ...d,
      start: a(d.start),
      end: a(d.end),
      open: [a(d.open[0]), a(d.open[1])],
      close: [a(d.close[0]), a(d.close[1])],
    })),
    html: html.map((h) => ({ ...h, start: a(h.start), end: a(h.end) })),
  };
}

function runLength(s: string, at: number, ch: string): number {
  let n = 0;
  while (s[at + n] === ch) n++;
  return n;
}

/** A flow formula: content is the lines between the fence lines; closed when the last line is a fence. */
export function flowSpan(md: string, kind: 'flow' | 'code', start: number, end: number, tex: string, fence: number): MathSpan {
  const source = md.slice(start, end);
  const firstBreak = source.indexOf('\n');
  const lastBreak = source.lastIndexOf('\n');
  const closer = kind === 'flow' ? /^[ \t>]*\${2,}[ \t]*$/ : /^[ \t>]*(?:`{3,}|~{3,})[ \t]*$/;
  const closed = firstBreak !== -1 && closer.test(source.slice(lastBreak + 1));
  const contentStart = firstBreak === -1 ? end : start + firstBreak + 1;
  const contentEnd = closed ? start + lastBreak : end;
  return { kind, start, end, contentStart, contentEnd: Math.max(contentStart, contentEnd), tex, display: true, fence, closed };
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

interface Token {
  kind: '(' | ')' | '[' | ']';
  start: number;
  end: number;
  block: number;
}

/**
 * `\(…\)` and `\[…\]` pairs within one block's text. The source of text nodes
 * still holds Markdown escapes: `\(` is an escaped `(` (readers see `(`), and
 * `\\(` an escaped backslash before `(` (readers see `\(`); both are delimiters
 * the author meant as math.
 */
export function pairDelimiters(md: string, runs: TextRun[]): DelimitedSpan[] {
  if (!md.includes('\\(') && !md.includes('\\[')) return []; // no opener anywhere
  const tokens: Token[] = [];
  for (const run of runs) {
    for (let i = run.start; i < run.end; i++) {
      if (md[i] !== '\\') continue;
      const next = md[i + 1];
      if (next === '\\' && isDelimiter(md[i + 2]) && i + 2 < run.end) {
        tokens.push({ kind: md[i + 2] as Token['kind'], start: i, end: i + 3, block: run.block });
        i += 2;
      } else if (isDelimiter(next) && i + 1 < run.end) {
        tokens.push({ kind: next as Token['kind'], start: i, end: i + 2, block: run.block });
        i += 1;
      } else if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        i += 1; // another escape: its character is not a delimiter
      }
    }
  }
  const out: DelimitedSpan[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const open = tokens[k];
    const close = tokens[k + 1];
    const display = open.kind === '[';
    if ((open.kind !== '(' && !display) || close.kind !== (display ? ']' : ')') || close.block !== open.block) continue;
    if (close.start === open.end) continue; // nothing between
    out.push({
      display,
      start: open.start,
      end: close.end,
      open: [open.start, open.end],
      close: [close.start, close.end],
      tex: md.slice(open.end, close.start),
    });
    k++;
  }
  return out;
}

function isDelimiter(ch: string | undefined): boolean {
  return ch === '(' || ch === ')' || ch === '[' || ch === ']';
}
