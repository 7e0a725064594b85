/** The corpus's articles as columns (core/corpus/table.ts), and the Article objects made of its rows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleFromText, type Article, type RelatedLink } from '../../server/src/core/corpus/article';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { ArticleTable, plainArticle, type StoredColumns, type TableColumns } from '../../server/src/core/corpus/table';
import { articleText, fixtureArticle, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';
import { plainArticle as plainData } from '../support/summary';

const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const B: ArticleSpec = { questionKey: 'how-do-synapses-work', id: 11, related: [linkTo(A)] };
const C: ArticleSpec = { questionKey: 'what-is-myelin', id: 12, subjectKey: 'biology', related: [linkTo(A), linkTo(B)] };

/** A table's columns as the index cache gives them back: strings by number, decoded as read (`dropPaths`: paths left out). */
function stored(c: TableColumns, dropPaths = false): StoredColumns {
  const strings: string[] = [];
  const stringIndexes = c.strings.map((column, i) =>
    Int32Array.from(column, (s) => (s === undefined || (dropPaths && i === 0) ? -1 : strings.push(s) - 1)),
  );
  return { ...c, stringIndexes, strings: { get: (i) => strings[i] } };
}

/** A fixture's summary as the index keeps it (no model). */
function summaryOf(spec: ArticleSpec): Article {
  const { model: _, ...summary } = plainArticle(fixtureArticle(spec));
  return summary;
}

