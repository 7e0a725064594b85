/**
 * The site's routes: related links judged by what the site serves (with its
 * redirect table, and without one as before), the table's own diagnostics and
 * their quick fixes, and the edits of the table in its own format.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixesFor } from '../../server/src/core/authoring/fixes';
import {
  appendRedirectsEdit,
  movedRedirectsEdits,
  redirectFixes,
  removeRedirectEdit,
  setRedirectCurrentEdit,
} from '../../server/src/core/authoring/redirects';
import { checkArticle } from '../../server/src/core/checks';
import type { Code, Diagnostic } from '../../server/src/core/checks/diagnostics';
import { checkSiteFile } from '../../server/src/core/checks/siteFiles';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { Project } from '../../server/src/core/corpus/project';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import { parseRedirectTable } from '../../server/src/core/site/routes';
import { defaultSiteFilePaths, SiteFiles } from '../../server/src/core/site/siteFiles';
import { articleText, fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';
import { tableText } from '../support/siteFiles';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
/** Moved from psychology to biology; the table serves its old address. */
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
/** Moved from psychology to chemistry without a redirect entry. */
const ATOM: ArticleSpec = { subjectKey: 'chemistry', questionKey: 'what-is-an-atom', id: 13 };
const BASE = [NEURON, CELL, ATOM];

const TABLE = tableText([
  ['psychology', 'what-is-a-cell', 'biology'],
  ['psychology', 'what-is-gone', 'biology'],
]);

const oldUrl = (spec: ArticleSpec) => `/learn/psychology/questions/${spec.questionKey}`;
const linkToOld = (spec: ArticleSpec) => ({ ...linkTo(spec), url: oldUrl(spec) });

function corpusWith(table: string | undefined, others: ArticleSpec[] = BASE): Corpus {
  const corpus = fixtureCorpus(others);
  if (table !== undefined) {
    corpus.site = new SiteFiles(defaultSiteFilePaths(corpus.learnRoot));
    corpus.site.set('redirects', table);
  }
  return corpus;
}

function check(spec: ArticleSpec, corpus: Corpus): Diagnostic[] {
  const article = fixtureArticle(spec);
  corpus.set(article);
  return checkArticle(article, article.model!, corpus);
}

const codes = (ds: Diagnostic[]): Code[] => ds.map((d) => d.code);

const LINKS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  related: [
    linkTo(NEURON),
    linkToOld(CELL),
    linkToOld(ATOM),
    { id: 99, title: 'Gone', url: '/learn/psychology/questions/what-is-gone' },
    { id: 98, title: 'Never', url: '/learn/psychology/questions/what-never-was' },
  ],
};

describe('related links follow the site routes', () => {
  it('with a redirect table: moved only where an entry serves the old address, else a 404 saying where it lives now', () => {
    const ds = check(LINKS, corpusWith(TABLE)).filter((d) => d.code === 'related-moved-url' || d.code === 'related-broken-url');
    assert.deepEqual(
      ds.map((d) => [d.data?.slot, d.code, d.data?.expected]),
      [
        [2, 'related-moved-url', '/learn/biology/questions/what-is-a-cell'],
        [3, 'related-broken-url', '/learn/chemistry/questions/what-is-an-atom'],
        // an entry whose question no folder holds serves a 404 too
        [4, 'related-broken-url', undefined],
        [5, 'related-broken-url', undefined],
      ],
    );
    assert.match(ds[0].message, /a redirect entry serves it with the article at biology\/what-is-a-cell\.md/);
    assert.match(
      ds[1].message,
      /the site answers 404\): the article moved to chemistry\/what-is-an-atom\.md, and no redirect entry serves its old address/,
    );
  });

  it('a link the site answers with a 404 gets no id or title check against where the article moved', () => {
    const wrong = { ...linkToOld(ATOM), id: 10, title: 'Another title' };
    const spec = { ...LINKS, related: [wrong] };
    assert.deepEqual(codes(check(spec, corpusWith(TABLE))), ['related-broken-url']);
    // served by a redirect: the page shows the article, so its id and title are compared
    const served = { ...linkToOld(CELL), id: 10, title: 'Another title' };
    assert.deepEqual(codes(check({ ...LINKS, related: [served] }, corpusWith(TABLE))), [
      'related-id-url-mismatch',
      'related-title-mismatch',
      'related-moved-url',
    ]);
  });

  it('without a table, or with one that cannot be read: the rules of a site without one, messages as before', () => {
    const plain = check(LINKS, corpusWith(undefined));
    for (const broken of [';;; export const', 'export const MAPPING_PREVIOUS_QUESTIONS = {};']) {
      assert.deepEqual(check(LINKS, corpusWith(broken)), plain);
    }
    assert.deepEqual(
      plain.filter((d) => d.code.endsWith('-url')).map((d) => [d.data?.slot, d.code]),
      [
        [2, 'related-moved-url'],
        [3, 'related-moved-url'],
        [4, 'related-broken-url'],
        [5, 'related-broken-url'],
      ],
    );
    assert.equal(
      plain.find((d) => d.data?.slot === 2)!.message,
      '`related_article2.url` `/learn/psychology/questions/what-is-a-cell` has no file at that path; the article is at biology/what-is-a-cell.md.',
    );
  });

  it('the quick fix of a link that moved without a redirect sets its current address (and subject)', () => {
    const spec = { ...LINKS, related: [linkToOld(ATOM)] };
    const corpus = corpusWith(TABLE);
    const text = articleText(spec);
    const article = fixtureArticle(spec, text);
    corpus.set(article);
    const [d] = checkArticle(article, article.model!, corpus);
    const [fix] = fixesFor({ text, model: article.model!, article, corpus }, d);
    assert.equal(fix.title, 'Set related_article1.url to /learn/chemistry/questions/what-is-an-atom (where the article is now)');
    assert.ok(fix.preferred);
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, articleText({ ...spec, related: [{ ...linkTo(ATOM), subject: 'Chemistry' }] }));
  });
});

