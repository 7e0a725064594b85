/**
 * A fast reading of answers in the regular shape of the corpus: paragraphs,
 * headings and (nested) lists holding `$…$` formulas that open and close on one
 * line, `$$` formulas between fence lines, `\(…\)` pairs on one line. It gives
 * the same view as the site's parser (`parsedAnswerView`) far faster, and
 * returns undefined for anything outside that shape (code, HTML, links, tables,
 * quotes, a delimiter left open where the paragraph runs on, …): the parser
 * decides those. A corpus test checks that both agree.
 */
import { flowSpan, inAnswerOffsets, pairDelimiters, type AnswerView, type MathSpan, type SiteMarkdown, type TextRun } from './view';

/** Anything here hands the answer to the parser: tabs, links, escaped `$` or backticks, quotes, URLs near `$`. */
function isIrregular(md: string): boolean {
  return (
    md.includes('\t') ||
    md.includes('](') ||
    md.includes(']:') ||
    md.includes('\\$') ||
    md.includes('\\`') ||
    (md.includes('>') && /^ *>/m.test(md)) ||
    ((md.includes('http') || md.includes('www.')) && /(?:https?:\/\/|www\.)[^\s]*[$\\]/.test(md))
  );
}
/** Raw HTML or an autolink in text: the parser decides. */
const TAG = /<[A-Za-z/!?]/;
const TABLE_DELIMITER_ROW = /^[ |:-]*\|[ |:-]*-[ |:-]*$|^[ |:-]*-[ |:-]*\|[ |:-]*$/m;
/** A `$$` fence line (after its indentation): the run, then a meta part without `$`. */
const FENCE = /^(\${2,})([^$]*)$/;
/** A code fence line: a backtick fence's info has no backtick. */
const CODE_FENCE = /^(?:(`{3,})([^`]*)|(~{3,})(.*))$/;
/** Blocks of one line (after indentation): ATX heading, thematic break, setext underline. */
const ONE_LINE_BLOCK = /^(?:#{1,6}(?:[ \t]|$)|(?:[-*_] *){3,}$|=+ *$|-+ *$)/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^(?:[-*_] *){3,}$/;
const SETEXT_UNDERLINE = /^(?:=+|-+) *$/;
/** A list item marker with content after it. */
const MARKER = /^(?:[-*+]|(\d{1,9})[.)])( +)(?=\S)/;
const EMPTY_ITEM = /^(?:[-*+]|\d{1,9}[.)]) *$/;

class Decline extends Error {}

interface Line {
  start: number;
  end: number;
  indent: number;
  blank: boolean;
}

type Kind = 'blank' | 'paragraph' | 'heading' | 'break' | 'fence' | 'code' | 'item';

interface Item {
  /** Column of the marker. */
  marker: number;
  /** Column where the item's content starts. */
  content: number;
  ordered: boolean;
}