describe('the article table', () => {
  it('gives back every value it was given, links and ranges included', () => {
    const table = new ArticleTable();
    for (const spec of [A, B, C]) {
      const a = fixtureArticle(spec);
      const row = table.add(a);
      assert.deepEqual(plainData(table.article(row)), plainData(a), spec.questionKey);
      assert.equal(table.article(row).model, a.model, 'an open document keeps its model');
    }
  });

  it('keeps ids that are not int32, and the values that mean "none" in a column, as they are', () => {
    const table = new ArticleTable();
    for (const id of [2 ** 40, -(2 ** 31), -(2 ** 31) + 1, -7, 0]) {
      const a = fixtureArticle({ ...B, id, related: [{ ...linkTo(A), id }] });
      const stored = table.article(table.add(a));
      assert.equal(stored.id, id);
      assert.equal(stored.links[0].id, id);
    }
    const noId = table.article(table.add(fixtureArticle({ ...A, id: 'abc' })));
    assert.equal(noId.id, undefined);
  });

  it('keeps links whose ranges do not pack as they are', () => {
    const table = new ArticleTable();
    const far = ' '.repeat(70_000);
    const text = articleText(B).replace(/\n {4}id: (\d+)/, (_, id) => `\n    id:${far}${id}`);
    const a = articleFromText(
      { path: `${LEARN_ROOT}/psychology/far.md`, learnRoot: LEARN_ROOT, subjectKey: 'psychology', questionKey: 'far' },
      text,
    );
    assert.ok(a.links[0].idRange!.start.character > 65_535, 'the fixture has a link past what packs');
    assert.deepEqual(plainData(table.article(table.add(a))), plainData(a));
  });

  it("makes one object per row, and a removed row's object keeps its values while the row is reused", () => {
    const table = new ArticleTable();
    const row = table.add(fixtureArticle(C));
    const before = table.article(row);
    assert.equal(table.article(row), before, 'the same object for the same row');
    const values = plainData(before);
    table.remove(row);
    const reused = table.add(fixtureArticle({ ...A, title: 'Something else entirely?' }));
    assert.equal(reused, row, 'the freed row is reused');
    assert.deepEqual(plainData(before), values, 'the old object still reads the old article');
    assert.notEqual(table.article(reused), before);
    assert.equal(table.article(reused).title, 'Something else entirely?');
    assert.equal(table.article(reused).links.length, 0);
  });

  it('holding no paths, makes each as read: the same articles, a removed one keeping its path', () => {
    const table = new ArticleTable();
    table.holdsPaths = false;
    const rows = [A, B, C].map((spec) => table.add(fixtureArticle(spec)));
    rows.forEach((row, i) => assert.deepEqual(plainData(table.article(row)), plainData(fixtureArticle([A, B, C][i]))));
    assert.ok(
      table.columns().strings[0].every((p) => p === undefined),
      'no path is held',
    );
    const gone = table.article(rows[2]);
    const path = gone.path;
    table.remove(rows[2]);
    table.add(fixtureArticle({ ...A, questionKey: 'a-row-reused' }));
    assert.equal(gone.path, path);
    assert.equal(table.path(rows[2]), `${LEARN_ROOT}/psychology/a-row-reused.md`);
    assert.ok(table.isAt(rows[0], fixtureArticle(A).path));

    const written = new ArticleTable();
    for (const spec of [A, B, C]) written.add(summaryOf(spec));
    const fromCache = ArticleTable.fromColumns(stored(written.columns(), true));
    fromCache.holdsPaths = false;
    assert.deepEqual(plainData(fromCache.article(1)), plainData(summaryOf(B)), 'a stored row without its path');
  });

  it('reuses the link slots of a removed row for a row with as many links', () => {
    const table = new ArticleTable();
    const first = table.add(fixtureArticle(C));
    const other = table.add(fixtureArticle(B));
    table.remove(first);
    const again = table.add(fixtureArticle({ ...C, questionKey: 'what-is-myelin-again' }));
    assert.deepEqual(
      table.article(other).links.map((l: RelatedLink) => l.id),
      [10],
      'the other row keeps its links',
    );
    assert.deepEqual(
      table.article(again).links.map((l) => l.id),
      [10, 11],
    );
  });

  it('round-trips through its columns, paths left out or not', () => {
    const table = new ArticleTable();
    const rows = [A, B, C, { ...A, questionKey: 'big', id: 2 ** 40 }].map((s) => table.add(summaryOf(s)));
    for (const dropPaths of [false, true]) {
      const copy = ArticleTable.fromColumns(stored(table.columns(), dropPaths));
      for (const row of rows) assert.deepEqual(plainData(copy.article(row)), plainData(table.article(row)));
    }
  });

  it("holds no string for an article's own canonical url, and gives back every url as it was given", () => {
    const table = new ArticleTable();
    const base = summaryOf(A);
    const own = `/learn/${base.subjectKey}/questions/${base.questionKey}`;
    const urls = [
      own,
      undefined,
      `${own}/`,
      `/learn/biology/questions/${base.questionKey}`,
      `/learn/${base.subjectKey}/questions/${base.questionKey}s`,
      `/learn/${base.subjectKey}/question/${base.questionKey}`,
      `https://example.com${own}`,
    ];
    const rows = urls.map((url) => table.add({ ...base, url }));
    rows.forEach((row, i) => assert.equal(table.url(row), urls[i], String(urls[i])));
    const columns = table.columns();
    assert.ok(!columns.strings.some((column) => column.includes(own)), 'the canonical url is made when read');
    assert.ok(
      columns.strings.some((column) => column.includes(`${own}/`)),
      'any other url is held as given',
    );
    const copy = ArticleTable.fromColumns(stored(columns, true));
    rows.forEach((row, i) => assert.equal(copy.article(row).url, urls[i], `from the cache: ${urls[i]}`));
  });

  it('reads stored strings only when asked for, and a row written over reads as written', () => {
    const table = new ArticleTable();
    const rows = [B, C].map((s) => table.add(summaryOf(s)));
    const columns = stored(table.columns());
    const read: number[] = [];
    const copy = ArticleTable.fromColumns({ ...columns, strings: { get: (i) => (read.push(i), columns.strings.get(i)) } });
    assert.deepEqual(read, [], 'nothing decoded up front');
    assert.equal(copy.title(rows[0]), 'How do synapses work?');
    assert.equal(read.length, 1, 'one string read for one value');
    // a reused row and its reused link slots read the new values, undefined ones included, never the stored ones
    copy.remove(rows[1]);
    const other = { ...summaryOf({ ...C, questionKey: 'what-is-myelin-again' }), title: undefined, subject: undefined };
    const again = copy.add(other);
    assert.equal(again, rows[1]);
    assert.equal(copy.title(again), undefined);
    assert.deepEqual(plainData(copy.article(again)), plainData(other));
    assert.deepEqual(plainData(copy.article(rows[0])), plainData(table.article(rows[0])));
  });

  it('grows from columns sized exactly, an empty table or one without links included', () => {
    for (const specs of [[], [A]]) {
      const start = new ArticleTable();
      for (const spec of specs) start.add(summaryOf(spec));
      const table = ArticleTable.fromColumns(stored(start.columns()));
      const rows = [C, B, ...Array.from({ length: 3000 }, (_, i) => ({ ...C, questionKey: `q-${i}` }))].map((spec) =>
        table.add(summaryOf(spec)),
      );
      assert.deepEqual(plainData(table.article(rows[0])), plainData(summaryOf(C)));
      assert.deepEqual(plainData(table.article(rows.at(-1)!)), plainData(summaryOf({ ...C, questionKey: 'q-2999' })));
    }
  });

  it('refuses columns of a table with removed rows (their numbering has gaps)', () => {
    const table = new ArticleTable();
    table.remove(table.add(fixtureArticle(A)));
    assert.throws(() => table.columns());
  });

  it('serializes its objects as plain data (an LSP reply, a JSON report)', () => {
    const table = new ArticleTable();
    const a = summaryOf(B);
    const stored = table.article(table.add(a));
    assert.deepEqual(JSON.parse(JSON.stringify(stored)), JSON.parse(JSON.stringify(a)));
    assert.equal(JSON.parse(JSON.stringify(stored)).title, 'How do synapses work?');
  });
});

