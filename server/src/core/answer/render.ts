/**
 * The answer renderer: the site's pipeline, so the preview and
 * `quicktakes render` show what readers will see. Literal `\n` → newline, then
 * Markdown with GFM and `$`/`$$` math typeset by KaTeX. Raw HTML is shown as
 * text, as the site does. The result is sanitized: KaTeX's markup survives, but
 * scripts, event handlers and unsafe URLs never reach the preview.
 *
 * The preview's variant also tags each block (paragraph, heading, list item,
 * quote, code, table row, display formula) with the 0-based line of the answer
 * text it starts on, as `data-line`, after sanitizing: the preview scrolls with
 * the editor by these lines.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Html, Paragraph, Parent, Root as MdastRoot, Text } from 'mdast';
import rehypeKatex from 'rehype-katex';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { textOf } from '../frontMatter/model';
import { readArticleModel } from '../frontMatter/read';

/** The site's first step: every literal backslash-n (two characters) becomes a line break. */
export function answerMarkdown(answer: string): string {
  return answer.replaceAll('\\n', '\n');
}

/** Containers whose children are blocks: raw HTML there becomes a paragraph of text. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** remark plugin: raw HTML is shown, escaped, as text instead of being rendered or dropped. */
function rawHtmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, 'html', (node: Html, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value, position: node.position };
      const replacement: Text | Paragraph = FLOW_PARENTS.has(parent.type)
        ? { type: 'paragraph', children: [text], position: node.position }
        : text;
      parent.children[index] = replacement as (typeof parent.children)[number];
    });
  };
}

/** Every MathML element KaTeX emits (katex `MathNode` types). */
const MATHML_TAGS = [
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mstyle',
  'mtable',
  'mtr',
  'mtd',
  'mlabeledtr',
  'mover',
  'munder',
  'munderover',
  'mpadded',
  'mphantom',
  'menclose',
  'mglyph',
];

/** Every presentation attribute KaTeX sets on MathML elements (hast property names). */
const MATHML_ATTRIBUTES = [
  'accent',
  'accentunder',
  'columnalign',
  'columnlines',
  'columnspacing',
  'depth',
  'display',
  'displaystyle',
  'encoding',
  'fence',
  'height',
  'largeop',
  'linebreak',
  'linethickness',
  'lspace',
  'mathbackground',
  'mathcolor',
  'mathsize',
  'mathvariant',
  'maxsize',
  'minsize',
  'movablelimits',
  'notation',
  'rowalign',
  'rowlines',
  'rowspacing',
  'rspace',
  'scriptlevel',
  'separator',
  'stretchy',
  'symmetric',
  'voffset',
  'width',
  'xmlns',
];

const base = defaultSchema;

/**
 * GitHub's schema (rehype-sanitize's default) plus exactly what KaTeX needs:
 * class names and inline styles on spans, MathML, and the small SVGs it draws
 * (radicals, arrows, `\cancel`). Links only to http(s), mailto or relative URLs.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...base,
  tagNames: [...(base.tagNames ?? []), ...MATHML_TAGS, 'svg', 'path', 'line'],
  attributes: {
    ...base.attributes,
    span: [...(base.attributes?.span ?? []), 'className', 'style', 'ariaHidden', 'title'],
    code: [...(base.attributes?.code ?? []), 'className'],
    svg: ['xmlns', 'width', 'height', 'viewBox', 'preserveAspectRatio', 'style'],
    path: ['d'],
    line: ['x1', 'y1', 'x2', 'y2', 'strokeWidth'],
    ...Object.fromEntries(MATHML_TAGS.map((tag) => [tag, [...MATHML_ATTRIBUTES, 'style']])),
  },
  protocols: { ...base.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
  // No raw HTML reaches the tree, so the only ids are remark-rehype's footnote
  // ids, already prefixed `user-content-`; prefixing again would break their links.
  clobberPrefix: '',
};

/** Inline styles that could fetch or run something; KaTeX never emits these. */
const UNSAFE_STYLE = /url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding|[\\<>]/i;

/** rehype plugin (after sanitizing): drops any inline style that is not plain layout. */
function safeStyles() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const style = node.properties.style;
      if (typeof style === 'string' && UNSAFE_STYLE.test(style)) delete node.properties.style;
    });
  };
}

