/** The project config `.quicktakes.jsonc`: found by walking up, parsed with positions, never throwing; its shipped schema. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ALL_CODES } from '../../server/src/core/checks/diagnostics';
import {
  configFor,
  DEFAULT_PROJECT_CONFIG,
  findConfigFile,
  FolderConfigs,
  ignoreMatcher,
  parseProjectConfig,
  readProjectConfig,
} from '../../server/src/core/config/projectConfig';
import { toSlash } from '../../server/src/core/site/paths';
import { PROJECT_ROOT } from '../support/corpus';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = toSlash(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'quicktakes-config-'))));
  made.push(dir);
  return dir;
}

const FILE = '/repo/.quicktakes.jsonc';

describe('project config', () => {
  it('reads every field, with comments and trailing commas', () => {
    const { config, problems } = parseProjectConfig(
      `// the site's content\n{\n  "content": "site/learn/*/*.md", /* moved */\n  "severity": { "related-title-mismatch": "off", "duplicate-id": "warning", },\n  "ignore": ["site/learn/drafts/*.md"],\n}\n`,
      FILE,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      file: FILE,
      content: 'site/learn/*/*.md',
      severity: { 'related-title-mismatch': 'off', 'duplicate-id': 'warning' },
      ignore: ['site/learn/drafts/*.md'],
    });
  });

  it('names what is wrong, where, and keeps the defaults for it', () => {
    const text =
      '{\n  "severity": { "bogus": "off", "yaml-syntax": "loud", "answer-empty": "off" },\n  "extra": 1,\n  "content": "docs/*.md",\n  "ignore": [3]\n}';
    const { config, problems } = parseProjectConfig(text, FILE);
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.range.start.character, p.message.split(' ').slice(0, 3).join(' ')]),
      [
        [1, 16, 'unknown diagnostic code'],
        [1, 47, '"severity"."yaml-syntax" must be'],
        [2, 2, 'unknown field "extra"'],
        [3, 13, '"content" must name'],
        [4, 13, 'each "ignore" entry'],
      ],
    );
    assert.ok(problems.every((p) => p.file === FILE));
    assert.deepEqual(config, { ...DEFAULT_PROJECT_CONFIG, file: FILE, severity: { 'answer-empty': 'off' } });
  });

  it('uses none of a file that is not JSON, or not an object', () => {
    for (const text of ['{ "severity": ', '[1]', '{ "severity": { "answer-empty": "off" } } }']) {
      const { config, problems } = parseProjectConfig(text, FILE);
      assert.ok(problems.length > 0, text);
      assert.match(problems[0].message, /none of the file applies/);
      assert.deepEqual(config, { ...DEFAULT_PROJECT_CONFIG, file: FILE });
    }
    assert.deepEqual(parseProjectConfig('// nothing yet\n', FILE).problems, []);
  });

  it('is found by walking up; an unreadable one is a problem, not an exception', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'content/learn/maths'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content/learn/maths/a.md'), '');
    assert.equal(findConfigFile(path.join(dir, 'content/learn/maths/a.md')), findConfigFile(os.tmpdir()));
    fs.writeFileSync(path.join(dir, '.quicktakes.jsonc'), '{ "ignore": ["content/learn/maths/*.md"] }');
    assert.equal(findConfigFile(path.join(dir, 'content/learn/maths/a.md')), `${dir}/.quicktakes.jsonc`);
    assert.equal(findConfigFile(path.join(dir, 'content/learn')), `${dir}/.quicktakes.jsonc`);
    const { config } = configFor(path.join(dir, 'content'));
    const ignored = ignoreMatcher(config);
    assert.equal(ignored(`${dir}/content/learn/maths/a.md`), true);
    assert.equal(ignored(`${dir}/content/learn/physics/a.md`), false);
    assert.equal(ignored('/elsewhere/content/learn/maths/a.md'), false);

    const missing = readProjectConfig(path.join(dir, 'nope.jsonc'));
    assert.match(missing.problems[0].message, /cannot read it: no such file/);

    const folders = new FolderConfigs();
    folders.load([dir]);
    assert.equal(folders.isIgnored(`${dir}/content/learn/maths/a.md`), true);
    assert.equal(folders.contentGlob(dir), `${dir}/content/learn/*/*.md`);
  });

  it('ships a JSON schema whose codes are the diagnostic codes', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schemas/quicktakes.schema.json'), 'utf8')) as {
      properties: Record<string, { properties?: Record<string, { enum: string[] }> }>;
    };
    assert.deepEqual(Object.keys(schema.properties.severity.properties!), ALL_CODES);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'content', 'ignore', 'redirects', 'severity', 'subjects']);
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string; url: string }[] };
    };
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.quicktakes.jsonc', url: './schemas/quicktakes.schema.json' }]);
  });
});
