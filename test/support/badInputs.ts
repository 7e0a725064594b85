/**
 * Bad input of every kind an editor meets while people type, or a repository
 * holds by accident, each with what its diagnostics must be. Used by the core
 * test and, through LSP, by the server test: editor and core must agree.
 */
import assert from 'node:assert/strict';
import type { Code } from '../../server/src/core/checks/diagnostics';
import { articleText, type ArticleSpec } from './fixtures';

/** The article under test lives at psychology/what-is-a-neuron.md and links to SYNAPSE. */
export const NEURON_KEY = 'what-is-a-neuron';
export const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };

export const GOOD = articleText({
  questionKey: NEURON_KEY,
  id: 10,
  related: [{ id: 11, title: 'What is a synapse?', url: '/learn/psychology/questions/what-is-a-synapse' }],
});

const withField = (line: string) => GOOD.replace('score: -1.0', line);

export const BAD_INPUTS: [string, string, (codes: Code[], messages: string[]) => void][] = [
  ['empty file', '', (c) => assert.deepEqual(c, ['front-matter-missing'])],
  ['no front matter', '# Just markdown\n\nHello', (c) => assert.deepEqual(c, ['front-matter-missing'])],
  ['unclosed fence', GOOD.replace(/\n---\n/, '\n'), (c) => assert.deepEqual(c, ['front-matter-missing'])],
  ['front matter only, empty', '---\n---\n', (c) => assert.ok(c.every((x) => x === 'missing-field') && c.length === 14)],
  ['BOM', '\ufeff' + GOOD, (c) => assert.deepEqual(c, [])],
  ['CRLF', GOOD.replace(/\n/g, '\r\n'), (c) => assert.deepEqual(c, [])],
  [
    'mixed line endings',
    GOOD.split('\n')
      .map((l, i) => l + (i % 2 ? '\r' : ''))
      .join('\n'),
    (c) => assert.deepEqual(c, []),
  ],
  ['tab indentation', GOOD.replace('  title: QuickTakes', '\ttitle: QuickTakes'), (c) => assert.ok(c.includes('yaml-syntax'))],
  ['anchors and aliases', withField('x: &a 5\nscore: *a'), (c) => assert.deepEqual(c, [])],
  ['merge keys', withField('base: &b {k: 1}\nother:\n  <<: *b'), (c) => assert.deepEqual(c, [])],
  [
    'alias bomb',
    withField(
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ),
    (c) => assert.deepEqual(c, []),
  ],
  ['deeply nested flow', withField(`deep: ${'['.repeat(2000)}${']'.repeat(2000)}`), (c) => assert.ok(c.length >= 0)],
  ['huge value', withField(`big: ${'x'.repeat(2_000_000)}`), (c) => assert.deepEqual(c, [])],
  ['10 MB answer', GOOD.replace(/answer: >-\n {4}[^\n]*/, `answer: >-\n    ${'word '.repeat(2_000_000)}`), (c) => assert.deepEqual(c, [])],
  ['duplicate keys', withField('id: 12'), (c) => assert.deepEqual(c, ['yaml-syntax'])],
  ['binary content', '\u0000\u0001\u0002\u00ff\ufffd'.repeat(1000), (c) => assert.deepEqual(c, ['front-matter-missing'])],
  [
    'invalid UTF-8 decoded as replacement characters',
    GOOD.replace('Posted on', 'Posted \ufffd\ufffd on'),
    (c) => assert.deepEqual(c, ['invalid-field']),
  ],
  [
    'id as string',
    GOOD.replace('id: 10', 'id: ten'),
    (c, m) => assert.ok(c.includes('invalid-field') && m.some((x) => /`id` must be a positive integer, found `ten`/.test(x))),
  ],
  ['id as quoted number', GOOD.replace('id: 10', 'id: "10"'), (c) => assert.ok(c.includes('invalid-field'))],
  ['id as float', GOOD.replace('id: 10', 'id: 10.5'), (c) => assert.ok(c.includes('invalid-field'))],
  ['negative id', GOOD.replace('id: 10', 'id: -10'), (c) => assert.deepEqual(c, ['invalid-field'])],
  ['huge id', GOOD.replace('id: 10', 'id: 99999999999999999999999'), (c) => assert.deepEqual(c, ['invalid-field'])],
  [
    'related slot as a list',
    withField('related_article2:\n  - 1\n  - 2'),
    (c, m) => assert.ok(m.some((x) => /related_article2` must be a mapping/.test(x))),
  ],
  [
    'related slot as a scalar',
    withField('related_article2: 11'),
    (c, m) => assert.ok(m.some((x) => /related_article2` must be a mapping/.test(x))),
  ],
  [
    'related_article0 and related_article6',
    withField('related_article0:\n    id: 11\n    title: What is a synapse?\n    url: /learn/psychology/questions/what-is-a-synapse'),
    (c, m) => assert.ok(m.some((x) => /related_article0`: only/.test(x))),
  ],
  [
    'related slot with a nested mapping id',
    withField('related_article2:\n    id:\n      x: 1\n    title: t\n    url: /learn/psychology/questions/what-is-a-synapse'),
    (c) => assert.ok(c.includes('invalid-field')),
  ],
  [
    'front matter is a list',
    '---\n- a\n- b\n---\n',
    (c, m) => assert.ok(c.includes('yaml-syntax') && m.some((x) => /must be a mapping/.test(x))),
  ],
  ['front matter is a scalar', '---\njust text\n---\n', (c) => assert.ok(c.includes('yaml-syntax'))],
  ['keys that are not strings', withField('? [a, b]\n: c\n123: x\nnull: y'), (c) => assert.deepEqual(c, [])],
  ['unterminated quote', GOOD.replace('author: QuickTakes', 'author: "QuickTakes'), (c) => assert.ok(c.includes('yaml-syntax'))],
];
