/**
 * A second, independent LSP client: Debian's Neovim (0.7) headless, with its built-in
 * LSP client configured by the README's own snippet, against dist/server.js over stdio
 * on the e2e fixture workspace. Shows the server works outside VS Code and the
 * documented setup works. Skipped, with the reason, without Neovim.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureDebianPackages, Unavailable } from '../../scripts/e2e/debian';
import { PROJECT_ROOT } from '../support/corpus';
import { SERVER } from '../support/lsp';
import { articleText, linkTo } from '../support/fixtures';
import { FIXTURE, SPECS, writeFixtureWorkspace } from './fixture';

function neovimSkipReason(): string | false {
  try {
    if (spawnSync('nvim', ['--version']).status !== 0) ensureDebianPackages(['neovim']);
    return spawnSync('nvim', ['--version']).status === 0 ? false : 'nvim is not on PATH after installing neovim';
  } catch (e) {
    if (e instanceof Unavailable) return `Neovim is not available: ${e.message}`;
    throw e;
  }
}

/** The README's Neovim configuration, pointed at this checkout's server. */
function readmeConfig(): string {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using the server from Neovim'));
  const lua = /```lua\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(lua && lua.includes("'/path/to/quicktakes-authoring/dist/server.js'"), 'the README shows a Neovim configuration');
  return lua.replace("'/path/to/quicktakes-authoring/dist/server.js'", JSON.stringify(SERVER));
}

interface Seen {
  error?: string;
  indexed: boolean;
  diagnosticsArrived: boolean;
  diagnostics: { code: string; severity: number; lnum: number; col: number; text: string }[];
  completion?: { label: string }[] | null;
  /** The buffer after accepting `plan.completion.accept`. */
  accepted?: string;
}

interface Plan {
  file: string;
  waitCodes: readonly string[];
  completion?: {
    line: number;
    character: number;
    insert?: { line: number; character: number; text: string };
    /** The label of the item to accept. */
    accept?: string;
  };
}

const skip = neovimSkipReason();

describe('Neovim as a second LSP client', { skip }, () => {
  let root = '';
  let config = '';
  before(() => {
    root = writeFixtureWorkspace();
    config = path.join(root, 'quicktakes.lua');
    fs.writeFileSync(config, readmeConfig());
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Runs Neovim on `plan` and returns what its LSP client saw. */
  function nvim(plan: Plan): Seen {
    const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qt-nvim-')), 'seen.json');
    const env = {
      ...process.env,
      QT_OUT: outFile,
      // the snippet runs `node`: this one
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
      QT_PLAN: JSON.stringify({ ...plan, file: path.join(root, plan.file) }),
    };
    const probe = path.join(PROJECT_ROOT, 'test/e2e/neovim/probe.lua');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${config}`, '-c', `luafile ${probe}`], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.ok(fs.existsSync(outFile), `nvim wrote no result (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
    const seen = JSON.parse(fs.readFileSync(outFile, 'utf8')) as Seen;
    fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
    assert.equal(seen.error, undefined, `the probe failed: ${seen.error}`);
    return seen;
  }

  test('publishes the diagnostics of a broken article, on the offending values', () => {
    const seen = nvim({ file: FIXTURE.broken.path, waitCodes: FIXTURE.broken.codes });
    assert.ok(seen.indexed, 'the server reported its index ready');
    assert.ok(seen.diagnosticsArrived, `expected ${FIXTURE.broken.codes.join(', ')}; got ${JSON.stringify(seen.diagnostics)}`);
    const url = seen.diagnostics.find((d) => d.code === 'url-mismatch')!;
    assert.equal(url.text, '/learn/psychology/questions/a-wrong-key');
    assert.equal(url.severity, 1); // vim.diagnostic.severity.ERROR
  });

  test('completes a related slot from the corpus, filling the whole slot', () => {
    const text = fs.readFileSync(path.join(root, FIXTURE.unlinked.path), 'utf8');
    const closing = text.split('\n').lastIndexOf('---');
    const typed = '    id: fixtures link';
    const seen = nvim({
      file: FIXTURE.unlinked.path,
      waitCodes: [],
      completion: {
        line: closing + 1,
        character: typed.length,
        insert: { line: closing, character: 0, text: `related_article1:\n${typed}\n` },
        accept: FIXTURE.target.title,
      },
    });
    const labels = (seen.completion ?? []).map((i) => i.label);
    assert.ok(labels.includes(FIXTURE.target.title), `${FIXTURE.target.title} among ${labels.join(', ')}`);
    assert.equal(seen.accepted, articleText({ ...SPECS.unlinked, related: [linkTo(SPECS.target)] }));
  });

  test('reports a file without front matter', () => {
    const seen = nvim({ file: FIXTURE.noFrontMatter.path, waitCodes: ['front-matter-missing'] });
    assert.ok(seen.diagnosticsArrived, JSON.stringify(seen.diagnostics));
  });
});