/** A transient element that carries a display formula's position through KaTeX, which replaces the formula's `<pre>`. */
const HELD_FORMULA = 'qt-held-formula';

const isMathCode = (e: ElementContent) =>
  e.type === 'element' && e.tagName === 'code' && ((e.properties.className as string[] | undefined) ?? []).includes('language-math');

/** rehype plugin (before KaTeX): wraps each display formula's `<pre>` in a HELD_FORMULA element with its position. */
function holdFormulaPositions() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined || !node.children.some(isMathCode)) return;
      parent.children[index] = { type: 'element', tagName: HELD_FORMULA, properties: {}, children: [node], position: node.position };
      return SKIP;
    });
  };
}

/** rehype plugin (after KaTeX): puts KaTeX's output in place of each HELD_FORMULA element, its first element keeping the position. */
function releaseFormulaPositions() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== HELD_FORMULA || !parent || index === undefined) return;
      const first = node.children.find((c) => c.type === 'element');
      if (first) first.position ??= node.position;
      parent.children.splice(index, 1, ...node.children);
      return index; // visit what took its place
    });
  };
}

/** The blocks that get a `data-line`; display formulas too (the only `span`s with a position: KaTeX's output does not have one). */
const LINE_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'table', 'tr', 'hr', 'span']);

/** rehype plugin (after sanitizing): `data-line` on each block, the 0-based answer-text line it starts on. */
function markSourceLines() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      // Footnotes are listed last whatever their lines: lines must grow down the page.
      if (node.properties.dataFootnotes) return SKIP;
      const line = node.position?.start.line;
      if (line !== undefined && LINE_TAGS.has(node.tagName)) node.properties.dataLine = line - 1;
    });
  };
}

/** The site's pipeline from Markdown to sanitized HTML; with `sourceLines`, the preview's (blocks tagged with their lines). */
function answerPipeline(sourceLines: boolean) {
  const only = (plugin: () => (tree: HastRoot) => void) => (sourceLines ? [plugin] : []);
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkMath)
      .use(rawHtmlAsText)
      .use(remarkRehype)
      .use(only(holdFormulaPositions))
      // Same output as KaTeX's default ('warn'), without logging LaTeX-compatibility notes.
      .use(rehypeKatex, { strict: 'ignore' })
      .use(only(releaseFormulaPositions))
      .use(rehypeSanitize, SANITIZE_SCHEMA)
      .use(safeStyles)
      .use(only(markSourceLines))
      .freeze()
  );
}

const toHast = answerPipeline(false);
const toLinedHast = answerPipeline(true);

const toHtml = unified().use(rehypeStringify).freeze();

/** The Markdown tree the site parses from an answer (math nodes included, raw HTML not yet turned into text). */
export function answerSyntaxTree(answer: string): MdastRoot {
  return markdownSyntaxTree(answerMarkdown(answer));
}

/** The same parser on Markdown already prepared (answer checks compare the site's text with what the author meant). */
export function markdownSyntaxTree(markdown: string): MdastRoot {
  return toHast.parse(markdown);
}

/** The sanitized HTML tree of an answer (for checks that inspect the output). */
export function answerTree(answer: string): HastRoot {
  const markdown = answerMarkdown(answer);
  return toHast.runSync(toHast.parse(markdown), markdown) as HastRoot;
}

/**
 * The preview's HTML of a Markdown tree from `markdownSyntaxTree` (the preview marks problems in the tree
 * first): the site's HTML with `data-line` on each block.
 */
export function renderPreviewTree(tree: MdastRoot, markdown: string): string {
  return toHtml.stringify(toLinedHast.runSync(tree, markdown) as HastRoot);
}

/** The answer's HTML fragment, as the site shows it (sanitized). */
export function renderAnswer(answer: string): string {
  return toHtml.stringify(answerTree(answer));
}

/**
 * An article's answer as text, from the article's whole text: `undefined` when
 * it has no `answer` field (or it is a mapping or list), `''` when it is empty.
 */
export function answerOfArticle(text: string): string | undefined {
  const field = readArticleModel(text).fields.get('answer');
  if (!field || field.value.kind !== 'scalar') return undefined;
  return textOf(field) ?? '';
}