describe('the redirect table’s own diagnostics', () => {
  const lines = (text: string) => new LineIndex(text);
  const at = (text: string, d: Diagnostic) => text.slice(lines(text).offset(d.range.start), lines(text).offset(d.range.end));

  const TABLE2 = tableText([
    ['psychology', 'what-is-a-cell', 'biology'],
    ['psychology', 'what-is-an-atom', 'physics'],
    ['psychology', 'what-is-gone', 'biology'],
    ['psychology', 'what-is-a-cell', 'chemistry'],
    ['biology', 'what-is-dna', 'physics'],
  ]);
  const TWINS: ArticleSpec[] = [
    { subjectKey: 'biology', questionKey: 'what-is-dna', id: 20 },
    { subjectKey: 'chemistry', questionKey: 'what-is-dna', id: 21 },
  ];

  it('redirect-target-missing on `current`, redirect-duplicate on the repeating entry', () => {
    const corpus = corpusWith(TABLE2, [...BASE, ...TWINS]);
    const ds = checkSiteFile(corpus.site!, 'redirects', corpus);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range.start.line, at(TABLE2, d).split('\n')[0]]),
      [
        ['redirect-target-missing', 'warning', 9, '"physics"'],
        ['redirect-target-missing', 'warning', 14, '"biology"'],
        ['redirect-duplicate', 'warning', 16, '{'],
        ['redirect-target-missing', 'warning', 19, '"chemistry"'],
        ['redirect-target-missing', 'warning', 24, '"physics"'],
      ],
    );
    assert.equal(
      ds[0].message,
      "`current` `physics` holds no `what-is-an-atom.md` (it is in chemistry/): the redirect's canonical link points at a 404.",
    );
    assert.equal(ds[0].data?.expected, 'chemistry');
    assert.match(ds[1].message, /^No subject folder holds `what-is-gone\.md`: this entry serves a 404/);
    assert.equal(
      ds[2].message,
      'This entry repeats `previous` `psychology` and `question` `what-is-a-cell` of the entry on line 2 (with `current` `biology`); that one already serves the address.',
    );
    assert.equal(ds[4].data?.expected, undefined, 'two folders hold it: no single fix');
  });

  it('quick fixes: remove a repeated entry; set `current` where the article is; remove an entry nothing answers (not preferred)', () => {
    const corpus = corpusWith(TABLE2, [...BASE, ...TWINS]);
    const ds = checkSiteFile(corpus.site!, 'redirects', corpus);
    const fixes = ds.map((d) => redirectFixes(TABLE2, d, corpus));
    assert.deepEqual(
      fixes.map((fs) => fs.map((f) => [f.title, f.preferred])),
      [
        [['Set current to chemistry (where what-is-an-atom.md is)', true]],
        [['Remove this redirect entry (no subject folder holds what-is-gone.md)', false]],
        [['Remove this repeated redirect entry', true]],
        [['Set current to biology (where what-is-a-cell.md is)', true]],
        [
          ['Set current to biology (where what-is-dna.md is)', false],
          ['Set current to chemistry (where what-is-dna.md is)', false],
        ],
      ],
    );
    const fixed = applyEdits(TABLE2, fixes[2][0].edits);
    assert.equal(
      fixed,
      tableText([
        ['psychology', 'what-is-a-cell', 'biology'],
        ['psychology', 'what-is-an-atom', 'physics'],
        ['psychology', 'what-is-gone', 'biology'],
        ['biology', 'what-is-dna', 'physics'],
      ]),
    );
    assert.equal(applyEdits(TABLE2, fixes[0][0].edits), TABLE2.replace('"physics"', '"chemistry"'));
    assert.equal(redirectFixes(TABLE2, { ...ds[0], code: 'related-broken-url' }, corpus).length, 0);
  });

  it('the table file also gets site-file-invalid for a malformed entry, and the rest is still checked', () => {
    const text = TABLE.replace('"current" : "biology"\n  },\n  {', '"current" : "biology"\n  },\n  { "previous": 1 },\n  {');
    const corpus = corpusWith(text);
    assert.deepEqual(codes(checkSiteFile(corpus.site!, 'redirects', corpus)), [
      'site-file-invalid',
      'site-file-invalid',
      'site-file-invalid',
      'redirect-target-missing',
    ]);
  });
});

