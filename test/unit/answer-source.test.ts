import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Scalar, stringify } from 'yaml';
import { ScalarSourceMap, type SourceEdit } from '../../server/src/core/answer/source';
import type { Range } from '../../server/src/core/frontMatter/model';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';

function answerMap(doc: string, parse: (t: string) => ReturnType<typeof parseArticle> = parseArticle): ScalarSourceMap {
  const field = parse(doc).fields.get('answer');
  assert.ok(field, 'the document has an answer');
  return ScalarSourceMap.of(field);
}

function covered(doc: string, range: Range): string {
  const lines = new LineIndex(doc);
  return doc.slice(lines.offset(range.start), lines.offset(range.end));
}

function applyEdit(doc: string, edit: SourceEdit): string {
  const lines = new LineIndex(doc);
  return doc.slice(0, lines.offset(edit.range.start)) + edit.newText + doc.slice(lines.offset(edit.range.end));
}

/** The source text under `needle` (first occurrence in the value). */
function sourceOf(doc: string, needle: string, map = answerMap(doc)): string {
  const i = map.value.indexOf(needle);
  assert.ok(i >= 0, `value contains ${needle}`);
  return covered(doc, map.range(i, i + needle.length));
}

const wrap = (answerLines: string, eol = '\n') => ['---', 'id: 1', answerLines, 'subject: Psychology', '---', '&nbsp;', ''].join(eol);

