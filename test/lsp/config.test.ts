/**
 * The language server and the project config `.quicktakes.jsonc`: read at start,
 * watched (a change re-checks open articles), layered under explicit settings,
 * and a bad file reported on the file itself while the defaults apply.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeConfigurationNotification, DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { articleText, linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { ANSWER_DIAGNOSTICS_REQUEST } from '../../server/src/protocol';
import { TestClient, uriOf } from '../support/lsp';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
// links to the neuron with a wrong id: related-id-url-mismatch (warning) and related-unknown-id (error)
const IONS: ArticleSpec = { questionKey: 'how-do-ions-work', id: 1, related: [{ ...linkTo(NEURON), id: 19 }] };
const shown = (ds: { code?: string | number; severity?: DiagnosticSeverity }[]) => ds.map((d) => `${d.code} ${d.severity}`);

describe('language server: the project config', () => {
  let ws: string;
  let client: TestClient;
  let config: string;
  let ionsUri: string;

  const writeConfig = async (text: string) => {
    fs.writeFileSync(config, text);
    await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
  };

  before(async () => {
    ws = writeWorkspace(workspaceOf([NEURON, IONS]));
    config = path.join(ws, '.quicktakes.jsonc');
    fs.writeFileSync(config, '// read at start\n{ "severity": { "related-unknown-id": "off" } }\n');
    client = new TestClient();
    await client.initialize(ws);
    await client.ready();
    ionsUri = await client.open(path.join(ws, 'content/learn/psychology/how-do-ions-work.md'), articleText(IONS));
  });
  after(() => client.stop());

  it('reads it at start', async () => {
    const ds = await client.diagnosticsOf(ionsUri, (d) => d.length > 0);
    assert.deepEqual(shown(ds), [`related-id-url-mismatch ${DiagnosticSeverity.Warning}`]);
  });

  it('checks open articles again when it changes', async () => {
    await writeConfig('{ "severity": { "related-id-url-mismatch": "off", "related-unknown-id": "info" } }');
    const ds = await client.diagnosticsOf(
      ionsUri,
      (d) => !shown(d).some((s) => s.startsWith('related-id-url-mismatch')),
      'the code set off to go',
    );
    assert.deepEqual(shown(ds), [`related-unknown-id ${DiagnosticSeverity.Information}`]);
  });

  it('gives way to explicit settings, code by code', async () => {
    client.settings = { diagnosticsDelay: 0, severity: { 'related-id-url-mismatch': 'error' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const ds = await client.diagnosticsOf(ionsUri, (d) => d.length === 2, 'the setting to bring the code back');
    assert.deepEqual(shown(ds), [
      `related-id-url-mismatch ${DiagnosticSeverity.Error}`,
      `related-unknown-id ${DiagnosticSeverity.Information}`,
    ]);
    client.settings = { diagnosticsDelay: 0 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.diagnosticsOf(ionsUri, (d) => d.length === 1, 'the file to apply again');
  });

  it('shows no problems for an ignored article', async () => {
    await writeConfig('{ "ignore": ["content/learn/psychology/how-do-*.md"] }');
    await client.diagnosticsOf(ionsUri, (d) => d.length === 0, 'the ignored article to show nothing');
    // nothing to fix either (fix all on save would otherwise rewrite it), and its answer document is not checked
    const whole = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
    const actions = (await client.codeActions(ionsUri, whole, [], ['quickfix', 'source.fixAll'])) ?? [];
    assert.deepEqual(actions, []);
    const answer = await client.connection.sendRequest(ANSWER_DIAGNOSTICS_REQUEST, {
      textDocument: { uri: ionsUri },
      text: 'Costs $5 or $10.',
    });
    assert.deepEqual(answer, []);
    assert.notDeepEqual(await client.connection.sendRequest(ANSWER_DIAGNOSTICS_REQUEST, { text: 'Costs $5 or $10.' }), []);
  });

  it('reports a bad file on the file itself; the defaults apply', async () => {
    await writeConfig('{\n  "severity": { "related-unknown-id": "loud" },\n  "extra": true\n}\n');
    const problems = await client.diagnosticsOf(uriOf(config), (d) => d.length > 0);
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.range.start.character, p.severity, p.message]),
      [
        [
          1,
          38,
          DiagnosticSeverity.Error,
          '"severity"."related-unknown-id" must be one of error, warning, info, hint, off (found "loud"); the default applies',
        ],
        [2, 2, DiagnosticSeverity.Error, 'unknown field "extra" (expected content, severity, ignore, redirects, subjects); it is ignored'],
      ],
    );
    const ds = await client.diagnosticsOf(ionsUri, (d) => d.length === 2, 'the defaults');
    assert.deepEqual(shown(ds), [
      `related-id-url-mismatch ${DiagnosticSeverity.Warning}`,
      `related-unknown-id ${DiagnosticSeverity.Error}`,
    ]);

    fs.rmSync(config);
    await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Deleted }]);
    await client.diagnosticsOf(uriOf(config), (d) => d.length === 0, 'the problems to clear with the file gone');
  });
});