describe('editing the table in its own format', () => {
  const NEW = [
    { previous: 'psychology', question: 'what-is-new', current: 'biology' },
    { previous: 'physics', question: 'what-is-light', current: 'chemistry' },
  ];

  it('appends entries as the site writes them (indentation, `"key" : "value"`, line endings)', () => {
    const one = [['psychology', 'what-is-a-cell', 'biology']] as [string, string, string][];
    for (const eol of ['\n', '\r\n']) {
      const text = tableText(one, eol);
      const edit = appendRedirectsEdit(text, NEW)!;
      assert.equal(
        applyEdits(text, [edit]),
        tableText([...one, ['psychology', 'what-is-new', 'biology'], ['physics', 'what-is-light', 'chemistry']], eol),
      );
      // nothing before the last entry is touched: an insertion after it
      assert.deepEqual(edit.range.start, edit.range.end);
    }
  });

  it('keeps a trailing comma, single quotes, a one-line array; an empty array gets the site layout', () => {
    const cases: [string, string][] = [
      [
        "export const MAPPING_PREVIOUS_QUESTIONS = [\n\t{ previous: 'a', question: 'b', current: 'c' },\n];\n",
        "export const MAPPING_PREVIOUS_QUESTIONS = [\n\t{ previous: 'a', question: 'b', current: 'c' },\n\t{ previous: 'psychology', question: 'what-is-new', current: 'biology' },\n\t{ previous: 'physics', question: 'what-is-light', current: 'chemistry' },\n];\n",
      ],
      [
        'export const MAPPING_PREVIOUS_QUESTIONS = [{"current":"c","previous":"a","question":"b"}];',
        'export const MAPPING_PREVIOUS_QUESTIONS = [{"current":"c","previous":"a","question":"b"},{"current":"biology","previous":"psychology","question":"what-is-new"},{"current":"chemistry","previous":"physics","question":"what-is-light"}];',
      ],
      [
        'export const MAPPING_PREVIOUS_QUESTIONS = [];\n',
        tableText([
          ['psychology', 'what-is-new', 'biology'],
          ['physics', 'what-is-light', 'chemistry'],
        ]),
      ],
    ];
    for (const [text, expected] of cases) assert.equal(applyEdits(text, [appendRedirectsEdit(text, NEW)!]), expected);
    // a value needing escapes is quoted as the table quotes
    const quoted = applyEdits(cases[0][0], [appendRedirectsEdit(cases[0][0], [{ previous: "it's", question: 'q', current: 'c' }])!]);
    assert.ok(quoted.includes("previous: 'it\\'s'"));
    assert.equal(parseRedirectTable(quoted).table!.entries[1].previous.value, "it's");
  });

  it('no edit for a text that is no table', () => {
    assert.equal(appendRedirectsEdit('export const X = [];', NEW), undefined);
    assert.equal(appendRedirectsEdit('export const MAPPING_PREVIOUS_QUESTIONS = [', NEW), undefined);
  });

  it('removes the first, a middle, the last and the only entry, and sets `current` in its own quotes', () => {
    const three = tableText([
      ['a', 'k1', 'b'],
      ['a', 'k2', 'b'],
      ['a', 'k3', 'b'],
    ]);
    const table = parseRedirectTable(three).table!;
    const without = (i: number) => applyEdits(three, [removeRedirectEdit(three, table, table.entries[i])]);
    const rows = [
      ['a', 'k1', 'b'],
      ['a', 'k2', 'b'],
      ['a', 'k3', 'b'],
    ] as [string, string, string][];
    for (const i of [0, 1, 2]) assert.equal(without(i), tableText(rows.filter((_, j) => j !== i)));
    const only = tableText([rows[0]]);
    const onlyTable = parseRedirectTable(only).table!;
    assert.equal(
      applyEdits(only, [removeRedirectEdit(only, onlyTable, onlyTable.entries[0])]),
      'export const MAPPING_PREVIOUS_QUESTIONS = [];\n',
    );
    assert.equal(
      applyEdits(three, [setRedirectCurrentEdit(three, table.entries[1], 'z')]),
      tableText([rows[0], ['a', 'k2', 'z'], rows[2]]),
    );
  });
});

