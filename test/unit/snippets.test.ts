/**
 * The snippets, expanded as VS Code expands them (tab stops, mirrors, variables,
 * regex transforms) and checked by the core: what they produce passes the checks
 * and writes the site's schema (JSON cannot import schema.ts, so this keeps them in step).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { articleFromText } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import { DESCRIPTION_PLACEHOLDER, KEYWORDS_PLACEHOLDER, newArticle } from '../../server/src/core/authoring/newArticle';
import { textOf } from '../../server/src/core/frontMatter/model';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { FIELD_ORDER, FIXED_VALUES, RELATED_KEY, RELATED_SLOT_FIELDS, SEO_FIELDS, seoTitle } from '../../server/src/core/site/schema';
import { PROJECT_ROOT } from '../support/corpus';
import { articleText, fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

const SNIPPETS: Record<string, Snippet> = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'snippets/quicktakes.json'), 'utf8'));

/**
 * A small expander for VS Code's snippet syntax: `$n`, `${n}`, `${n:default}`
 * (mirrors take the value of the first occurrence), `$VAR`, `${VAR}`,
 * `${VAR:default}`, `${VAR/regex/format/flags}` and escapes.
 */
function expand(body: string, variables: Record<string, string>, fill: Record<number, string> = {}): string {
  const values = new Map<number, string>(Object.entries(fill).map(([k, v]) => [Number(k), v]));
  let i = 0;
  const parse = (stop: string): string => {
    let out = '';
    while (i < body.length && !stop.includes(body[i])) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  const dollar = (): string => {
    i++; // $
    const simple = /^(\d+|[A-Z_]+)/.exec(body.slice(i));
    if (simple && body[i] !== '{') {
      i += simple[1].length;
      return resolve(simple[1], undefined);
    }
    assert.equal(body[i], '{', `bad snippet syntax at ${i}`);
    i++;
    const name = /^(\d+|[A-Z_]+)/.exec(body.slice(i))![1];
    i += name.length;
    let result: string;
    if (body[i] === ':') {
      i++;
      result = resolve(name, parse('}'));
    } else if (body[i] === '/') {
      i++;
      const regex = until('/');
      const format = until('/');
      const flags = until('}');
      i--; // leave the closing brace
      result = transform(resolve(name, ''), new RegExp(regex, flags), format);
    } else {
      result = resolve(name, undefined);
    }
    assert.equal(body[i], '}', `unclosed \${ at ${i}`);
    i++;
    return result;
  };
  // Reads up to an unescaped `end` outside `\${…}` (formats hold `\${1:/capitalize}`).
  const until = (end: string): string => {
    let s = '';
    let depth = 0;
    while (depth > 0 || body[i] !== end) {
      if (body[i] === '\\' && body[i + 1] === '/') {
        s += '/';
        i += 2;
        continue;
      }
      if (body[i] === '$' && body[i + 1] === '{') depth++;
      else if (body[i] === '}' && depth > 0) depth--;
      s += body[i++];
    }
    i++;
    return s;
  };
  const resolve = (name: string, fallback: string | undefined): string => {
    if (/^\d+$/.test(name)) {
      const n = Number(name);
      if (!values.has(n)) values.set(n, fallback ?? '');
      return values.get(n)!;
    }
    return variables[name] ?? fallback ?? '';
  };
  return parse('');
}

/** The format part of a transform: `$n`, `${n}`, `${n:/upcase|downcase|capitalize}`, `${n:+if}`, `${n:-else}`. */
function transform(value: string, regex: RegExp, format: string): string {
  return value.replace(regex, (...m: unknown[]) => {
    const groups = m.slice(0, -2) as (string | undefined)[];
    return format.replace(/\$(\d+)|\$\{(\d+)(?::(\/\w+|\+[^}]*|-[^}]*))?\}/g, (_s, a, b, op) => {
      const g = groups[Number(a ?? b)] ?? '';
      if (!op) return g;
      if (op === '/upcase') return g.toUpperCase();
      if (op === '/downcase') return g.toLowerCase();
      if (op === '/capitalize') return g.charAt(0).toUpperCase() + g.slice(1);
      if (op.startsWith('+')) return g ? op.slice(1) : '';
      return g || op.slice(1);
    });
  });
}

function variablesFor(file: string): Record<string, string> {
  return {
    CURRENT_YEAR: '2025',
    CURRENT_MONTH: '03',
    CURRENT_DATE: '07',
    TM_FILENAME: path.basename(file),
    TM_FILENAME_BASE: path.basename(file, '.md'),
    TM_DIRECTORY: path.dirname(file),
  };
}

const OTHERS: ArticleSpec[] = [
  { questionKey: 'what-is-a-neuron', id: 10 },
  { subjectKey: 'accounting-and-finance', subject: 'Accounting and Finance', questionKey: 'what-is-a-ledger', id: 42 },
];

function check(file: string, text: string) {
  const m = /^(.*\/learn)\/([^/]+)\/([^/]+)\.md$/.exec(file)!;
  const corpus = fixtureCorpus(OTHERS);
  const article = articleFromText({ path: file, learnRoot: m[1], subjectKey: m[2], questionKey: m[3] }, text);
  corpus.set(article);
  return checkArticle(article, article.model!, corpus);
}

