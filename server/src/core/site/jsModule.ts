/**
 * The site keeps its redirect table and subject list as ES modules, each
 * exporting an array of object literals (`export const NAME = [{ "key": "value" }, …]`).
 * This reads such an export with acorn, a real JavaScript parser, keeping the
 * offsets of the array, of every element and of every string value, so checks
 * can point at them and edits can rewrite them in place. Never throws: what
 * cannot be read is returned as a problem with its offsets.
 */
import {
  parse,
  type ArrayExpression,
  type Expression,
  type Declaration,
  type ModuleDeclaration,
  type Pattern,
  type Statement,
  type PrivateIdentifier,
  type Program,
  type Property,
} from 'acorn';

/** A span of the text, as offsets (`end` exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** A string-valued property: its value, and the span of its literal (quotes included). */
export interface StringValue extends Span {
  value: string;
}

/** One element of the exported array. */
export interface ArrayElement extends Span {
  /** Undefined when the element is not an object literal. */
  properties?: Map<string, StringValue | Span>;
}

export interface ExportedArray extends Span {
  elements: ArrayElement[];
}

export interface ModuleProblem extends Span {
  message: string;
}

type ExportedArrayResult = { ok: true; array: ExportedArray } | { ok: false; problem: ModuleProblem };

function isStringValue(v: StringValue | Span | undefined): v is StringValue {
  return v !== undefined && typeof (v as StringValue).value === 'string';
}

/** The array exported as `name` (by `export const name = [...]`, or a `const` exported by `export { name }`). */
function readExportedArray(text: string, name: string): ExportedArrayResult {
  let program: Program;
  try {
    program = parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch (e) {
    const err = e as SyntaxError & { pos?: number; raisedAt?: number };
    const start = typeof err.pos === 'number' ? err.pos : 0;
    const end = Math.max(start, typeof err.raisedAt === 'number' ? err.raisedAt : start);
    // acorn appends "(line:column)"; the diagnostic's range says where
    const message = `not a JavaScript module: ${String(err.message).replace(/\s*\(\d+:\d+\)$/, '')}`;
    return { ok: false, problem: { start, end, message } };
  }
  const init = exportedInit(program, name);
  const whole = { start: 0, end: Math.min(text.length, firstLineEnd(text)) };
  if (!init) return { ok: false, problem: { ...whole, message: `no \`export const ${name} = [ … ]\` in this file` } };
  if (init.type !== 'ArrayExpression') {
    return { ok: false, problem: { start: init.start, end: init.end, message: `\`${name}\` must be an array literal \`[ … ]\`` } };
  }
  return { ok: true, array: { start: init.start, end: init.end, elements: elementsOf(init) } };
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl === -1 ? text.length : nl;
}

/** The initializer of the top-level variable `name`, if the module exports it. */
function exportedInit(program: Program, name: string): Expression | undefined {
  let exported = false;
  let init: Expression | undefined;
  for (const statement of program.body) {
    let declaration: Statement | ModuleDeclaration | Declaration | null | undefined = statement;
    if (statement.type === 'ExportNamedDeclaration') {
      declaration = statement.declaration;
      for (const s of statement.specifiers)
        if (!statement.source && nameOf(s.exported) === name && nameOf(s.local) === name) exported = true;
    }
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === name && d.init) {
        init = d.init;
        if (statement.type === 'ExportNamedDeclaration') exported = true;
      }
    }
  }
  return exported ? init : undefined;
}

function nameOf(node: Expression | PrivateIdentifier): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal') return String(node.value);
  return undefined;
}

function elementsOf(array: ArrayExpression): ArrayElement[] {
  const out: ArrayElement[] = [];
  for (const element of array.elements) {
    if (!element) continue; // a hole (`[a, , b]`) is no entry
    if (element.type !== 'ObjectExpression') {
      out.push({ start: element.start, end: element.end });
      continue;
    }
    const properties = new Map<string, StringValue | Span>();
    for (const p of element.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyKey(p);
      if (key !== undefined) properties.set(key, valueOf(p.value));
    }
    out.push({ start: element.start, end: element.end, properties });
  }
  return out;
}

function propertyKey(p: Property): string | undefined {
  if (p.computed || p.kind !== 'init' || p.method) return undefined;
  return nameOf(p.key);
}

/** A string literal or a template literal without substitutions is a string; anything else is only a span. */
function valueOf(v: Expression | Pattern): StringValue | Span {
  if (v.type === 'Literal' && typeof v.value === 'string') return { start: v.start, end: v.end, value: v.value };
  if (v.type === 'TemplateLiteral' && v.expressions.length === 0) {
    const cooked = v.quasis[0]?.value.cooked;
    if (typeof cooked === 'string') return { start: v.start, end: v.end, value: cooked };
  }
  return { start: v.start, end: v.end };
}

/** An element of the array that has every required property as a string. */
export type ExportedRecord<F extends string> = Span & { [K in F]: StringValue } & {
  /** Its position among the array's elements. */
  element: number;
};

/** The array as written (undefined when the text has none), its valid records, and what is wrong. */
export interface ExportedRecords<F extends string> {
  array: ExportedArray | undefined;
  records: ExportedRecord<F>[];
  problems: ModuleProblem[];
}

/**
 * The records of the array exported as `name`, each an object literal with a
 * non-empty string for every one of `fields`; an element that is not is a
 * problem (and no record), `shape` being how the problem names the expected form.
 */
export function readExportedRecords<F extends string>(text: string, name: string, fields: readonly F[], shape: string): ExportedRecords<F> {
  const read = readExportedArray(text, name);
  if (!read.ok) return { array: undefined, records: [], problems: [read.problem] };
  const records: ExportedRecord<F>[] = [];
  const problems: ModuleProblem[] = [];
  read.array.elements.forEach((element, index) => {
    const { properties } = element;
    if (!properties) {
      problems.push({ start: element.start, end: element.end, message: `each entry of \`${name}\` must be an object ${shape}` });
      return;
    }
    const record: Record<string, StringValue> = {};
    for (const field of fields) {
      const value = properties.get(field);
      if (isStringValue(value) && value.value.trim() !== '') record[field] = value;
      else {
        const what = value ? 'must be a non-empty string' : 'is missing';
        problems.push({
          ...(value ?? element),
          message: `\`${field}\` ${what} in this entry of \`${name}\` ${shape}; the entry is ignored`,
        });
      }
    }
    if (fields.every((f) => record[f]))
      records.push({ ...(record as { [K in F]: StringValue }), start: element.start, end: element.end, element: index });
  });
  return { array: read.array, records, problems };
}
