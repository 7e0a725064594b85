/**
 * Front matter built from scratch for property tests of the fast reader: the
 * regular shape real articles have (plain and `>-` folded scalars, one level of
 * mappings), with odd characters, numbers, YAML look-alikes, extra spaces, blank
 * lines and CRLF mixed in at a low rate, so that the walker answers for many
 * texts and defers on the rest.
 */
import fc from 'fast-check';

const WORDS = ['How', 'do', 'ions', 'work?', 'x', 'Psychology', '/learn/a/questions/b', '2024-12-07', 'QuickTakes', '|', 'a-b', 'n'];
/** Characters and pieces where a byte walker and YAML could part ways. */
const ODD = [
  'é',
  '𝛼',
  '’',
  '🧠',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\ufeff',
  '\f',
  '\v',
  '\u0000',
  '\r',
  '\t',
  ':',
  ': ',
  ' #',
  '#',
  '-',
  '- ',
  '.',
  '"',
  "'",
  '[',
  '{',
  '&a',
  '*a',
  '!',
  '>',
  '%',
  '@',
  '`',
  ',',
  '?',
  '\\n',
];
const SCALARS = [
  '7',
  '-7',
  '007',
  '+3',
  '-1.0',
  '.5',
  '7.',
  '1e5',
  '0x1F',
  '0o7',
  'true',
  'False',
  'null',
  '~',
  '.inf',
  '-.Inf',
  '.nan',
  'yes',
  'no',
];

const word = fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 8 }, { arbitrary: fc.constantFrom(...ODD), weight: 1 });
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
const plainText = fc.oneof({ arbitrary: text, weight: 5 }, { arbitrary: fc.constantFrom(...SCALARS), weight: 2 });
const trailing = fc.constantFrom('', '', '', ' ', '   ');
const key = fc.oneof(
  fc.constantFrom('id', 'title', 'subject', 'url', 'date', 'answer', 'seo', 'related_article1', 'related_article2', 'related_article07'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
);
/** What follows the colon before a value: one space, or the irregular kinds. */
const separator = fc.oneof({ arbitrary: fc.constant(' '), weight: 12 }, { arbitrary: fc.constantFrom('', '  ', '\t'), weight: 1 });

type Value =
  | { kind: 'null'; trailing: string }
  | { kind: 'plain'; sep: string; text: string; trailing: string }
  | { kind: 'folded'; lines: string[]; trailing: string[] };

const scalarValue: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('null' as const), trailing }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('plain' as const), sep: separator, text: plainText, trailing }), weight: 5 },
  {
    arbitrary: fc.record({
      kind: fc.constant('folded' as const),
      lines: fc.array(text, { minLength: 1, maxLength: 3 }),
      trailing: fc.array(trailing, { minLength: 3, maxLength: 3 }),
    }),
    weight: 3,
  },
);

interface Entry {
  key: string;
  value: Value | { kind: 'map'; indent: number; children: { key: string; value: Value }[] };
}

const child = fc.record({ key, value: scalarValue });
const entry: fc.Arbitrary<Entry> = fc.record({
  key,
  value: fc.oneof(
    { arbitrary: scalarValue, weight: 4 },
    {
      arbitrary: fc.record({
        kind: fc.constant('map' as const),
        indent: fc.constantFrom(2, 4),
        children: fc.uniqueArray(child, { minLength: 1, maxLength: 4, selector: (c) => c.key }),
      }),
      weight: 1,
    },
  ),
});

function valueLines(v: Value, keyText: string, indent: number, contentIndent: number): string[] {
  const pad = ' '.repeat(indent);
  if (v.kind === 'null') return [`${pad}${keyText}:${v.trailing}`];
  if (v.kind === 'plain') return [`${pad}${keyText}:${v.sep}${v.text}${v.trailing}`];
  const content = ' '.repeat(contentIndent);
  return [`${pad}${keyText}: >-`, ...v.lines.map((l, i) => `${content}${l}${v.trailing[i]}`)];
}

/** A whole article: fences, front matter, and a short body. */
export const frontMatterArb: fc.Arbitrary<string> = fc
  .record({
    entries: fc.uniqueArray(entry, { minLength: 0, maxLength: 8, selector: (e) => e.key }),
    eol: fc.oneof({ arbitrary: fc.constant('\n'), weight: 4 }, { arbitrary: fc.constant('\r\n'), weight: 1 }),
    blankAfter: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    contentIndent: fc.constantFrom(4, 4, 2, 6),
    body: fc.constantFrom('', '\n&nbsp;', '\nSome text: not front matter\n---\n'),
  })
  .map(({ entries, eol, blankAfter, contentIndent, body }) => {
    const lines = ['---'];
    entries.forEach((e, i) => {
      if (e.value.kind === 'map') {
        const { indent, children } = e.value;
        lines.push(`${e.key}:`);
        for (const c of children) lines.push(...valueLines(c.value, c.key, indent, indent + contentIndent));
      } else {
        lines.push(...valueLines(e.value, e.key, 0, contentIndent));
      }
      if (blankAfter[i]) lines.push('');
    });
    lines.push('---');
    return lines.join(eol) + body;
  });