describe('snippets', () => {
  it('expand with the VS Code syntax this test understands', () => {
    assert.equal(expand('a ${1:x} $1 \\$ ${TM_DIRECTORY/(?:.*\\/)?([^\\/]+)$/$1/}', { TM_DIRECTORY: '/w/learn/bio' }), 'a x x $ bio');
    assert.equal(
      expand('${1:${TM_DIRECTORY/(?:.*[\\/\\\\])?([a-z0-9]+)(-?)/${1:/capitalize}${2:+ }/g}}', {
        TM_DIRECTORY: '/w/learn/art-history-and-literature',
      }),
      'Art History And Literature',
    );
  });

  it('the article skeleton, filled with its defaults, passes every check', () => {
    const file = `${LEARN_ROOT}/accounting-and-finance/what-is-a-balance-sheet.md`;
    const text = expand(SNIPPETS['QuickTakes article'].body.join('\n'), variablesFor(file));
    assert.deepEqual(check(file, text), []);
    assert.match(text, /\ndate: 2025-03-07\n/);
    assert.match(text, /\nurl: \/learn\/accounting-and-finance\/questions\/what-is-a-balance-sheet\n/);
    assert.match(text, /\nsubject: Accounting And Finance\n/);
    assert.match(text, /\nanswer: >-\n {4}The answer\. Write \\n\\n between paragraphs and \$…\$ around math\.\n/);
  });

  it('the article skeleton, filled by the author, passes every check', () => {
    const file = `${LEARN_ROOT}/psychology/what-is-memory.md`;
    const text = expand(SNIPPETS['QuickTakes article'].body.join('\n'), variablesFor(file), {
      1: '77',
      2: 'What is memory?',
      3: 'Psychology',
      4: 'How memory works.',
      5: 'memory, recall',
      0: 'Memory is **storage**.\\n\\n$x$',
    });
    assert.deepEqual(check(file, text), []);
    assert.equal(
      text,
      articleText({
        questionKey: 'what-is-memory',
        id: 77,
        date: '2025-03-07',
        title: 'What is memory?',
        answer: 'Memory is **storage**.\\n\\n$x$',
      })
        .replace(/This content explains what is memory\?/, 'How memory works.')
        .replace('keyword one, keyword two', 'memory, recall'),
    );
  });

  it('the related block, filled with a real article, passes every check', () => {
    const file = `${LEARN_ROOT}/psychology/what-is-a-synapse.md`;
    const neuron = linkTo(OTHERS[0]);
    const block = expand(SNIPPETS['QuickTakes related article'].body.join('\n'), variablesFor(file), {
      2: String(neuron.id),
      3: neuron.title,
      6: 'what-is-a-neuron',
    });
    const base = articleText({ questionKey: 'what-is-a-synapse', id: 11 });
    const text = base.replace('\n---\n\n&nbsp;', `\n${block}\n---\n\n&nbsp;`);
    assert.deepEqual(check(file, text), []);
    assert.equal(text, articleText({ questionKey: 'what-is-a-synapse', id: 11, related: [neuron] }));
  });

  it('the related block with its defaults is well-formed: only the link itself is reported', () => {
    const file = `${LEARN_ROOT}/psychology/what-is-a-synapse.md`;
    const block = expand(SNIPPETS['QuickTakes related article'].body.join('\n'), variablesFor(file));
    const text = articleText({ questionKey: 'what-is-a-synapse', id: 11 }).replace('\n---\n\n&nbsp;', `\n${block}\n---\n\n&nbsp;`);
    assert.deepEqual(
      check(file, text).map((d) => d.code),
      ['related-unknown-id', 'related-broken-url'],
    );
  });

  it('the article skeleton writes the schema: field order, seo fields, fixed values, the seo.title form', () => {
    const file = `${LEARN_ROOT}/accounting-and-finance/what-is-a-balance-sheet.md`;
    for (const fill of [{}, { 3: 'Psychology' }] as Record<number, string>[]) {
      const model = parseArticle(expand(SNIPPETS['QuickTakes article'].body.join('\n'), variablesFor(file), fill));
      assert.deepEqual([...model.fields.keys()], FIELD_ORDER);
      const seo = model.fields.get('seo')!.children!;
      assert.deepEqual([...seo.keys()], SEO_FIELDS);
      for (const [key, value] of Object.entries(FIXED_VALUES)) assert.equal(textOf(model.fields.get(key)), value, key);
      assert.equal(textOf(seo.get('title')), seoTitle(textOf(model.fields.get('subject'))!));
    }
  });

  it('the article skeleton, filled as New Question fills it, is the text New Question writes', () => {
    const spec = { id: 77, date: '2025-03-07', subject: 'Psychology', subjectKey: 'psychology', question: 'What is memory?' };
    const created = newArticle(spec);
    const file = `${LEARN_ROOT}/${spec.subjectKey}/${created.questionKey}.md`;
    const text = expand(SNIPPETS['QuickTakes article'].body.join('\n'), variablesFor(file), {
      1: String(spec.id),
      2: spec.question,
      3: spec.subject,
      4: DESCRIPTION_PLACEHOLDER,
      5: KEYWORDS_PLACEHOLDER,
      0: '',
    });
    assert.equal(text, created.text);
  });

  it('the related block writes a slot key and its fields in the schema’s order', () => {
    const file = `${LEARN_ROOT}/psychology/what-is-a-synapse.md`;
    const block = expand(SNIPPETS['QuickTakes related article'].body.join('\n'), variablesFor(file));
    const model = parseArticle(`---\n${block}\n---\n`);
    const [slot] = model.related;
    assert.match(slot.field.key, RELATED_KEY);
    assert.deepEqual([...slot.field.children!.keys()], RELATED_SLOT_FIELDS);
  });

  it('the paragraph break inserts a literal backslash-n pair', () => {
    assert.equal(expand(SNIPPETS['QuickTakes paragraph break'].body.join('\n'), {}), '\\n\\n');
  });

  it('every snippet has a prefix and a description', () => {
    for (const [name, s] of Object.entries(SNIPPETS)) {
      assert.ok(s.prefix.length > 0 && s.description.length > 0, name);
    }
  });
});
