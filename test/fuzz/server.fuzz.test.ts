/**
 * Fuzzing the language server through LSP: mutated real articles are edited
 * into an open document and completion, hover, definition, links, symbols and
 * code actions are asked at random places. No request may fail, every range
 * must lie inside the document, every quick fix must be a set of
 * non-overlapping edits inside the document that keeps valid YAML valid, and
 * the server must still answer at the end.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Range as LspRange, TextEdit } from 'vscode-languageserver-protocol/node';
import { articleFromText } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { locateArticle } from '../../server/src/core/site/paths';
import { stripBom } from '../../server/src/core/frontMatter/lineIndex';
import { loadCorpusSync } from '../../server/src/core/loading/workspace';
import { toLspDiagnostic } from '../../server/src/features/diagnostics';
import { PROJECT_ROOT } from '../support/corpus';
import { TestClient } from '../support/lsp';
import { FUZZ, mutate, mutationArb } from '../support/mutations';

describe('fuzzing the server over LSP', () => {
  let ws: string;
  let client: TestClient;
  let files: string[];

  before(async () => {
    ws = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'qt-fuzz-'));
    fs.cpSync(path.join(PROJECT_ROOT, 'sample'), ws, { recursive: true });
    files = fs
      .readdirSync(path.join(ws, 'content/learn'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .sort()
      .slice(0, 30)
      .map((f) => path.join(ws, 'content/learn', f));
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
  });
  after(() => client.stop());

  it('answers every request sensibly on mutated articles', async () => {
    const corpus = loadCorpusSync(path.join(ws, 'content/learn'));
    const opened = new Map<string, string>();
    let version = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: files.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 })), { minLength: 1, maxLength: 3 }),
        async (which, mutations, places) => {
          const file = files[which];
          const text = mutate(fs.readFileSync(file, 'utf8'), mutations);
          let uri = opened.get(file);
          if (!uri) opened.set(file, (uri = await client.open(file, text)));
          else await client.change(uri, text);
          const doc = TextDocument.create(uri, 'quicktakes', ++version, text);
          const inside = (r: LspRange | undefined, what: string) => {
            if (!r) return;
            for (const p of [r.start, r.end]) {
              assert.ok(
                p.line >= 0 && p.line < doc.lineCount && p.character >= 0,
                `${what} range ${JSON.stringify(r)} outside the document`,
              );
            }
          };

          for (const [lineSeed, character] of places) {
            const position = { line: lineSeed % doc.lineCount, character };
            const completion = await client.completion(uri, position);
            const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
            for (const item of items.slice(0, 5)) {
              const edit = item.textEdit as TextEdit | undefined;
              inside(edit?.range, 'completion');
              for (const e of item.additionalTextEdits ?? []) inside(e.range, 'completion additional edit');
            }
            const hover = await client.hover(uri, position);
            inside(hover?.range, 'hover');
            await client.definition(uri, position);
          }
          for (const link of (await client.documentLinks(uri)) ?? []) inside(link.range, 'document link');
          await client.documentSymbols(uri);

          // quick fixes for what the core finds in this very text
          const location = locateArticle(file)!;
          const article = articleFromText(location, text);
          corpus.set(article);
          const diagnostics = checkArticle(article, article.model!, corpus).map(toLspDiagnostic);
          const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
          const actions = ((await client.codeActions(uri, whole, diagnostics)) ?? []) as CodeAction[];
          const hadValidYaml = parseArticle(stripBom(text)).syntaxErrors.length === 0;
          for (const action of actions) {
            const edits = Object.values(action.edit?.changes ?? {}).flat();
            for (const e of edits) inside(e.range, `fix "${action.title}"`);
            const sorted = [...edits].sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start));
            for (let i = 1; i < sorted.length; i++) {
              assert.ok(
                doc.offsetAt(sorted[i - 1].range.end) <= doc.offsetAt(sorted[i].range.start),
                `fix "${action.title}" has overlapping edits`,
              );
            }
            const fixed = TextDocument.applyEdits(doc, edits);
            if (hadValidYaml && edits.length > 0) {
              assert.deepEqual(parseArticle(stripBom(fixed)).syntaxErrors, [], `fix "${action.title}" broke the YAML`);
            }
          }
        },
      ),
      { ...FUZZ, numRuns: Math.max(20, Math.round(FUZZ.numRuns / 4)) },
    );
    // still alive and answering
    const symbols = await client.workspaceSymbols('neuron');
    assert.ok(Array.isArray(symbols));
    assert.equal(client.process.exitCode, null);
  });
});
