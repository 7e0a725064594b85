/**
 * file: URIs ↔ the core's forward-slash paths (server/src/uri.ts) and open
 * documents found by any encoding of their URI: Windows drive letters as VS Code
 * writes them (`file:///c%3A/…`) and as node:url and other clients do
 * (`file:///C:/…`), on whatever host the tests run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenDocuments } from '../../server/src/documents';
import { normalizeUri, pathToUri, sameUri, uriToPath } from '../../server/src/uri';
import { PROJECT_ROOT } from '../support/corpus';

const WIN_PATH = 'c:\\Users\\a\\content\\learn\\math\\q.md';
const CORE_PATH = 'c:/Users/a/content/learn/math/q.md';
/** How VS Code writes the file's URI. */
const VSCODE_URI = 'file:///c%3A/Users/a/content/learn/math/q.md';
/** How node:url's pathToFileURL (and some other clients) write it. */
const NODE_URI = 'file:///C:/Users/a/content/learn/math/q.md';

/** Paths and URIs whose mapping must not depend on the host (see the last test). */
const PATHS = [
  WIN_PATH,
  CORE_PATH,
  'C:\\Users\\a\\content\\learn\\math\\q.md',
  'D:/work/content/learn/math/q.md',
  '/home/a/content/learn/math/q.md',
  '/home/a b/c#1/100%/content/learn/math/q.md',
  '\\\\server\\share\\content\\learn\\math\\q.md',
];
const URIS = [
  VSCODE_URI,
  NODE_URI,
  'file:///c:/Users/a/content/learn/math/q.md',
  'file:///home/a%20b/c%231/100%25/content/learn/math/q.md',
  'file://server/share/content/learn/math/q.md',
  'untitled:Untitled-1',
  'https://example.com/learn/math/q.md',
  '/home/a/content/learn/math/q.md',
];

function table(): { uris: string[]; paths: (string | undefined)[] } {
  return { uris: PATHS.map(pathToUri), paths: URIS.map(uriToPath) };
}

/** An OpenDocuments fed didOpen/didClose by hand, as the connection would. */
function openDocuments() {
  const docs = new OpenDocuments(TextDocument);
  const handlers = new Map<string, (e: unknown) => void>();
  const on = (name: string) => (handler: (e: unknown) => void) => {
    handlers.set(name, handler);
    return { dispose: () => undefined };
  };
  const connection = {
    onDidOpenTextDocument: on('open'),
    onDidChangeTextDocument: on('change'),
    onDidCloseTextDocument: on('close'),
    onWillSaveTextDocument: on('willSave'),
    onWillSaveTextDocumentWaitUntil: on('willSaveWaitUntil'),
    onDidSaveTextDocument: on('save'),
  };
  docs.listen(connection as unknown as Parameters<typeof docs.listen>[0]);
  return {
    docs,
    open: (uri: string, text: string) => handlers.get('open')!({ textDocument: { uri, languageId: 'quicktakes', version: 1, text } }),
    close: (uri: string) => handlers.get('close')!({ textDocument: { uri } }),
  };
}

describe('file URIs through vscode-uri', () => {
  it('makes the URI VS Code makes for a Windows path, whatever its separators and drive-letter case', () => {
    for (const p of [WIN_PATH, CORE_PATH, 'C:\\Users\\a\\content\\learn\\math\\q.md', 'C:/Users/a/content/learn/math/q.md']) {
      assert.equal(pathToUri(p), VSCODE_URI, p);
    }
  });

  it('reads both encodings of a Windows URI as the same forward-slash path, drive letter lower-case', () => {
    assert.equal(uriToPath(VSCODE_URI), CORE_PATH);
    assert.equal(uriToPath(NODE_URI), CORE_PATH);
    assert.equal(uriToPath('file:///c:/Users/a/content/learn/math/q.md'), CORE_PATH);
    assert.equal(pathToUri(uriToPath(NODE_URI)!), VSCODE_URI);
    assert.equal(uriToPath(pathToUri(CORE_PATH)), CORE_PATH);
  });

  it('round-trips POSIX paths with characters URIs must encode, and UNC paths', () => {
    const odd = '/home/a b/c#1/100%/content/learn/math/q.md';
    assert.equal(pathToUri(odd), 'file:///home/a%20b/c%231/100%25/content/learn/math/q.md');
    assert.equal(uriToPath(pathToUri(odd)), odd);
    assert.equal(pathToUri('\\\\server\\share\\content\\q.md'), 'file://server/share/content/q.md');
    assert.equal(uriToPath('file://server/share/content/q.md'), '//server/share/content/q.md');
  });

  it('maps only file: URIs to paths', () => {
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('https://example.com/learn/math/q.md'), undefined);
    // vscode-uri would read a scheme-less string as a file URI; a bare path is not a URI
    assert.equal(uriToPath('/home/a/content/learn/math/q.md'), undefined);
    assert.equal(uriToPath('c:/Users/a/q.md'), undefined);
  });

  it('compares URIs by their normalized form, not their spelling', () => {
    assert.equal(normalizeUri(NODE_URI), VSCODE_URI);
    assert.ok(sameUri(NODE_URI, VSCODE_URI));
    assert.ok(sameUri('file:///home/a b/q.md', 'file:///home/a%20b/q.md'));
    assert.ok(!sameUri(VSCODE_URI, 'file:///d%3A/Users/a/content/learn/math/q.md'));
    assert.ok(!sameUri(VSCODE_URI, 'file:///c%3A/Users/a/content/learn/math/r.md'));
  });

  for (const [openedAs, askedAs] of [
    [NODE_URI, VSCODE_URI],
    [VSCODE_URI, NODE_URI],
  ]) {
    it(`finds a document opened as ${openedAs} when asked for ${askedAs}`, () => {
      const { docs, open, close } = openDocuments();
      open(openedAs, 'the buffer');
      const found = docs.get(askedAs);
      assert.equal(found?.getText(), 'the buffer');
      // it keeps the client's URI: diagnostics are published under it
      assert.equal(found.uri, openedAs);
      assert.equal(docs.get(openedAs), found);
      assert.equal(uriToPath(found.uri), uriToPath(askedAs));
      assert.equal(docs.get('file:///c%3A/Users/a/content/learn/math/r.md'), undefined);
      close(openedAs);
      assert.equal(docs.get(askedAs), undefined);
    });
  }

  it('maps the same whether vscode-uri takes the host for Windows or not', () => {
    // vscode-uri decides whether it runs on Windows when it loads: load it in a
    // child that says it runs on the other kind of host than this one.
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    const code = `
      Object.defineProperty(process, 'platform', { value: ${JSON.stringify(other)} });
      // only on Windows does URI.file read a backslash as a separator
      const windows = require('vscode-uri').URI.file('/a' + String.fromCharCode(92) + 'b').path === '/a/b';
      if (windows !== (process.platform === 'win32')) throw new Error('vscode-uri did not take the platform');
      const { pathToUri, uriToPath } = require('./server/src/uri.ts');
      const { PATHS, URIS } = JSON.parse(process.env.QT_URI_TABLE);
      process.stdout.write(JSON.stringify({ uris: PATHS.map(pathToUri), paths: URIS.map(uriToPath) }));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, QT_URI_TABLE: JSON.stringify({ PATHS, URIS }) },
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    const there = JSON.parse(child.stdout) as { uris: string[]; paths: (string | null)[] };
    assert.deepEqual({ uris: there.uris, paths: there.paths.map((p) => p ?? undefined) }, table());
  });
});
