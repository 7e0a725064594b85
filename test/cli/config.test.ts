/**
 * The project config `.quicktakes.jsonc` in `quicktakes lint`, run as a process in
 * temporary copies of the bundled sample: found by walking up, or given with
 * --config; `off` and other severities (and so the exit status); `ignore`, whose
 * articles still resolve for the others; `content`; a bad file warns on stderr
 * and the defaults apply.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { quicktakes } from '../support/process';
import { lintJson as lintJsonOutput, sampleCopy, tempDir } from '../support/sampleCopy';

const lintJson = (cwd: string, ...args: string[]) => lintJsonOutput(cwd, args);

const writeConfig = (file: string, text: string) => fs.writeFileSync(file, text);

describe('quicktakes lint with .quicktakes.jsonc', () => {
  let plain: ReturnType<typeof lintJson>;
  before(() => {
    plain = lintJson(sampleCopy(), '.');
    assert.equal(plain.status, 1);
    assert.ok(plain.diagnostics.some((d) => d.code === 'related-unknown-id'));
  });

  it('finds the config by walking up from a nested path; `off` drops a code', () => {
    const dir = sampleCopy();
    writeConfig(path.join(dir, '.quicktakes.jsonc'), '// team config\n{ "severity": { "related-unknown-id": "off" } }\n');
    const r = lintJson(path.join(dir, 'content/learn/physics'), '.');
    assert.equal(r.stderr, '');
    assert.ok(r.files > 0);
    const physics = plain.diagnostics.filter((d) => d.file.startsWith('content/learn/physics/'));
    assert.ok(
      physics.some((d) => d.code === 'related-unknown-id'),
      'the sample has one to drop',
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.severity}`),
      physics.filter((d) => d.code !== 'related-unknown-id').map((d) => `${d.code} ${d.severity}`),
    );
  });

  it('uses --config FILE instead of the nearest one', () => {
    const dir = sampleCopy();
    writeConfig(path.join(dir, '.quicktakes.jsonc'), '{ "severity": { "related-unknown-id": "off" } }');
    const other = path.join(tempDir(), 'ci.jsonc');
    writeConfig(other, '{ "severity": { "related-broken-url": "off" } }');
    const r = lintJson(dir, '.', '--config', other);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      r.diagnostics,
      plain.diagnostics.filter((d) => d.code !== 'related-broken-url'),
    );
    const missing = quicktakes(['lint', '.', '--config', 'nope.jsonc'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^quicktakes lint: No such config file: nope\.jsonc\n/);
  });

  it('changes severities, and with them the exit status', () => {
    const dir = sampleCopy();
    const errors = [...new Set(plain.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
    const severity = Object.fromEntries(errors.map((c) => [c, 'warning']));
    writeConfig(path.join(dir, '.quicktakes.jsonc'), JSON.stringify({ severity }));
    const r = lintJson(dir, '.');
    assert.equal(r.status, 0, 'no error left');
    assert.deepEqual(
      r.diagnostics,
      plain.diagnostics.map((d) => ({ ...d, severity: d.severity === 'error' ? 'warning' : d.severity })),
    );
    const text = quicktakes(['lint', '.'], dir);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /\(0 errors, \d+ warnings/);
  });

  it('skips ignored articles, whose ids and urls still resolve for the others', () => {
    const dir = sampleCopy();
    const linking = fs
      .readdirSync(path.join(dir, 'content/learn/chemistry'))
      .some((f) => fs.readFileSync(path.join(dir, 'content/learn/chemistry', f), 'utf8').includes('/learn/physics/questions/'));
    assert.ok(linking, 'an article outside physics links to one in it');
    writeConfig(path.join(dir, '.quicktakes.jsonc'), '{ "ignore": ["content/learn/physics/**"] }');
    const r = lintJson(dir, '.');
    const physics = fs.readdirSync(path.join(dir, 'content/learn/physics')).length;
    assert.equal(r.files, plain.files - physics);
    assert.deepEqual(
      r.diagnostics,
      plain.diagnostics.filter((d) => !d.file.startsWith('content/learn/physics/')),
    );
  });

  it('indexes the learn folder `content` names', () => {
    const dir = sampleCopy();
    fs.mkdirSync(path.join(dir, 'site'));
    fs.renameSync(path.join(dir, 'content/learn'), path.join(dir, 'site/learn'));
    fs.rmSync(path.join(dir, 'content'), { recursive: true });
    // the site's files beside a learn folder that is not in `content/`
    fs.renameSync(path.join(dir, 'constant'), path.join(dir, 'site/constant'));
    writeConfig(path.join(dir, '.quicktakes.jsonc'), '{ "content": "site/learn/*/*.md" }');
    const r = lintJson(dir, '.');
    assert.equal(r.stderr, '');
    assert.equal(r.files, plain.files);
    assert.deepEqual(
      r.diagnostics,
      plain.diagnostics.map((d) => ({ ...d, file: d.file.replace(/^(content\/|(?=constant\/))/, 'site/') })),
    );
  });

  it('warns about a bad config on stderr, naming the file and the place, and applies the defaults', () => {
    const cases: [string, RegExp][] = [
      [
        '{ "severity": { "related-unknown-id": "off" ',
        /^quicktakes lint: \.quicktakes\.jsonc:1:\d+: JSON syntax error: .*; none of the file applies\n/,
      ],
      [
        '{\n  "severities": {}\n}',
        /^quicktakes lint: \.quicktakes\.jsonc:2:3: unknown field "severities" \(expected content, severity, ignore, redirects, subjects\); it is ignored\n$/,
      ],
      [
        '{ "severity": { "related-unknown-id": "loud" } }',
        /^quicktakes lint: \.quicktakes\.jsonc:1:39: "severity"\."related-unknown-id" must be one of error, warning, info, hint, off \(found "loud"\); the default applies\n$/,
      ],
    ];
    for (const [text, message] of cases) {
      const dir = sampleCopy();
      writeConfig(path.join(dir, '.quicktakes.jsonc'), text);
      const r = lintJson(dir, '.');
      assert.match(r.stderr, message, text);
      assert.equal(r.status, 1, text);
      assert.deepEqual(r.diagnostics, plain.diagnostics, text);
    }
  });
});