export function scanAnswerView(site: SiteMarkdown): AnswerView | undefined {
  const md = site.markdown;
  if (isIrregular(md) || (md.includes('|') && TABLE_DELIMITER_ROW.test(md))) return undefined;
  try {
    return new Scanner(site, md).run();
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

class Scanner {
  private readonly lines: Line[] = [];
  /** The open list items, innermost last. */
  private items: Item[] = [];
  private readonly math: MathSpan[] = [];
  private readonly text: TextRun[] = [];
  private readonly mayHaveTags: boolean;

  constructor(
    private readonly site: SiteMarkdown,
    private readonly md: string,
  ) {
    this.mayHaveTags = TAG.test(md);
    for (let start = 0; start <= md.length;) {
      const nl = md.indexOf('\n', start);
      const end = nl === -1 ? md.length : nl;
      let indent = 0;
      while (md[start + indent] === ' ') indent++;
      this.lines.push({ start, end, indent, blank: start + indent === end });
      if (nl === -1) break;
      start = nl + 1;
    }
  }

  run(): AnswerView {
    let previous: Kind = 'blank';
    /** The lines of the paragraph being read. */
    let paragraph: number[] = [];
    const flush = () => {
      if (paragraph.length > 0) this.inline(paragraph);
      paragraph = [];
    };
    for (let i = 0; i < this.lines.length; i++) {
      const kind = this.classify(i, previous);
      if (kind === 'paragraph' && (previous === 'paragraph' || previous === 'item')) {
        paragraph.push(i);
      } else {
        flush();
        if (kind === 'paragraph' || kind === 'item' || kind === 'heading') paragraph.push(i);
        if (kind === 'heading') flush();
        if (kind === 'fence' || kind === 'code') i = this.fenced(i, kind);
      }
      previous = kind;
    }
    flush();
    return inAnswerOffsets(this.site, this.math, pairDelimiters(this.md, this.text), []);
  }

  /** What line `i` is, updating the open list items. */
  private classify(i: number, previous: Kind): Kind {
    const line = this.lines[i];
    if (line.blank) return 'blank';
    const inParagraph = previous === 'paragraph' || previous === 'item';
    const rest = this.rest(line);
    const block = this.blockStart(line, inParagraph);
    if (EMPTY_ITEM.test(rest) && !(inParagraph && /^-+ *$/.test(rest))) throw new Decline(); // an empty list item
    if (inParagraph && block === undefined) return 'paragraph'; // a continuation (lazy or not)
    const closed: Item[] = [];
    while (this.items.length > 0 && line.indent < this.items[this.items.length - 1].content) closed.push(this.items.pop()!);
    if (line.indent - this.container() >= 4) throw new Decline(); // indented code
    if (block !== 'item') return block ?? 'paragraph';
    const m = MARKER.exec(rest)!;
    const ordered = m[1] !== undefined;
    // The first item of a new ordered list interrupts a paragraph only when it is numbered 1: otherwise the line is text.
    const sibling = closed.some((it) => it.ordered === ordered && it.marker <= line.indent);
    if (inParagraph && ordered && m[1] !== '1' && !sibling) throw new Decline();
    if (m[2].length > 4) throw new Decline(); // the item starts with indented code
    const content = line.indent + m[0].length;
    const first = this.md.slice(line.start + content, line.end);
    if (FENCE.test(first) || CODE_FENCE.test(first) || MARKER.test(first) || ONE_LINE_BLOCK.test(first)) throw new Decline();
    this.items.push({ marker: line.indent, content, ordered });
    return 'item';
  }

  /** The block a line starts (when not continuing a paragraph), judged against the open list items. */
  private blockStart(line: Line, inParagraph: boolean): Kind | undefined {
    let container = 0;
    for (const it of this.items) if (it.content <= line.indent) container = it.content;
    if (line.indent - container >= 4) return undefined;
    const rest = this.rest(line);
    if (FENCE.test(rest)) return 'fence';
    if (CODE_FENCE.test(rest)) return 'code';
    if (HEADING.test(rest)) return 'heading';
    if (THEMATIC_BREAK.test(rest)) return 'break';
    // An underline turns the paragraph into a heading only inside the paragraph's own container; elsewhere it is text.
    if (SETEXT_UNDERLINE.test(rest)) return inParagraph && line.indent >= this.container() ? 'break' : undefined;
    if (MARKER.test(rest)) return 'item';
    return undefined;
  }

  private container(): number {
    return this.items.length > 0 ? this.items[this.items.length - 1].content : 0;
  }

  private rest(line: Line): string {
    return this.md.slice(line.start + line.indent, line.end);
  }

  /**
   * A `$$` formula or a fenced code block from its fence line; returns the
   * closing line. Declines when it does not close inside its container, and on
   * ```` ```math ```` (a formula the parser should read).
   */
  private fenced(open: number, kind: 'fence' | 'code'): number {
    const fenceLine = this.lines[open];
    const container = this.container();
    const first = this.rest(fenceLine);
    let closes: RegExp;
    if (kind === 'fence') {
      closes = new RegExp(`^\\\${${FENCE.exec(first)![1].length},} *$`);
    } else {
      const m = CODE_FENCE.exec(first)!;
      const run = m[1] ?? m[3];
      if (/^\s*math\b/.test(m[2] ?? m[4])) throw new Decline();
      closes = new RegExp(`^\\${run[0]}{${run.length},} *$`);
    }
    const body: string[] = [];
    for (let i = open + 1; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line.blank && line.indent < Math.max(container, fenceLine.indent)) throw new Decline(); // could leave its list item
      if (closes.test(this.rest(line)) && line.indent - container <= 3) {
        if (kind === 'fence') {
          const start = fenceLine.start + fenceLine.indent;
          const fence = FENCE.exec(first)![1].length;
          this.math.push(flowSpan(this.md, 'flow', start, line.end, body.join('\n'), fence));
        }
        return i;
      }
      body.push(this.md.slice(line.start + Math.min(line.indent, fenceLine.indent), line.end));
    }
    throw new Decline(); // never closed: where it ends depends on its container
  }

  /**
   * The `$` runs of one paragraph (or heading), paired the way remark-math pairs
   * them: an opening run takes the next run of the same length; one with no
   * partner is text.
   */
  private inline(lines: number[]): void {
    const { md } = this;
    const block = lines[0];
    const runs: [number, number, string][] = [];
    for (const i of lines) {
      const line = this.lines[i];
      for (let at = line.start; at < line.end; at++) {
        const ch = md[at];
        if (ch !== '$' && ch !== '`') continue;
        let end = at;
        while (md[end] === ch) end++;
        runs.push([at, end - at, ch]);
        at = end - 1;
      }
    }
    // Formulas, and code spans (which hide the `$` inside them), in the order their openers come.
    const spans: MathSpan[] = [];
    const hidden: [number, number][] = [];
    for (let k = 0; k < runs.length; k++) {
      const [at, n, ch] = runs[k];
      let close = k + 1;
      while (close < runs.length && (runs[close][1] !== n || runs[close][2] !== ch)) close++;
      if (close === runs.length) continue;
      const end = runs[close][0] + n;
      hidden.push([at, end]);
      if (ch === '`') {
        k = close;
        continue;
      }
      const inner = md.slice(at + n, runs[close][0]);
      // A paragraph's continuation lines lose their indentation; remark-math drops one space of padding on each side.
      const tex = inner.replace(/\n +/g, '\n');
      const padded = /^[ \n][\s\S]*[ \n]$/.test(tex) && /[^ \n]/.test(tex);
      spans.push({
        kind: 'inline',
        start: at,
        end,
        contentStart: at + n,
        contentEnd: runs[close][0],
        tex: padded ? tex.slice(1, -1) : tex,
        display: false,
        fence: n,
        closed: true,
      });
      k = close;
    }
    this.math.push(...spans);
    // The text around formulas and code, line by line, as one block for pairing `\(…\)`.
    let s = 0;
    let covered = 0;
    for (const i of lines) {
      const line = this.lines[i];
      let from = Math.max(line.start, covered);
      for (; s < hidden.length && hidden[s][0] < line.end; s++) {
        if (hidden[s][0] > from) this.addText(from, hidden[s][0], block);
        from = covered = Math.max(from, hidden[s][1]);
      }
      if (line.end > from) this.addText(from, line.end, block);
    }
  }

  private addText(start: number, end: number, block: number): void {
    if (this.mayHaveTags && TAG.test(this.md.slice(start, end))) throw new Decline(); // HTML, or an autolink
    this.text.push({ start, end, block });
  }
}