describe('the redirect table after articles move to other subject folders', () => {
  const moved = (previous: string, question: string, current: string) => ({ previous, question, current });
  const movedEdits = (text: string, redirects: ReturnType<typeof moved>[]) =>
    movedRedirectsEdits(text, parseRedirectTable(text).table!, redirects);

  it('appends an entry for each old address, in one insertion after the last entry', () => {
    const before = tableText([['a', 'k0', 'b']]);
    const edits = movedEdits(before, [moved('psychology', 'k1', 'biology'), moved('psychology', 'k2', 'biology')])!;
    assert.equal(edits.length, 1);
    assert.equal(
      applyEdits(before, edits),
      tableText([
        ['a', 'k0', 'b'],
        ['psychology', 'k1', 'biology'],
        ['psychology', 'k2', 'biology'],
      ]),
    );
  });

  it('an address the table already serves gets its `current` set, not a second entry', () => {
    // k1 left psychology for biology once, came back, and now goes to chemistry
    const before = tableText([['psychology', 'k1', 'biology']]);
    assert.equal(
      applyEdits(before, movedEdits(before, [moved('psychology', 'k1', 'chemistry')])!),
      tableText([['psychology', 'k1', 'chemistry']]),
    );
  });

  it('an entry whose `current` is the folder the article leaves follows it; one at the address it moves to is left alone', () => {
    const before = tableText([
      ['sociology', 'k1', 'psychology'],
      ['biology', 'k1', 'psychology'],
      ['sociology', 'k2', 'psychology'],
    ]);
    const after = applyEdits(before, movedEdits(before, [moved('psychology', 'k1', 'biology')])!);
    assert.equal(
      after,
      tableText([
        ['sociology', 'k1', 'biology'],
        // its address is the article's own page again: the author decides (redirect-target-missing says so)
        ['biology', 'k1', 'psychology'],
        ['sociology', 'k2', 'psychology'],
        ['psychology', 'k1', 'biology'],
      ]),
    );
  });

  it('no edit when the table already says it all', () => {
    const done = tableText([['a', 'k', 'b']]);
    assert.deepEqual(movedEdits(done, [moved('a', 'k', 'b')]), []);
  });
});

describe('what a change of the redirect table affects (Project)', () => {
  const tablePath = defaultSiteFilePaths(fixtureCorpus([]).learnRoot).redirects;
  const IONS = fixtureArticle(LINKS).path;

  function project(table: string | undefined): Project {
    const corpus = corpusWith(table, [...BASE, LINKS, { questionKey: 'what-is-a-synapse', id: 2, related: [linkTo(NEURON)] }]);
    corpus.site ??= new SiteFiles(defaultSiteFilePaths(corpus.learnRoot));
    const p = new Project();
    p.addCorpus(corpus);
    return p;
  }

  it('the table and the articles linking to an address it starts or stops serving; nothing else', () => {
    const p = project(TABLE);
    const atom = tableText([
      ['psychology', 'what-is-a-cell', 'biology'],
      ['psychology', 'what-is-gone', 'biology'],
      ['psychology', 'what-is-an-atom', 'chemistry'],
    ]);
    assert.deepEqual([...p.setOverlay(tablePath, atom)].sort(), [IONS, tablePath].sort());
    // a `current` changed: the same addresses are served
    assert.deepEqual([...p.setOverlay(tablePath, atom.replace('"chemistry"', '"physics"'))], [tablePath]);
    assert.deepEqual(codes(p.diagnostics(tablePath)), ['redirect-target-missing', 'redirect-target-missing']);
  });

  it('a table appearing or going: every article with a link to a moved article', () => {
    const p = project(undefined);
    assert.deepEqual([...p.setOverlay(tablePath, TABLE)].sort(), [IONS, tablePath].sort());
    assert.deepEqual([...p.setOverlay(tablePath, 'export const MAPPING_PREVIOUS_QUESTIONS = [')].sort(), [IONS, tablePath].sort());
    assert.deepEqual(codes(p.diagnostics(tablePath)), ['site-file-invalid']);
  });

  it('an article named by an entry appearing or going re-checks the table; an unknown path going changes nothing', () => {
    const p = project(TABLE);
    const cell = fixtureArticle(CELL).path;
    assert.ok(p.syncFromDisk(cell, false).has(tablePath));
    assert.deepEqual(
      [...p.syncFromDisk(fixtureArticle({ questionKey: 'never-was' }).path, false)],
      [fixtureArticle({ questionKey: 'never-was' }).path],
    );
    assert.ok(!p.setOverlay(fixtureArticle(NEURON).path, articleText({ ...NEURON, title: 'Retitled' })).has(tablePath));
  });
});
