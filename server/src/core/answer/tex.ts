/**
 * KaTeX, asked the questions the answer checks need: does the site's KaTeX
 * reject this formula (and with what message), is `\name` a command it knows,
 * what does a formula read as, and which text renders exactly like a command
 * (for fixes that must survive the site's `\n` replacement). Answers are cached:
 * the corpus repeats the same small formulas thousands of times.
 */
import katex, { type KatexOptions } from 'katex';

class Cache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string, compute: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    const value = compute();
    if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
    return value;
  }
}

/** Letters, digits and operators only: KaTeX renders any such formula (most of the corpus's `$x$`). */
const PLAIN_TEX = /^[A-Za-z0-9\s+\-*/=<>.,;:!?()[\]|']*$/;

// module-wide on purpose: KaTeX's answer about a string never changes, and each cache is bounded
const errors = new Cache<string | null>(20_000);
const commands = new Cache<boolean>(2_000);
const equivalents = new Cache<string | null>(500);

type ParseOnly = (tex: string, options: KatexOptions) => unknown;

/**
 * KaTeX's parser alone (`__parse`, which KaTeX's own contrib scripts use): the
 * errors rehype-katex meets are the parser's, so asking it alone
 * spares building MathML. Falls back to
 * rendering should a KaTeX release drop it.
 */
const parseOnly: ParseOnly =
  typeof (katex as unknown as { __parse?: unknown }).__parse === 'function'
    ? (katex as unknown as { __parse: ParseOnly }).__parse
    : (tex, options) => katex.renderToString(tex, { ...options, output: 'mathml' });

/** KaTeX's error for a formula, as the site's renderer (rehype-katex) meets it; undefined when it renders. */
export function texError(tex: string, display: boolean): string | undefined {
  if (PLAIN_TEX.test(tex)) return undefined;
  const message = errors.get(`${display ? 'D' : 'I'}${tex}`, () => {
    try {
      parseOnly(tex, { displayMode: display, throwOnError: true, strict: 'ignore' });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  });
  return message ?? undefined;
}

/** Whether `\name` is a control sequence KaTeX defines (arguments aside). */
export function isTexCommand(name: string): boolean {
  return commands.get(name, () => {
    const message = texError(`\\${name}`, false);
    return message === undefined || !message.includes('Undefined control sequence');
  });
}

/**
 * Text without `\n` that KaTeX renders exactly like `\name` (compared on the
 * rendered HTML and MathML): the Unicode character KaTeX itself uses for a
 * symbol (`\neq` → `≠`), `\\` for `\newline`, or nothing for a command that
 * renders nothing. Undefined when no such text exists.
 */
export function texEquivalent(name: string): string | undefined {
  const found = equivalents.get(name, () => {
    const wanted = renderedInContext(`\\${name}`);
    if (wanted === undefined) return null;
    const candidates = [symbolOf(`\\${name}`), '\\\\', ''].filter((c): c is string => c !== undefined && !c.includes('\\n'));
    return candidates.find((c) => renderedInContext(c, 'error') === wanted) ?? null;
  });
  return found ?? undefined;
}

/** How a formula reads as plain text (what a reader sees, without the layout). */
export function texPlainText(tex: string, display: boolean): string {
  try {
    const mathml = katex.renderToString(tex, { displayMode: display, output: 'mathml', throwOnError: true, strict: 'ignore' });
    const body = mathml.replace(/<annotation[\s\S]*?<\/annotation>/, '');
    return decodeEntities(body.replace(/<[^>]*>/g, ''));
  } catch {
    return tex;
  }
}

/** The HTML KaTeX makes of `x <tex> y` (the annotation, which quotes the source, left out). */
function renderedInContext(tex: string, strict: 'ignore' | 'error' = 'ignore'): string | undefined {
  try {
    const html = katex.renderToString(`x${tex} y`, { throwOnError: true, strict });
    return html.replace(/<annotation[\s\S]*?<\/annotation>/, '');
  } catch {
    return undefined;
  }
}

/** The one character KaTeX's MathML uses for a symbol command, if it is one. */
function symbolOf(tex: string): string | undefined {
  try {
    const mathml = katex.renderToString(tex, { output: 'mathml', throwOnError: true, strict: 'ignore' });
    const m = /<semantics><mrow><m[io](?: [^>]*)?>([^<]+)<\/m[io]><\/mrow><annotation/.exec(mathml);
    const ch = m ? decodeEntities(m[1]) : undefined;
    return ch !== undefined && [...ch].length === 1 ? ch : undefined;
  } catch {
    return undefined;
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()]!;
  });
}
