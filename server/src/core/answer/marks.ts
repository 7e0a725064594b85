/**
 * The preview's answer: the site's HTML with each problem the answer checks
 * find marked where it shows (a `qt-problem` span around the formula or text,
 * or a badge before a raw tag, whose title is the diagnostic's message), so the
 * author sees the broken formula in place; media/preview.css draws them.
 * Each block carries the answer-text line it starts on (`data-line`), for
 * scroll sync. `quicktakes render` keeps the unmarked site HTML (renderAnswer).
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { SiteMarkdown } from './view';
import { answerFindings, type AnswerFinding } from '../checks/answer';
import { CODES } from '../checks/diagnostics';
import { markdownSyntaxTree, renderPreviewTree } from './render';

/** The answer's HTML as the site renders it, with its problems marked and its blocks' lines. */
export function markedAnswerHtml(answer: string): string {
  const findings = answerFindings(answer).filter((f) => f.code !== 'answer-empty');
  const site = new SiteMarkdown(answer);
  const md = site.markdown;
  const tree = markdownSyntaxTree(md);
  for (const f of findings) mark(tree, md, f, site.toMarkdown(f.start), site.toMarkdown(f.end));
  return renderPreviewTree(tree, md);
}

const isFormula = (n: Nodes) => n.type === 'inlineMath' || n.type === 'math' || (n.type === 'code' && n.lang === 'math');
const startsAt = (at: number, test: (n: Nodes) => boolean) => (n: Nodes) => test(n) && offsets(n)?.[0] === at;

/** Wraps what the site shows for a finding: its formula, its tag, or the text it covers. */
function mark(tree: Root, md: string, f: AnswerFinding, start: number, end: number): void {
  switch (f.code) {
    case 'answer-tex-newline': {
      const formula = innermost(tree, start, isFormula);
      if (formula) wrap(formula, f);
      return;
    }
    case 'answer-math-error':
    case 'answer-currency-dollar': {
      const formula = findNode(tree, startsAt(start, isFormula));
      if (formula) wrap(formula, f);
      return;
    }
    case 'answer-raw-html': {
      // A badge before the tag: the markup stays as the site shows it (a tag between blocks becomes a paragraph there too).
      const tag = findNode(
        tree,
        startsAt(start, (n) => n.type === 'html'),
      );
      if (!tag) return;
      const badged = [wrapper([], f), tag.node as PhrasingContent];
      const flow = ['root', 'blockquote', 'listItem', 'footnoteDefinition'].includes(tag.parent.type);
      const replacement = flow ? [{ type: 'paragraph', children: badged, position: tag.node.position }] : badged;
      tag.parent.children.splice(tag.index, 1, ...(replacement as typeof tag.parent.children));
      return;
    }
    case 'answer-math-delimiter': {
      const text = findNode(tree, (n) => {
        const at = offsets(n);
        return n.type === 'text' && at !== undefined && at[0] <= start && at[1] >= end;
      });
      if (text) wrapTextRange(md, text, f, start, end);
      return;
    }
  }
}

interface Found {
  node: Nodes;
  parent: Parent;
  index: number;
}

interface Wrapper {
  type: 'qtProblem';
  children: PhrasingContent[];
  data: { hName: 'span'; hProperties: { className: string[]; title: string } };
}

function wrap(found: Found, f: AnswerFinding): void {
  const parent = found.parent as unknown as Wrapper;
  if (parent.type === 'qtProblem') {
    parent.data.hProperties.title += `\n${titleOf(f)}`; // a second problem in the same formula
    return;
  }
  found.parent.children[found.index] = wrapper([found.node as PhrasingContent], f) as (typeof found.parent.children)[number];
}

/** Splits a text node so the part the finding covers (source offsets) is wrapped; the whole node when escapes make that unclear. */
function wrapTextRange(source: string, found: Found, f: AnswerFinding, start: number, end: number): void {
  const text = found.node as Text;
  const [from, to] = offsets(text)!;
  const at = valueOffsets(source.slice(from, to), text.value);
  const [s, e] = at ? [at[start - from], at[end - from]] : [0, text.value.length];
  // the parts around the mark keep their places, so another finding in the same text still finds its part
  const { start: first, end: last } = text.position!;
  const parts: PhrasingContent[] = [
    { type: 'text', value: text.value.slice(0, s), position: { start: first, end: pointAt(source, first, start) } },
    wrapper([{ type: 'text', value: text.value.slice(s, e) }], f),
    { type: 'text', value: text.value.slice(e), position: { start: pointAt(source, first, end), end: last } },
  ];
  found.parent.children.splice(
    found.index,
    1,
    ...(parts.filter((p) => p.type !== 'text' || p.value !== '') as typeof found.parent.children),
  );
}

function wrapper(children: PhrasingContent[], f: AnswerFinding): PhrasingContent {
  const severity = CODES[f.code].severity;
  const node: Wrapper = {
    type: 'qtProblem',
    children,
    data: { hName: 'span', hProperties: { className: ['qt-problem', `qt-problem-${severity}`], title: titleOf(f) } },
  };
  return node as unknown as PhrasingContent;
}

/** The message as a tooltip: plain text, no markup quoted. */
function titleOf(f: AnswerFinding): string {
  if (f.code === 'answer-raw-html') return 'Raw HTML: the site shows it as text, not rendered as HTML.';
  return f.message.replace(/`/g, '');
}

/**
 * For each source offset of a text node (and its end), the offset in its value:
 * backslash escapes take two source characters for one. Undefined when the two
 * do not line up that simply (entities, line breaks): the whole node is marked.
 */
function valueOffsets(source: string, value: string): number[] | undefined {
  const at: number[] = [];
  let j = 0;
  for (let i = 0; i < source.length; i++) {
    at[i] = j;
    if (source[i] === '\\' && /[!-/:-@[-`{-~]/.test(source[i + 1] ?? '') && value[j] === source[i + 1]) {
      at[++i] = j + 1; // the escaped character itself
      j++;
    } else if (source[i] === value[j]) {
      j++;
    } else {
      return undefined;
    }
  }
  at[source.length] = j;
  return j === value.length ? at : undefined;
}

type Point = NonNullable<Text['position']>['start'];

/** The point at `offset` of `source`, counted on from `from` (a point before it). */
function pointAt(source: string, from: Point, offset: number): Point {
  let { line, column } = from;
  for (let i = from.offset ?? 0; i < offset; i++) {
    if (source[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column, offset };
}

function offsets(n: Nodes): [number, number] | undefined {
  const s = n.position?.start.offset;
  const e = n.position?.end.offset;
  return s === undefined || e === undefined ? undefined : [s, e];
}

function findNode(tree: Root, test: (n: Nodes) => boolean): Found | undefined {
  const walk = (parent: Parent): Found | undefined => {
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index] as Nodes;
      if (test(node)) return { node, parent, index };
      if ('children' in node) {
        const inner = walk(node as Parent);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(tree);
}

/** The innermost node passing `test` whose source holds `at`. */
function innermost(tree: Root, at: number, test: (n: Nodes) => boolean): Found | undefined {
  return findNode(tree, (n) => {
    const o = offsets(n);
    return test(n) && o !== undefined && o[0] <= at && at < o[1];
  });
}