describe('a corpus over the table', () => {
  it('keeps a replaced article readable as it was, and finds the new one by every key', () => {
    const corpus = new Corpus(LEARN_ROOT);
    for (const s of [A, B, C]) corpus.set(fixtureArticle(s));
    const old = corpus.get(fixtureArticle(B).path)!;
    corpus.set(fixtureArticle({ ...B, id: 99, title: 'Renamed?' }));
    assert.equal(old.id, 11);
    assert.equal(old.title, 'How do synapses work?');
    assert.deepEqual(
      corpus.withId(99).map((a) => a.title),
      ['Renamed?'],
    );
    assert.deepEqual(corpus.withId(11), []);
    assert.equal(corpus.get(old.path), corpus.withId(99)[0], 'one object per article');
    assert.deepEqual([...corpus.referrersOf(corpus.withId(10)[0])].sort(), [fixtureArticle(B).path, fixtureArticle(C).path].sort());
    corpus.delete(old.path);
    assert.deepEqual([...corpus.referrersOf(corpus.withId(10)[0])], [fixtureArticle(C).path]);
    assert.equal(corpus.size, 2);
  });

  it('names the referrers of an article by their paths as they are now, after their rows were freed and reused', () => {
    const corpus = new Corpus(LEARN_ROOT);
    for (const s of [A, B, C]) corpus.set(fixtureArticle(s));
    const a = () => corpus.withId(10)[0];
    assert.deepEqual([...corpus.referrersOf(a())].sort(), [fixtureArticle(B).path, fixtureArticle(C).path].sort());
    // B goes; its row is taken by an article that links nowhere, then C moves to another row
    corpus.delete(fixtureArticle(B).path);
    const D: ArticleSpec = { questionKey: 'what-is-a-glial-cell', id: 13 };
    corpus.set(fixtureArticle(D));
    corpus.set(fixtureArticle({ ...C, related: [linkTo(A)] }));
    assert.deepEqual([...corpus.referrersOf(a())], [fixtureArticle(C).path]);
    assert.deepEqual(
      corpus.backlinks(a()).map((b) => [b.from.path, b.n]),
      [[fixtureArticle(C).path, 1]],
    );
    assert.deepEqual([...corpus.referrersOf({ id: 11, questionKey: B.questionKey })], [], "B's links went with it");
  });
});
