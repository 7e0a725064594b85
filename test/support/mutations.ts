/**
 * Random mutations of real articles for property-based tests: deleting,
 * inserting and duplicating lines and characters, as people do while typing.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listArticles } from '../../server/src/core/loading/workspace';
import { PROJECT_ROOT } from './corpus';

/** Real articles from the bundled sample (always in the repository). */
export function sampleTexts(limit = 40): { path: string; text: string }[] {
  return listArticles(path.join(PROJECT_ROOT, 'sample/content/learn'))
    .slice(0, limit)
    .map((l) => ({ path: l.path, text: fs.readFileSync(l.path, 'utf8') }));
}

const PIECES = [
  '---',
  ':',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '>-',
  '|',
  '"',
  "'",
  '#',
  '&a',
  '*a',
  '[',
  ']',
  '{',
  '}',
  '- ',
  'id: ',
  'related_article3:',
  '    id: 7',
  '\\n',
  '$',
  '\ufeff',
  '\u0000',
  'é',
  '𝛼',
];

export type Mutation =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'deleteChars'; at: number; length: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
  }),
  fc.record({ kind: fc.constant('deleteChars' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
);

export function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    if (m.kind === 'deleteLine' || m.kind === 'duplicateLine') {
      const lines = t.split('\n');
      const i = m.at % Math.max(1, lines.length);
      if (m.kind === 'deleteLine') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i] ?? '');
      t = lines.join('\n');
    } else {
      const at = m.at % (t.length + 1);
      t = m.kind === 'insert' ? t.slice(0, at) + m.text + t.slice(at) : t.slice(0, at) + t.slice(at + m.length);
    }
  }
  return t;
}

/** Fixed seed and bounded runs in CI; `FUZZ_RUNS` for a longer run (`npm run fuzz`). */
export const FUZZ = { seed: Number(process.env.FUZZ_SEED ?? 20261125), numRuns: Number(process.env.FUZZ_RUNS ?? 300) };
