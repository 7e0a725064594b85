/**
 * The TextMate grammar, checked with vscode-tmgrammar-test (as a process) on
 * the annotated files beside this one: against a stand-in YAML grammar always,
 * and against VS Code's own YAML grammar when a VS Code build is at hand
 * (`QUICKTAKES_VSCODE_EXTENSIONS`, or the e2e suite's code-server in `.cache`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../support/corpus';

const TOOL = path.join(PROJECT_ROOT, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const GRAMMAR = path.join(PROJECT_ROOT, 'syntaxes/quicktakes.tmLanguage.json');
const CASES = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.test.md'))
  .map((f) => path.join(__dirname, f));

const vscodeExtensions = [
  process.env.QUICKTAKES_VSCODE_EXTENSIONS,
  path.join(PROJECT_ROOT, '.cache/code-server/node_modules/code-server/lib/vscode/extensions'),
].find((d) => d && fs.existsSync(path.join(d, 'yaml/syntaxes/yaml.tmLanguage.json')));

function run(yamlGrammars: string[]) {
  const args = [TOOL, '-g', GRAMMAR, ...yamlGrammars.flatMap((g) => ['-g', g]), ...CASES];
  // The tool's own assertion parser can backtrack for a long time on malformed lines: bound it.
  return spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('TextMate grammar (vscode-tmgrammar-test)', () => {
  it('has test files', () => assert.ok(CASES.length >= 3));

  it('passes with the stand-in YAML grammar', () => {
    const r = run([path.join(__dirname, 'fixtures/yaml-stub.tmLanguage.json')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((r.stdout.match(/run successfuly/g) ?? []).length, CASES.length, r.stdout);
  });

  it('passes with VS Code’s YAML grammar', { skip: vscodeExtensions ? false : 'no VS Code build at hand for its YAML grammar' }, () => {
    const dir = path.join(vscodeExtensions!, 'yaml/syntaxes');
    const r = run(fs.readdirSync(dir).map((f) => path.join(dir, f)));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((r.stdout.match(/run successfuly/g) ?? []).length, CASES.length, r.stdout);
  });
});
