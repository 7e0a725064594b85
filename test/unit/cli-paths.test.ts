/** The CLI shows a file's path as `path.relative` does, also where its fast path (a plain cut) applies. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { shownPath } from '../../server/src/cli/paths';

const expected = (file: string, from: string) => path.relative(from, file).split(path.sep).join('/') || '.';

describe('shownPath', () => {
  const froms = ['/ws', '/ws/', '/', '/ws/content/learn', '/ws/./content', '/ws/x/..', '/ws/content/learn/x/../..', 'ws', '/w', '.'];
  const tails = [
    'a.md',
    'content/learn/a/b.md',
    '.corpus/content/learn/a/b.md',
    'a/./b.md',
    'a/../b.md',
    'a//b.md',
    'a/',
    '',
    '.',
    '..',
    '...x/y.md',
  ];
  it('agrees with path.relative inside, outside and on odd paths', () => {
    for (const from of froms) {
      for (const file of [
        ...tails.map((t) => `/ws/${t}`),
        '/ws',
        '/other/a.md',
        '/other/deep/er/a.md',
        '/wsx/a.md',
        '/ws/content',
        '/ws/content/learn',
        '/ws/content/learn/x',
        '/',
        'rel/a.md',
      ]) {
        assert.equal(shownPath(file, from), expected(file, from), `${file} from ${from}`);
      }
    }
  });
});