describe('answer source map', () => {
  it('maps a one-line `>-` answer (the corpus shape) to exact columns', () => {
    const doc = wrap('answer: >-\n    Hello $a \\neq b$ and \\(x\\).\\n\\nMore.');
    for (const parse of [parseArticle, readArticleModel]) {
      const map = answerMap(doc, parse);
      assert.equal(map.style, 'block-folded');
      assert.ok(map.exact);
      const i = map.value.indexOf('\\neq');
      assert.deepEqual(map.range(i, i + 4), { start: { line: 3, character: 13 }, end: { line: 3, character: 17 } });
      assert.equal(sourceOf(doc, '\\(x\\)', map), '\\(x\\)');
    }
  });

  it('maps through folded lines, CRLF and blank lines', () => {
    const doc = wrap(['answer: >-', '    First line $a', '    \\neq b$ end', '', '    after blank \\nu'].join('\r\n'), '\r\n');
    const map = answerMap(doc);
    assert.equal(map.value, 'First line $a \\neq b$ end\nafter blank \\nu');
    assert.ok(map.exact);
    assert.equal(sourceOf(doc, '\\neq', map), '\\neq');
    assert.deepEqual(map.range(map.value.indexOf('\\nu'), map.value.length), {
      start: { line: 6, character: 16 },
      end: { line: 6, character: 19 },
    });
    // A span across the fold covers the line break and indentation.
    const a = map.value.indexOf('$a');
    assert.equal(covered(doc, map.range(a, a + 7)), '$a\r\n    \\neq');
  });

  it('maps double-quoted escapes and folding', () => {
    const doc = wrap('answer: "Say \\"hi\\" \\\\neq \\u00e9 and\n  \\\\(x\\\\) end"');
    const map = answerMap(doc);
    assert.equal(map.style, 'double-quoted');
    assert.equal(map.value, 'Say "hi" \\neq é and \\(x\\) end');
    assert.ok(map.exact);
    assert.equal(sourceOf(doc, '\\neq', map), '\\\\neq');
    assert.equal(sourceOf(doc, 'é', map), '\\u00e9');
    assert.equal(sourceOf(doc, '\\(x\\)', map), '\\\\(x\\\\)');
  });

  it('maps single-quoted and plain multi-line scalars', () => {
    const single = wrap("answer: 'It''s \\neq\n    next line'");
    assert.equal(sourceOf(single, "It's"), "It''s");
    assert.equal(sourceOf(single, 'next'), 'next');
    const plain = wrap('answer: plain $x$\n    and \\nu here');
    const map = answerMap(plain);
    assert.equal(map.style, 'plain');
    assert.equal(map.value, 'plain $x$ and \\nu here');
    assert.equal(sourceOf(plain, '\\nu', map), '\\nu');
  });

  it('maps block scalars with indentation indicators, literal style and more-indented lines', () => {
    const explicit = wrap('answer: >2-\n    indented\n  x \\neq y');
    const m1 = answerMap(explicit);
    assert.equal(m1.value, '  indented\nx \\neq y');
    assert.equal(sourceOf(explicit, '\\neq', m1), '\\neq');
    const literal = wrap('answer: |\n  one\n    two \\nu\n  three');
    const m2 = answerMap(literal);
    assert.equal(m2.value, 'one\n  two \\nu\nthree\n');
    assert.ok(m2.exact);
    assert.equal(sourceOf(literal, '\\nu', m2), '\\nu');
    const more = wrap('answer: >\n  para\n\n    code \\neq\n  back');
    const m3 = answerMap(more);
    assert.equal(m3.value, 'para\n\n  code \\neq\nback\n');
    assert.equal(sourceOf(more, '\\neq', m3), '\\neq');
  });

  it('falls back to the whole value when the source cannot be replayed', () => {
    const doc = wrap('answer: >-\n    ok text');
    const field = parseArticle(doc).fields.get('answer')!;
    const tampered = {
      ...field,
      value: { kind: 'scalar' as const, value: 'something else', source: field.value.kind === 'scalar' ? field.value.source : '' },
    };
    const map = ScalarSourceMap.of(tampered);
    assert.equal(map.exact, false);
    assert.deepEqual(map.range(2, 4), field.valueRange);
    assert.equal(map.replace(2, 4, 'x'), undefined);
  });

  it('gives empty ranges at the end and clamps out-of-range offsets', () => {
    const doc = wrap('answer: >-\n    abc');
    const map = answerMap(doc);
    assert.deepEqual(map.range(3, 3), { start: { line: 3, character: 7 }, end: { line: 3, character: 7 } });
    assert.deepEqual(map.range(1, 99), { start: { line: 3, character: 5 }, end: { line: 3, character: 7 } });
  });

  it('replaces spans in each style so the parsed value changes exactly there', () => {
    const cases = [
      wrap('answer: >-\n    Hello $a \\neq b$ and more'),
      wrap(['answer: >-', '    Hello $a', '    \\neq b$ more'].join('\r\n'), '\r\n'),
      wrap('answer: "Hello $a \\\\neq b$ and\n  more"'),
      wrap("answer: 'Hello $a \\neq b$ it''s'"),
      wrap('answer: Hello $a \\neq b$ plain'),
    ];
    for (const doc of cases) {
      const map = answerMap(doc);
      const i = map.value.indexOf('\\neq');
      for (const replacement of ['≠', '\\$', 'a "quoted" \\\\ text', "it's"]) {
        const edit = map.replace(i, i + 4, replacement);
        assert.ok(edit, `${map.style} can take ${replacement}`);
        const after = parseArticle(applyEdit(doc, edit)).fields.get('answer')!;
        assert.equal(after.value.kind === 'scalar' && after.value.value, map.value.slice(0, i) + replacement + map.value.slice(i + 4));
      }
    }
  });

  it('refuses edits that would change the YAML structure or split an escape', () => {
    const plain = wrap('answer: Hello $a \\neq b$ plain');
    const map = answerMap(plain);
    const i = map.value.indexOf('\\neq');
    assert.equal(map.replace(i, i + 4, 'a: b'), undefined);
    assert.equal(map.replace(i, i + 4, 'x #comment'), undefined);
    assert.equal(map.replace(i, i + 4, 'two\nlines'), undefined);
    const quoted = wrap('answer: "x \\u00e9 \\\\neq"');
    const q = answerMap(quoted);
    const j = q.value.indexOf('\\neq');
    assert.equal(q.replace(j + 1, j + 2, 'x')?.newText, 'x', 'a verbatim character inside is fine');
    assert.equal(q.replace(j, j + 1, 'y')?.newText, 'y', 'a whole escape is fine');
    const emoji = wrap('answer: "face \\U0001F600 end"');
    const e = answerMap(emoji);
    const k = e.value.indexOf('\u{1F600}');
    assert.equal(e.replace(k, k + 1, 'x'), undefined, 'half of a surrogate pair made by one escape');
  });

  it('maps every character of generated scalars in every style (property)', () => {
    const styles = [Scalar.BLOCK_FOLDED, Scalar.BLOCK_LITERAL, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.PLAIN] as const;
    const textArb = fc.stringMatching(/^[a-z$\\()[\]{}"' é≠#:\n\t-]{1,80}$/);
    fc.assert(
      fc.property(textArb, fc.constantFrom(...styles), fc.integer({ min: 10, max: 40 }), fc.boolean(), (text, type, lineWidth, crlf) => {
        let yamlText: string;
        try {
          yamlText = stringify({ answer: text }, { defaultStringType: type, lineWidth, minContentWidth: 5 });
        } catch {
          return;
        }
        const doc = `---\n${yamlText}---\n`.replace(/\n/g, crlf ? '\r\n' : '\n');
        const model = parseArticle(doc);
        const field = model.fields.get('answer');
        if (!field || model.syntaxErrors.length > 0 || field.value.kind !== 'scalar' || typeof field.value.value !== 'string') return;
        const map = ScalarSourceMap.of(field);
        assert.ok(map.exact, `exact for ${JSON.stringify(doc)}`);
        const value = field.value.value;
        for (let i = 0; i < value.length; i++) {
          const ch = value[i];
          if (/\s/.test(ch)) continue;
          const src = covered(doc, map.range(i, i + 1));
          // A character comes from itself, a doubled quote, or an escape that yields it.
          const fromEscape = src.startsWith('\\') && src.length > 1;
          assert.ok(
            src === ch || src === "''" || fromEscape,
            `${JSON.stringify(ch)} at ${i} maps to ${JSON.stringify(src)} in ${JSON.stringify(doc)}`,
          );
        }
        // Replacing a non-blank character keeps the rest of the value intact.
        const at = value.search(/[a-z]/);
        if (at >= 0) {
          const edit = map.replace(at, at + 1, '\\$');
          assert.ok(edit, `editable: ${JSON.stringify(doc)}`);
          const after = parseArticle(applyEdit(doc, edit)).fields.get('answer')!;
          assert.equal(after.value.kind === 'scalar' && after.value.value, value.slice(0, at) + '\\$' + value.slice(at + 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});
