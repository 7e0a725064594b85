/**
 * The site's own files read with a real JavaScript parser: the redirect table
 * and the subject list in the site's format, files that are not what the site
 * expects (a clear problem, never a throw), where they are found, and what the
 * subject list tells authors (subjects published hidden).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { planNewArticle, subjectsOf } from '../../server/src/core/authoring/newArticle';
import { checkSiteFile } from '../../server/src/core/checks/siteFiles';
import { parseProjectConfig, siteFilePathsOf } from '../../server/src/core/config/projectConfig';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import { parseRedirectTable, redirectOf } from '../../server/src/core/site/routes';
import { defaultSiteFilePaths, hiddenSubjectNote, SiteFiles, siteRootOf } from '../../server/src/core/site/siteFiles';
import { parseSubjectList } from '../../server/src/core/site/subjects';
import { fixtureCorpus, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { REAL_SITE_FILES as REAL, siteFilesSkipReason, subjectsText, tableText } from '../support/siteFiles';

const covered = (text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
};

describe('the redirect table', () => {
  it('reads the site format: each entry with the offsets of its values', () => {
    const text = tableText([
      ['biology', 'what-is-a-cell', 'chemistry'],
      ['psychology', 'what-is-a-neuron', 'biology'],
    ]);
    const { table, problems } = parseRedirectTable(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(table!.entries.map(redirectOf), [
      { previous: 'biology', question: 'what-is-a-cell', current: 'chemistry' },
      { previous: 'psychology', question: 'what-is-a-neuron', current: 'biology' },
    ]);
    const second = table!.entries[1];
    assert.equal(text.slice(second.current.start, second.current.end), '"biology"');
    assert.ok(text.slice(second.start, second.end).startsWith('{\n    "previous" : "psychology"'));
    assert.equal(table!.serving('psychology', 'what-is-a-neuron'), second);
    assert.equal(table!.serving('biology', 'what-is-a-neuron'), undefined);
  });

  it('reads other spellings a JavaScript module allows: bare and single-quoted keys, template literals, comments, `export { }`', () => {
    const text = [
      '// moved questions',
      "const MAPPING_PREVIOUS_QUESTIONS = [{ previous: 'a', 'question': `k`, current: \"b\" } /* one */, , ];",
      'export { MAPPING_PREVIOUS_QUESTIONS };',
    ].join('\n');
    const { table, problems } = parseRedirectTable(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(table!.entries.map(redirectOf), [{ previous: 'a', question: 'k', current: 'b' }]);
  });

  it('reads the real site table: 2,167 entries, none malformed', { skip: siteFilesSkipReason }, () => {
    const { table, problems } = parseRedirectTable(fs.readFileSync(REAL.redirects, 'utf8'));
    assert.deepEqual(problems, []);
    assert.equal(table!.entries.length, 2167);
    assert.equal(table!.entries.filter((e) => table!.repeated(e)).length, 25);
  });

  it('a file that is not a table: a problem where it goes wrong, and no table (the rules of a site without one apply)', () => {
    const cases: [string, RegExp, string][] = [
      ['export const MAPPING_PREVIOUS_QUESTIONS = [\n  { "previous": "a" \n', /^not a JavaScript module: Unexpected token/, ''],
      ['export const OTHER = [];\n', /no `export const MAPPING_PREVIOUS_QUESTIONS = \[ … \]`/, 'export const OTHER = [];'],
      ['const MAPPING_PREVIOUS_QUESTIONS = [];\n', /no `export const MAPPING_PREVIOUS_QUESTIONS/, 'const MAPPING_PREVIOUS_QUESTIONS = [];'],
      ['export const MAPPING_PREVIOUS_QUESTIONS = load();\n', /must be an array literal/, 'load()'],
      ['', /no `export const/, ''],
      ['\u0000\u0001 binary', /not a JavaScript module/, ''],
    ];
    for (const [text, message, at] of cases) {
      const { table, problems } = parseRedirectTable(text);
      assert.equal(table, undefined, text);
      assert.equal(problems.length, 1, text);
      assert.match(problems[0].message, message);
      if (at) assert.equal(text.slice(problems[0].start, problems[0].end), at);
    }
  });

  it('a malformed entry is a problem on it and is left out; the other entries stand', () => {
    const text = [
      'export const MAPPING_PREVIOUS_QUESTIONS = [',
      '  { "previous": "a", "question": "k1", "current": "b" },',
      '  { "previous": "a", "question": "k2" },',
      '  { "previous": "a", "question": 3, "current": "b" },',
      '  "a/k4",',
      '  { "previous": "a", "question": "k5", "current": `${x}` },',
      '  { "previous": "a", "question": "k6", "current": "" },',
      '];',
    ].join('\n');
    const { table, problems } = parseRedirectTable(text);
    assert.deepEqual(
      table!.entries.map((e) => e.question.value),
      ['k1'],
    );
    assert.deepEqual(
      problems.map((p) => [text.slice(p.start, p.end), p.message.replace(/ in this entry.*| of `.*/, '')]),
      [
        ['{ "previous": "a", "question": "k2" }', '`current` is missing'],
        ['3', '`question` must be a non-empty string'],
        ['"a/k4"', 'each entry'],
        ['`${x}`', '`current` must be a non-empty string'],
        ['""', '`current` must be a non-empty string'],
      ],
    );
  });
});

describe('the subject list', () => {
  it('reads the site format (bare keys, functions after it) and says which folders it lists', () => {
    const { list, problems } = parseSubjectList(subjectsText(['biology', 'psychology']));
    assert.deepEqual(problems, []);
    assert.ok(list!.lists('biology'));
    assert.ok(!list!.lists('others'));
  });

  it('reads the real site list: 26 subjects', { skip: siteFilesSkipReason }, () => {
    const { list, problems } = parseSubjectList(fs.readFileSync(REAL.subjects, 'utf8'));
    assert.deepEqual(problems, []);
    assert.equal(list!.entries.length, 26);
    assert.ok(list!.lists('psychology') && !list!.lists('english-literature') && !list!.lists('others'));
  });

  it('a subject folder it does not list is published hidden: New Question and its hints say so, only when the list is known', () => {
    const specs: ArticleSpec[] = [
      { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 1 },
      { subjectKey: 'others', questionKey: 'what-is-this', id: 2 },
    ];
    const corpus = fixtureCorpus(specs);
    const plan = (subject: string) => planNewArticle(corpus, subject, 'A new question?', { date: '2025-01-01' });
    assert.deepEqual(
      subjectsOf(corpus).map((s) => [s.key, s.hidden]),
      [
        ['biology', undefined],
        ['others', undefined],
      ],
    );
    assert.equal(hiddenSubjectNote(corpus.site, 'others'), undefined);
    assert.ok(plan('others').ok && !('notice' in plan('others')));

    corpus.site = new SiteFiles(defaultSiteFilePaths(corpus.learnRoot));
    corpus.site.set('subjects', subjectsText(['biology']));
    assert.deepEqual(
      subjectsOf(corpus).map((s) => [s.key, s.hidden]),
      [
        ['biology', false],
        ['others', true],
      ],
    );
    assert.equal(hiddenSubjectNote(corpus.site, 'biology'), undefined);
    assert.match(hiddenSubjectNote(corpus.site, 'others')!, /`others` is not in the site's subject list .*published hidden \(noindex\)/);
    const hidden = plan('others');
    assert.ok(hidden.ok && /published hidden/.test(hidden.notice!));
    const shown = plan('biology');
    assert.ok(shown.ok && shown.notice === undefined);
  });
});

describe('where the site files are', () => {
  it('beside content/ by default; the project config may name other paths, relative to it', () => {
    assert.equal(siteRootOf('/site/content/learn'), '/site');
    assert.equal(siteRootOf('/site/learn'), '/site');
    assert.deepEqual(defaultSiteFilePaths('/site/content/learn'), {
      redirects: '/site/constant/mappingQuestions.contant.js',
      subjects: '/site/constant/topQuestions.contant.js',
    });
    const ws = writeWorkspace({ 'site/redirects.js': tableText([]), 'content/learn/biology/x.md': '' });
    const { config, problems } = parseProjectConfig('{ "redirects": "site/redirects.js" }', `${ws}/.quicktakes.jsonc`);
    assert.deepEqual(problems, []);
    assert.deepEqual(siteFilePathsOf(`${ws}/content/learn`, config), {
      redirects: `${ws}/site/redirects.js`,
      subjects: `${ws}/constant/topQuestions.contant.js`,
    });
  });

  it('a config naming a file that is not there, or no path, says so (the defaults or no table apply)', () => {
    const ws = writeWorkspace({ 'content/learn/biology/x.md': '' });
    const text = '{\n  "redirects": "nope/table.js",\n  "subjects": 3\n}';
    const { config, problems } = parseProjectConfig(text, `${ws}/.quicktakes.jsonc`);
    assert.deepEqual(
      problems.map((p) => [covered(text, p.range), p.message.replace(ws, 'WS')]),
      [
        ['"nope/table.js"', '"redirects": no file at WS/nope/table.js; the checks follow the rules of a site without it'],
        ['3', '"subjects" must be the path of the site\'s file, relative to the config file; the default applies'],
      ],
    );
    assert.equal(config.subjects, undefined);
  });

  it('reads both from disk: absent is no table and no problem; present and broken is a site-file-invalid diagnostic', () => {
    const none = SiteFiles.read(defaultSiteFilePaths('/nowhere/content/learn'));
    assert.equal(none.redirects, undefined);
    assert.deepEqual(none.existing(), []);
    const corpus = fixtureCorpus([]);
    assert.deepEqual(checkSiteFile(none, 'redirects', corpus), []);

    const ws = writeWorkspace({
      'constant/mappingQuestions.contant.js': '\ufeffexport const MAPPING_PREVIOUS_QUESTIONS = [ oops',
      'constant/topQuestions.contant.js': subjectsText(['biology']),
    });
    const site = SiteFiles.read(defaultSiteFilePaths(`${ws}/content/learn`));
    assert.equal(site.redirects, undefined);
    assert.ok(site.subjects?.lists('biology'));
    assert.equal(site.kindOf(`${ws}/constant/../constant/topQuestions.contant.js`), 'subjects');
    const [d, ...more] = checkSiteFile(site, 'redirects', corpus);
    assert.deepEqual(more, []);
    assert.equal(d.code, 'site-file-invalid');
    assert.equal(d.severity, 'error');
    assert.match(
      d.message,
      /^Not a JavaScript module: Unexpected token: the checks follow the rules of a site without a redirect table\.$/,
    );
    // the BOM is stripped as editors do: positions are those of the editor's text
    assert.deepEqual(d.range.start, { line: 0, character: 48 });
  });
});
