import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Location,
  MarkupContent,
  Position,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { applyTextEdits, TestClient, uriOf } from '../support/lsp';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10, answer: 'A neuron is a nerve cell.\\n\\nIt fires **spikes**.' };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const AXON: ArticleSpec = { questionKey: 'what-is-an-axon', id: 13 };
const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
const IONS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  related: [linkTo(NEURON), linkTo(NEURON), { ...linkTo(SYNAPSE), title: 'Drifted title' }],
};
const DENDRITE: ArticleSpec = { questionKey: 'what-is-a-dendrite', id: 20, related: [linkTo(IONS)] };
const GLIA: ArticleSpec = { questionKey: 'what-are-glia', id: 21, related: [linkTo(AXON), linkTo(IONS)] };
const MEMORY: ArticleSpec = { questionKey: 'how-does-memory-work', id: 30, related: [linkTo(NEURON)] };
const ALL = [NEURON, SYNAPSE, AXON, CELL, IONS, DENDRITE, GLIA, MEMORY];

/** The position of the `at`-th character of the first occurrence of `needle` after `after`. */
function pos(text: string, needle: string, at = 0, after = ''): Position {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0) + at;
  assert.ok(offset >= at, `${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function items(list: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return Array.isArray(list) ? list : (list?.items ?? []);
}

/** The text after accepting a completion item (its edit and additional edits). */
function accept(text: string, item: CompletionItem): string {
  return applyTextEdits(text, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);
}

describe('language server over stdio: related-article features', () => {
  let ws: string;
  let client: TestClient;
  const file = (spec: ArticleSpec) => path.join(ws, 'content/learn', spec.subjectKey ?? 'psychology', `${spec.questionKey}.md`);
  const uri = (spec: ArticleSpec) => uriOf(file(spec));

  before(async () => {
    ws = writeWorkspace(workspaceOf(ALL));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  describe('completion', () => {
    it('offers articles in a slot being typed; accepting one fills the whole slot', async () => {
      const text = articleText(MEMORY).replace('\n---\n\n&nbsp;', '\nrelated_article2:\n    id: synap\n---\n\n&nbsp;');
      const u = await client.open(file(MEMORY), text);
      const list = await client.completion(u, pos(text, '    id: synap', 13));
      assert.equal((list as CompletionList).isIncomplete, true);
      const [first] = items(list);
      assert.equal(first.label, 'What is a synapse?');
      assert.equal(first.detail, '#11 · Psychology');
      assert.equal(accept(text, first), articleText({ ...MEMORY, related: [linkTo(NEURON), linkTo(SYNAPSE)] }));
      await client.close(u);
    });

    it('leaves out the article itself and what it links to already; same subject first', async () => {
      const text = articleText(MEMORY).replace('\n---\n\n&nbsp;', '\nrelated_article2:\n    id: what\n---\n\n&nbsp;');
      const u = await client.open(file(MEMORY), text);
      const labels = items(await client.completion(u, pos(text, '    id: what', 12))).map((i) => i.label);
      assert.ok(!labels.includes('What is a neuron?'), 'already linked');
      assert.ok(!labels.includes('How does memory work?'), 'itself');
      assert.equal(labels.at(-1), 'What is a cell?', 'other subjects last');
      assert.ok(labels.includes('What is a synapse?'));
      await client.close(u);
    });

    it('documents an item with the start of its answer (completionItem/resolve)', async () => {
      const text = articleText({ ...MEMORY, related: [] }).replace('\n---\n\n&nbsp;', '\nrelated_article1:\n    id: neuron\n---\n\n&nbsp;');
      const u = await client.open(file(MEMORY), text);
      const [first] = items(await client.completion(u, pos(text, '    id: neuron', 14)));
      assert.equal(first.label, 'What is a neuron?');
      const resolved = await client.resolveCompletion(first);
      const doc = (resolved.documentation as MarkupContent).value;
      assert.match(doc, /A neuron is a nerve cell\.\n\nIt fires \*\*spikes\*\*\./);
      await client.close(u);
    });

    it('creates the next free slot at the top level, and completes subject values', async () => {
      const text = articleText(MEMORY).replace('\n---\n\n&nbsp;', '\nrel\n---\n\n&nbsp;');
      const u = await client.open(file(MEMORY), text);
      const [slot] = items(await client.completion(u, pos(text, '\nrel\n', 4)));
      assert.equal(slot.label, 'related_article2');
      assert.equal(slot.command?.command, 'editor.action.triggerSuggest');
      assert.match(accept(text, slot), /\nrelated_article2:\n {4}id: \n---/);

      const subjects = items(await client.completion(u, pos(text, 'subject: Psychology', 'subject: '.length)));
      assert.equal(subjects[0].label, 'Psychology');
      assert.ok(subjects.some((s) => s.label === 'Biology'));
      await client.close(u);
    });
  });

  describe('navigation', () => {
    it('go to definition from a slot’s id, url and title; nothing from a broken one', async () => {
      const text = articleText(IONS).replace(
        /url: \/learn\/psychology\/questions\/what-is-a-synapse/,
        'url: /learn/psychology/questions/gone',
      );
      const u = await client.open(file(IONS), text);
      // on the value of `key: value`, or in the title's text
      const at = (needle: string) => client.definition(u, pos(text, needle, needle.includes(': ') ? needle.indexOf(': ') + 3 : 1));
      assert.deepEqual(
        ((await at('id: 10')) as Location[]).map((l) => l.uri),
        [uri(NEURON)],
      );
      assert.deepEqual(
        ((await at('url: /learn/psychology/questions/what-is-a-neuron')) as Location[]).map((l) => l.uri),
        [uri(NEURON)],
      );
      assert.deepEqual(
        ((await at('Drifted')) as Location[]).map((l) => l.uri),
        [uri(SYNAPSE)],
        'a title with a broken url falls back to its id',
      );
      assert.deepEqual(await at('url: /learn/psychology/questions/gone'), []);
      await client.close(u);
    });

    it('document links on id, url and title; none on a broken value', async () => {
      const text = articleText(IONS).replace('id: 11', 'id: 999');
      const u = await client.open(file(IONS), text);
      const links = (await client.documentLinks(u))!;
      const covered = (r: { start: Position; end: Position }) => text.split('\n')[r.start.line].slice(r.start.character, r.end.character);
      const byTarget = links.map((l) => `${covered(l.range)} -> ${path.basename(l.target ?? '')}`);
      assert.deepEqual(byTarget, [
        '10 -> what-is-a-neuron.md',
        '/learn/psychology/questions/what-is-a-neuron -> what-is-a-neuron.md',
        'What is a neuron? -> what-is-a-neuron.md',
        '10 -> what-is-a-neuron.md',
        '/learn/psychology/questions/what-is-a-neuron -> what-is-a-neuron.md',
        'What is a neuron? -> what-is-a-neuron.md',
        // id 999 names no article: no link on it
        '/learn/psychology/questions/what-is-a-synapse -> what-is-a-synapse.md',
        'Drifted title -> what-is-a-synapse.md',
      ]);
      await client.close(u);
    });

    it('hover shows the target and the start of its answer; a broken slot says why', async () => {
      const text = articleText(IONS).replace('id: 11', 'id: 999').replace('questions/what-is-a-synapse', 'questions/gone');
      const u = await client.open(file(IONS), text);
      const hover = await client.hover(u, pos(text, 'id: 10', 5));
      const value = (hover?.contents as MarkupContent).value;
      assert.match(value, /^\*\*What is a neuron\?\*\*/);
      assert.match(value, /Psychology · 2025-01-28 · id 10/);
      assert.match(value, /`\/learn\/psychology\/questions\/what-is-a-neuron`/);
      assert.match(value, /A neuron is a nerve cell\./);
      assert.match(value, /Linked from 2 articles/);

      const broken = (await client.hover(u, pos(text, 'Drifted', 1)))!;
      const why = (broken.contents as MarkupContent).value;
      assert.match(why, /leads to no article/);
      assert.match(why, /999 is the id of no article/);
      assert.match(why, /gone.*404/);
      await client.close(u);
    });

    it('references: every slot that links to the article, from anywhere in it or from a slot', async () => {
      const text = articleText(IONS);
      const u = await client.open(file(IONS), text);
      const refs = (await client.references(u, pos(text, '_schema')))!;
      const names = refs.map((r) => `${path.basename(r.uri)}:${r.range.start.line}`).sort();
      const line = (spec: ArticleSpec, n: number) => articleText(spec).split('\n').indexOf(`related_article${n}:`) + 1;
      assert.deepEqual(names, [`what-are-glia.md:${line(GLIA, 2)}`, `what-is-a-dendrite.md:${line(DENDRITE, 1)}`]);
      const withDeclaration = (await client.references(u, pos(text, '_schema'), true))!;
      assert.equal(withDeclaration[0].uri, u);
      const toNeuron = (await client.references(u, pos(text, 'id: 10', 5)))!;
      assert.deepEqual([...new Set(toNeuron.map((r) => path.basename(r.uri)))].sort(), ['how-do-ions-work.md', 'how-does-memory-work.md']);
      const [lens] = (await client.codeLens(u))!;
      assert.equal(lens.command?.title, 'Linked from 2 articles');
      await client.close(u);
    });
  });

  describe('quick fixes', () => {
    it('fixes one diagnostic, and all of them in the file', async () => {
      const text = articleText(IONS);
      const u = await client.open(file(IONS), text);
      const ds = await client.diagnosticsOf(u, (d) => d.length >= 2);
      assert.deepEqual(ds.map((d) => d.code).sort(), ['related-duplicate', 'related-title-mismatch']);
      const dup = ds.find((d) => d.code === 'related-duplicate')!;
      const actions = (await client.codeActions(u, dup.range, [dup])) as CodeAction[];
      const remove = actions.find((a) => a.kind === 'quickfix' && a.isPreferred)!;
      assert.equal(remove.title, 'Remove the duplicate related_article2');
      const removed = applyTextEdits(text, remove.edit!.changes![u]);
      assert.equal(removed, articleText({ ...IONS, related: [linkTo(NEURON), { ...linkTo(SYNAPSE), title: 'Drifted title' }] }));

      const [fixAll] = (await client.codeActions(u, dup.range, [], ['source.fixAll'])) as CodeAction[];
      assert.equal(fixAll.kind, 'source.fixAll.quicktakes');
      assert.equal(applyTextEdits(text, fixAll.edit!.changes![u]), articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE)] }));
      await client.close(u);
    });

    it('fixes url and file_name from the file’s place', async () => {
      const text = articleText({ ...MEMORY, url: '/learn/psychology/questions/old', fileName: 'old.md' });
      const u = await client.open(file(MEMORY), text);
      const ds = await client.diagnosticsOf(u, (d) => d.length >= 2);
      const url = ds.find((d) => d.code === 'url-mismatch')!;
      const [setUrl] = (await client.codeActions(u, url.range, [url], ['quickfix'])) as CodeAction[];
      assert.equal(setUrl.title, 'Set url to /learn/psychology/questions/how-does-memory-work');
      const [fixAll] = (await client.codeActions(u, url.range, [], ['source'])) as CodeAction[];
      assert.equal(applyTextEdits(text, fixAll.edit!.changes![u]), articleText(MEMORY));
      await client.close(u);
    });

    it('fixes each of several missing fields that share one range, by the data the client sends back', async () => {
      const text = articleText(MEMORY).replace('_schema: default\n', '').replace('author: QuickTakes\n', '');
      const u = await client.open(file(MEMORY), text);
      const ds = await client.diagnosticsOf(u, (d) => d.filter((x) => x.code === 'missing-field').length >= 2);
      assert.deepEqual(
        ds.map((d) => [d.code, d.data]),
        [
          ['missing-field', { field: '_schema' }],
          ['missing-field', { field: 'author' }],
        ],
      );
      const titles: string[] = [];
      for (const d of ds) {
        const actions = (await client.codeActions(u, d.range, [d], ['quickfix'])) as CodeAction[];
        titles.push(actions.find((a) => a.isPreferred)!.title);
      }
      assert.deepEqual(titles, ['Add _schema: default', 'Add author: QuickTakes']);
      await client.close(u);
    });
  });

  describe('symbols', () => {
    it('outlines the front matter, slots with their titles', async () => {
      const text = articleText(IONS);
      const u = await client.open(file(IONS), text);
      const symbols = (await client.documentSymbols(u)) as DocumentSymbol[];
      assert.deepEqual(
        symbols.slice(0, 3).map((s) => s.name),
        ['_schema', 'id', 'date'],
      );
      const slot = symbols.find((s) => s.name === 'related_article3')!;
      assert.equal(slot.detail, 'Drifted title');
      assert.deepEqual(
        slot.children?.map((c) => c.name),
        ['id', 'title', 'subject', 'url'],
      );
      assert.equal(symbols.find((s) => s.name === 'seo')?.children?.length, 3);
      await client.close(u);
    });

    it('finds articles by question words across the workspace', async () => {
      const found = (await client.workspaceSymbols('synap')) as SymbolInformation[];
      assert.deepEqual(
        found.map((s) => s.name),
        ['What is a synapse?'],
      );
      assert.equal(found[0].location.uri, uri(SYNAPSE));
      assert.equal(found[0].containerName, 'Psychology · #11');
    });
  });

  describe('rename', () => {
    it('renames an article’s id and every slot id that points at it, in one workspace edit', async () => {
      const text = fs.readFileSync(file(IONS), 'utf8');
      const u = await client.open(file(IONS), text);
      const at = pos(text, 'id: 1\n', 4);
      assert.deepEqual(await client.prepareRename(u, at), { range: { start: at, end: { ...at, character: 5 } }, placeholder: '1' });
      const edit = (await client.rename(u, at, '99'))!;
      const changed = Object.keys(edit.changes!)
        .map((k) => path.basename(k))
        .sort();
      assert.deepEqual(changed, ['how-do-ions-work.md', 'what-are-glia.md', 'what-is-a-dendrite.md']);
      const renamed = { ...IONS, id: 99 };
      assert.equal(applyTextEdits(text, edit.changes![u]), articleText(renamed));
      assert.equal(
        applyTextEdits(articleText(GLIA), edit.changes![uri(GLIA)]),
        articleText({ ...GLIA, related: [linkTo(AXON), linkTo(renamed)] }),
      );
      await client.close(u);
    });

    it('refuses an id in use, a non-id, and a place that is not the article’s id', async () => {
      const text = articleText(IONS);
      const u = await client.open(file(IONS), text);
      const at = pos(text, 'id: 1\n', 4);
      await assert.rejects(client.rename(u, at, '10'), /id 10 is already the id of psychology\/what-is-a-neuron\.md/);
      await assert.rejects(client.rename(u, at, 'ten'), /not a valid id: an id is a positive integer/);
      await assert.rejects(client.rename(u, at, '-3'), /positive integer/);
      await assert.rejects(client.prepareRename(u, pos(text, 'id: 10', 5)), /own `id`/);
      await client.close(u);
    });
  });

  it('answers every request on half-typed and broken articles without an error', async () => {
    const base = articleText(IONS).replace(/\n/g, '\r\n');
    const variants = [
      ...Array.from({ length: 24 }, (_, i) => base.slice(0, Math.floor((base.length * (i + 1)) / 25))),
      base.replace('id: 10', 'id: [10'),
      base.replace('related_article2:', 'related_article2: oops'),
      base.replace(/ {4}title: >-\r\n/g, ''),
      base.replace('---', '').replace('\r\n', '\t\r\n'),
      base.replace(/related_article/g, 'related_article7'),
    ];
    const u = await client.open(file(IONS), base);
    for (const text of variants) {
      await client.change(u, text);
      const lineCount = text.split('\n').length;
      for (let line = 0; line < lineCount; line += 3) {
        const p = { line, character: (line * 7) % 12 };
        await client.completion(u, p);
        await client.hover(u, p);
        await client.definition(u, p);
        await client.references(u, p);
        await client.codeActions(u, { start: p, end: p }, [], undefined);
      }
      await client.documentLinks(u);
      await client.documentSymbols(u);
      await client.codeLens(u);
    }
    await client.close(u);
    const logged = client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message);
    assert.deepEqual(
      logged.filter((m) => /uncaught|unhandled|failed/i.test(m)),
      [],
    );
  });

  it('answers every feature on a file outside the corpus and on garbage without failing', async () => {
    const u = await client.open(path.join(ws, 'content/learn/psychology/garbage.md'), '\u0000---\n: [\n');
    const p = { line: 1, character: 1 };
    assert.deepEqual(items(await client.completion(u, p)), []);
    assert.ok(!(await client.definition(u, p)) || ((await client.definition(u, p)) as Location[]).length === 0);
    assert.equal(await client.hover(u, p), null);
    assert.deepEqual(await client.codeActions(u, { start: p, end: p }, []), []);
    assert.ok(Array.isArray(await client.documentSymbols(u)));
    await assert.rejects(client.prepareRename(u, p));
    const outside = await client.open(path.join(ws, 'README.md'), '# hi\n');
    assert.equal(await client.hover(outside, { line: 0, character: 1 }), null);
    assert.deepEqual(await client.codeLens(outside), []);
  });
});
