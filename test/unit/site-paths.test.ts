/** The content layout's paths and urls (core/site/paths.ts): the tests that compare without making the string. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articlePath, canonicalUrl, isArticlePath, isCanonicalUrl, sortByPath } from '../../server/src/core/site/paths';

const ROOT = '/ws/content/learn';

describe('site paths', () => {
  it('tells an article path from every near miss, as comparing with the made path would', () => {
    const parts: [string, string, string] = [ROOT, 'biology', 'what-is-a-cell'];
    const candidates = [
      articlePath(...parts),
      `${ROOT}/biology/what-is-a-cell.MD`,
      `${ROOT}/biology/what-is-a-cells.md`,
      `${ROOT}/biolog/ywhat-is-a-cell.md`,
      `${ROOT}/biologyx/what-is-a-cell.md`,
      `${ROOT}x/biology/what-is-a-cell.md`,
      `${ROOT}/biology-what-is-a-cell.md`,
      `/other/content/learn/biology/what-is-a-cell.md`,
      `${ROOT}/biology/what-is-a-cell.md/`,
      '',
    ];
    for (const p of candidates) assert.equal(isArticlePath(p, ...parts), p === articlePath(...parts), p);
  });

  it('tells a canonical url from every near miss, as comparing with the made url would', () => {
    const own = canonicalUrl('biology', 'what-is-a-cell');
    const candidates = [
      own,
      `${own}/`,
      `${own}s`,
      '/learn/biology/questions/what-is-a-cel',
      '/learn/biologyquestions//what-is-a-cell',
      '/learn/chemistry/questions/what-is-a-cell',
      '/learn/biology/question/swhat-is-a-cell',
      `https://example.com${own}`,
    ];
    for (const url of candidates) assert.equal(isCanonicalUrl(url, 'biology', 'what-is-a-cell'), url === own, url);
  });

  it('sorts by path in code-unit order, reading each path once', () => {
    const items = ['b/c.md', 'B/a.md', 'a/z.md', 'a/Z.md', 'é/a.md'].map((path) => ({ path }));
    let reads = 0;
    const sorted = sortByPath(items, (item) => (reads++, item.path));
    assert.deepEqual(
      sorted.map((i) => i.path),
      ['B/a.md', 'a/Z.md', 'a/z.md', 'b/c.md', 'é/a.md'],
    );
    assert.equal(reads, items.length);
  });
});
