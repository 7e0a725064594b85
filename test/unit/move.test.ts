import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixAll, fixesFor, replaceOrphanSlot, type FixInput } from '../../server/src/core/authoring/fixes';
import { planMoves, type FileRename, type MoveOptions } from '../../server/src/core/authoring/move';
import { retitleEdits } from '../../server/src/core/authoring/retitle';
import { checkArticle } from '../../server/src/core/checks';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import type { TextEdit } from '../../server/src/core/authoring/edits';
import { articleText, fixtureArticle, fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';
import {
  CELL,
  expectedAfter,
  FOLDER,
  IONS,
  MEMORY,
  MOVE_SPECS as ALL,
  MOVED,
  movedTo,
  NEURON,
  RENAMED,
  RETITLED,
  SYNAPSE,
} from '../support/moveFixtures';

const pathOf = (s: ArticleSpec) => `${LEARN_ROOT}/${s.subjectKey ?? 'psychology'}/${s.questionKey}.md`;

/** A corpus of the specs, their texts, and `planMoves` on them (texts as `textOf` reads them, overridable). */
function setup(specs = ALL, open: Record<string, string> = {}) {
  const corpus = fixtureCorpus(specs);
  const texts = new Map(specs.map((s) => [pathOf(s), articleText(s)]));
  for (const [p, t] of Object.entries(open)) texts.set(p, t);
  const textOf = (p: string) => texts.get(p) ?? assert.fail(`read of ${p}`);
  const plan = (renames: FileRename[], options: Partial<MoveOptions> = {}) => planMoves(corpus, renames, { textOf, ...options });
  /** Each edited file's text after its edits. */
  const after = (edits: Map<string, TextEdit[]>) => new Map([...edits].map(([p, e]) => [p, applyEdits(textOf(p), e)]));
  return { corpus, plan, after, textOf };
}

/** Each expected file by its path. */
const expected = (change: Parameters<typeof expectedAfter>[0]) =>
  new Map(expectedAfter(change).map(([spec, text]) => [pathOf(spec), text]));

describe('moving and renaming articles (core)', () => {
  it('renaming a question-key in place: own url and file_name, every linking url; a warning that the old address will 404', () => {
    const { plan, after } = setup();
    const result = plan([{ from: pathOf(NEURON), to: pathOf(RENAMED) }]);
    // the texts under the old paths: the editor moves the files afterwards
    assert.deepEqual(after(result.edits), expected('rename'));
    assert.deepEqual(result.redirects, []);
    assert.deepEqual(
      result.warnings.map((w) => [w.kind, w.paths]),
      [['question-renamed', [pathOf(NEURON)]]],
    );
    assert.match(result.warnings[0].message, /\/learn\/psychology\/questions\/what-is-a-neuron will be a 404/);
    // each edit touches only the changed characters
    for (const e of result.edits.get(pathOf(IONS))!) assert.equal(e.range.start.line, e.range.end.line);
  });

  it('moving to another subject: own url, subject and seo.title, every linking url and subject, and the redirect entry', () => {
    const { plan, after } = setup();
    const result = plan([{ from: pathOf(NEURON), to: pathOf(MOVED) }], { redirectTable: true });
    assert.deepEqual(result.redirects, [{ previous: 'psychology', question: 'what-is-a-neuron', current: 'biology' }]);
    // the caller writes the entry into the table: nothing is lost, nothing to warn about
    assert.deepEqual(result.warnings, []);
    const texts = after(result.edits);
    assert.deepEqual(texts, expected('move'));
    assert.match(texts.get(pathOf(NEURON))!, /^subject: Biology$/m);
    assert.match(texts.get(pathOf(NEURON))!, /^ {2}title: QuickTakes \| Biology$/m);
  });

  it('with a redirect table, a changed question-key still warns: no entry can keep its old address', () => {
    const { plan } = setup();
    const result = plan([{ from: pathOf(NEURON), to: pathOf(movedTo(NEURON, 'biology', RENAMED.questionKey)) }], { redirectTable: true });
    assert.deepEqual(result.redirects, []);
    assert.deepEqual(
      result.warnings.map((w) => w.kind),
      ['question-renamed'],
    );
  });

  it('without a redirect table, a move to another subject warns that the old address will 404', () => {
    const { plan } = setup();
    const result = plan([{ from: pathOf(NEURON), to: pathOf(MOVED) }]);
    assert.equal(result.redirects.length, 1);
    assert.deepEqual(
      result.warnings.map((w) => [w.kind, w.paths]),
      [['no-redirect-table', [pathOf(NEURON)]]],
    );
    assert.equal(
      result.warnings[0].message,
      'Moving psychology/what-is-a-neuron.md to biology/: its old address /learn/psychology/questions/what-is-a-neuron ' +
        'will be a 404 on the site, as this workspace has no redirect table to add its entry to.',
    );
  });

  it('moving a whole subject folder moves every article in it, with one redirect entry each', () => {
    const { plan, after } = setup();
    const result = plan([{ from: `${LEARN_ROOT}/${FOLDER.from}`, to: `${LEARN_ROOT}/${FOLDER.to}` }]);
    assert.deepEqual(result.moves.map((m) => m.from.path).sort(), FOLDER.articles.map(pathOf).sort());
    assert.deepEqual(
      result.redirects.map((r) => `${r.previous}/${r.question} → ${r.current}`).sort(),
      FOLDER.articles.map((s) => `psychology/${s.questionKey} → neuroscience`).sort(),
    );
    assert.deepEqual(after(result.edits), expected('folder'));
    // one warning for the whole folder
    assert.deepEqual(
      result.warnings.map((w) => [w.kind, w.paths.length]),
      [['no-redirect-table', 4]],
    );
    assert.match(
      result.warnings[0].message,
      /^Moving 4 articles to another subject folder: their old addresses \(\/learn\/psychology\/questions\/[a-z-]+, [^)]* and 1 more\) will be 404s/,
    );
  });

  it('a move onto a question-key that another subject folder has is a collision', () => {
    const { plan } = setup();
    const onto = movedTo(IONS, 'psychology', CELL.questionKey);
    const result = plan([{ from: pathOf(IONS), to: pathOf(onto) }]);
    const collision = result.warnings.find((w) => w.kind === 'collision');
    assert.ok(collision, JSON.stringify(result.warnings));
    assert.deepEqual(collision.paths, [pathOf(IONS)]);
    assert.match(collision.message, /`what-is-a-cell` is also biology\/what-is-a-cell\.md's/);
    // the edit is still offered: the author decides
    assert.ok(result.edits.has(pathOf(IONS)));
  });

  it('only a changed question-key can collide: a copy already in another folder is no new collision', () => {
    const copy = { ...NEURON, subjectKey: 'biology' };
    const { plan } = setup([...ALL, copy]);
    const result = plan([{ from: pathOf(NEURON), to: pathOf(movedTo(NEURON, 'chemistry')) }]);
    assert.deepEqual(
      result.warnings.map((w) => w.kind),
      ['no-redirect-table'],
    );
  });

  it('several renames: one warning per kind, naming them', () => {
    const { plan } = setup();
    const result = plan([
      { from: pathOf(NEURON), to: pathOf(RENAMED) },
      { from: pathOf(MEMORY), to: pathOf(movedTo(MEMORY, 'psychology', 'how-does-memory-work')) },
    ]);
    assert.deepEqual(
      result.warnings.map((w) => [w.kind, w.paths.sort()]),
      [['question-renamed', [pathOf(NEURON), pathOf(MEMORY)].sort()]],
    );
    assert.match(
      result.warnings[0].message,
      /^2 articles change their question-key: their old addresses \(\/learn\/psychology\/questions\/what-is-a-neuron, \/learn\/psychology\/questions\/what-is-memory\) will be 404s/,
    );
  });

  it('reads each file as it is now: an unsaved buffer, not the disk', () => {
    const unsaved = `---\n# an unsaved comment\n${articleText(IONS).slice(4)}`;
    const { plan, after } = setup(ALL, { [pathOf(IONS)]: unsaved });
    const texts = after(plan([{ from: pathOf(NEURON), to: pathOf(RENAMED) }]).edits);
    assert.equal(texts.get(pathOf(IONS)), `---\n# an unsaved comment\n${expected('rename').get(pathOf(IONS))!.slice(4)}`);
  });

  it('renames outside the learn folder, or that change nothing, plan nothing', () => {
    const { plan } = setup();
    for (const rename of [
      { from: '/elsewhere/a.md', to: '/elsewhere/b.md' },
      { from: pathOf(NEURON), to: pathOf(NEURON) },
      { from: `${LEARN_ROOT}/no-such-folder`, to: `${LEARN_ROOT}/another` },
    ]) {
      const result = plan([rename]);
      assert.deepEqual([result.moves, [...result.edits], result.redirects, result.warnings], [[], [], [], []]);
    }
  });
});

describe('retitling an article (core)', () => {
  it('updates the title of every related slot whose url leads to it, keeping the folded style', () => {
    const { corpus, textOf } = setup();
    corpus.set(fixtureArticle(RETITLED)); // the open document with the new title
    const edits = retitleEdits(corpus, corpus.get(pathOf(NEURON))!, textOf);
    assert.deepEqual(new Map([...edits].map(([p, e]) => [p, applyEdits(textOf(p), e)])), expected('retitle'));
  });

  it('has nothing to do when every linking slot has the title', () => {
    const { corpus, textOf } = setup();
    assert.equal(retitleEdits(corpus, corpus.get(pathOf(NEURON))!, textOf).size, 0);
  });
});

describe('a related slot whose article was deleted (core)', () => {
  function afterDelete(): { input: FixInput; corpus: Corpus; text: string } {
    const corpus = fixtureCorpus(ALL);
    corpus.delete(pathOf(SYNAPSE));
    const article = corpus.get(pathOf(IONS))!;
    const text = articleText(IONS);
    return { input: { text, model: article.model!, article, corpus }, corpus, text };
  }

  it('is flagged, and can be removed (not by fix all) or replaced by another article', () => {
    const { input, corpus, text } = afterDelete();
    const diagnostics = checkArticle(input.article, input.model, corpus);
    assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.data?.slot ?? ''}`).sort(), ['related-broken-url 2', 'related-unknown-id 2']);
    for (const d of diagnostics) {
      const [remove] = fixesFor(input, d);
      assert.equal(remove.title, 'Remove related_article2 (it links to no article)');
      assert.equal(remove.preferred, false);
      assert.equal(applyEdits(text, remove.edits), articleText({ ...IONS, related: [linkTo(NEURON)] }));
      const replace = replaceOrphanSlot(input, d, corpus.get(pathOf(CELL))!);
      assert.equal(replace?.title, 'Replace related_article2 with “What is a cell?” (the best suggestion)');
      assert.equal(
        applyEdits(text, replace.edits),
        articleText({ ...IONS, related: [linkTo(NEURON), { ...linkTo(CELL), subject: 'Biology' }] }),
      );
    }
    assert.deepEqual(fixAll(input, diagnostics).edits, []);
  });

  it('a slot that still leads somewhere is not replaced', () => {
    const corpus = fixtureCorpus(ALL);
    const article = corpus.get(pathOf(IONS))!;
    const input = { text: articleText(IONS), model: article.model!, article, corpus };
    const d = {
      code: 'related-broken-url' as const,
      severity: 'error' as const,
      message: '',
      range: article.links[1].urlRange!,
      data: { slot: 2 },
    };
    assert.equal(replaceOrphanSlot(input, d, corpus.get(pathOf(CELL))!), undefined);
  });
});
