/**
 * The standalone CLI package as a content repository uses it: packed from the
 * build, installed offline into a temporary git repository made from the
 * sample, then the baseline command, the GitHub Actions workflow's lint steps
 * (read from docs/ci.md) and the pre-commit hook run there.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from '../support/corpus';

const ROOT_PKG = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
const TARBALL = `quicktakes-cli-${ROOT_PKG.version}.tgz`;
const LEARN = 'content/learn';
const BASELINE_COMMAND = 'npx quicktakes lint content/learn --baseline .quicktakes-baseline.json --update-baseline';
const ARTICLE = `${LEARN}/accounting-and-finance/how-are-general-partnerships-taxed-compared-to-other-business-entities.md`;

// npm and git as in a content repository: none of this checkout's npm settings, no registry, a fresh cache
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quicktakes-package-'));
const ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^INIT_CWD$/i.test(k)));
Object.assign(ENV, {
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
  npm_config_offline: 'true',
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A shell command line as a GitHub Actions `run:` step runs it (bash, -e, pipefail). */
const shell = (cwd: string, line: string) => run(cwd, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', line]);

function git(cwd: string, ...args: string[]): string {
  const r = run(cwd, 'git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=.git/hooks', ...args]);
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function npmSkipReason(): string | false {
  const r = spawnSync('npm', ['--version'], { env: ENV, encoding: 'utf8' });
  return r.status === 0
    ? false
    : `npm is not available (${r.error?.message ?? r.stderr.trim()}): the CLI package cannot be packed or installed`;
}

after(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the quicktakes CLI package in a content repository', { skip: npmSkipReason() }, () => {
  let template: string;
  let copies = 0;

  before(() => {
    const packed = execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/package-cli.mjs'), '--out', path.join(work, 'pack')], {
      env: ENV,
      encoding: 'utf8',
    });
    assert.equal(packed.trim(), path.join(work, 'pack', TARBALL));
    // the content repository: the sample's articles, the tarball committed in vendor/, installed from there
    template = path.join(work, 'template');
    fs.cpSync(path.join(PROJECT_ROOT, 'sample'), template, { recursive: true });
    fs.mkdirSync(path.join(template, 'vendor'));
    fs.copyFileSync(path.join(work, 'pack', TARBALL), path.join(template, 'vendor', TARBALL));
    fs.writeFileSync(path.join(template, 'package.json'), '{ "name": "content", "private": true }\n');
    fs.writeFileSync(path.join(template, '.gitignore'), 'node_modules/\n');
    const install = run(template, 'npm', ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', `./vendor/${TARBALL}`]);
    assert.equal(install.status, 0, install.stderr);
    git(template, 'init', '-q', '-b', 'main');
    git(template, 'add', '-A');
    git(template, 'commit', '-qm', 'content');
  });

  /** A fresh copy of the installed content repository. */
  function contentRepo(): string {
    const dir = path.join(work, `repo-${++copies}`);
    fs.cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
    return dir;
  }

  function edit(dir: string, file: string, change: (text: string) => string): void {
    const p = path.join(dir, file);
    const text = fs.readFileSync(p, 'utf8');
    const changed = change(text);
    assert.notEqual(changed, text, `the edit of ${file} changed nothing`);
    fs.writeFileSync(p, changed);
  }

  it('installs with no dependencies and no scripts, and npm ci reinstalls it offline from the lock file', () => {
    const dir = contentRepo();
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/@quicktakes/cli/package.json'), 'utf8'));
    assert.equal(manifest.version, ROOT_PKG.version);
    assert.deepEqual(manifest.bin, { quicktakes: 'bin/quicktakes' });
    assert.equal(manifest.engines.node, '>=20');
    assert.ok(manifest.license);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts'])
      assert.equal(manifest[field], undefined, field);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies, {
      '@quicktakes/cli': `file:vendor/${TARBALL}`,
    });
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
    assert.deepEqual(Object.keys(lock.packages), ['', 'node_modules/@quicktakes/cli']);

    // every worker thread the CLI can start, beside it
    const workers = fs.readdirSync(path.join(PROJECT_ROOT, 'server/src/core/loading')).filter((f) => f.endsWith('-worker.ts'));
    assert.ok(workers.length >= 4);
    for (const w of workers) assert.ok(fs.existsSync(path.join(dir, 'node_modules/@quicktakes/cli/dist', w.replace(/\.ts$/, '.js'))), w);

    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true });
    const ci = run(dir, 'npm', ['ci', '--offline', '--no-audit', '--no-fund']);
    assert.equal(ci.status, 0, ci.stderr);
    const version = shell(dir, 'npx quicktakes --version');
    assert.deepEqual([version.status, version.stdout], [0, `${ROOT_PKG.version}\n`]);
    // report --html inlines the health page's script and style from the package
    const report = shell(dir, `npx quicktakes report ${LEARN} --html health.html`);
    assert.equal(report.status, 0, report.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'health.html'), 'utf8'), /<main id="health"/);
  });

  it("runs the workflow's lint steps from docs/ci.md: only a new problem fails, as one annotation and one SARIF result", () => {
    const docs = fs.readFileSync(path.join(PROJECT_ROOT, 'docs/ci.md'), 'utf8');
    assert.ok(docs.includes(BASELINE_COMMAND), 'docs/ci.md shows how to write the baseline');
    const workflow = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1])).find((y) => y?.jobs);
    const steps = (workflow.jobs.lint.steps as { run?: string; uses?: string; with?: Record<string, unknown> }[]).filter((s) =>
      s.run?.includes('quicktakes lint'),
    );
    assert.equal(steps.length, 2, 'a SARIF step and an annotations step');
    const [sarifStep, githubStep] = steps.map((s) => s.run!.replace(/\$\{\{ github\.base_ref \}\}/g, 'main'));
    assert.match(sarifStep, /--format sarif > quicktakes\.sarif/);
    assert.match(githubStep, /--format github$/);
    const checkout = workflow.jobs.lint.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout.with['fetch-depth'], 0);
    const upload = workflow.jobs.lint.steps.find((s: { uses?: string }) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload.with.sarif_file, 'quicktakes.sarif');

    const dir = contentRepo();
    const write = shell(dir, BASELINE_COMMAND);
    assert.equal(write.status, 0, write.stderr);
    assert.match(write.stdout, /^Wrote \.quicktakes-baseline\.json: \d+ known problems \(0 before\)\.\n$/);
    git(dir, 'add', '.quicktakes-baseline.json');
    git(dir, 'commit', '-qm', 'baseline');
    // the base branch as actions/checkout with fetch-depth 0 leaves it
    git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    git(dir, 'checkout', '-qb', 'pull');

    // a pull request that edits an article without a new problem: its standing ones are in the baseline
    edit(dir, ARTICLE, (t) => t.replace(/^title: .*$/m, (line) => `${line} `));
    git(dir, 'commit', '-qam', 'harmless');
    const clean = shell(dir, githubStep);
    assert.deepEqual([clean.status, clean.stdout], [0, ''], clean.stderr);
    // the article and those linking to it are checked, and only their known problems found
    assert.match(clean.stderr, /^[1-9]\d* files? checked: 0 new problems .*; [1-9]\d* known problems? in the baseline\.\n$/);

    // then it breaks the article's url
    edit(dir, ARTICLE, (t) => t.replace(/^url: .*$/m, 'url: /learn/accounting-and-finance/questions/typo'));
    git(dir, 'commit', '-qam', 'typo');
    const sarif = shell(dir, sarifStep);
    assert.equal(sarif.status, 0, `exit 1 of the lint does not fail the SARIF step: ${sarif.stderr}`);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'quicktakes.sarif'), 'utf8')).runs[0].results;
    assert.deepEqual(
      results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [
        r.ruleId,
        r.locations[0].physicalLocation.artifactLocation.uri,
      ]),
      [['url-mismatch', ARTICLE]],
    );
    const annotations = shell(dir, githubStep);
    assert.equal(annotations.status, 1);
    assert.match(
      annotations.stdout,
      new RegExp(
        `^::error file=${ARTICLE.replace(/\./g, '\\.')},line=\\d+,col=6,endLine=\\d+,endColumn=\\d+,title=url-mismatch::\`url\` is \`/learn/accounting-and-finance/questions/typo\`[^\\n]*\\n$`,
      ),
    );

    // a wrong ref fails the SARIF step too: only the lint's exit 1 is tolerated
    const wrong = shell(dir, sarifStep.replace('origin/main', 'origin/nothing'));
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr, /origin\/nothing is not a commit/);
  });

  describe('the pre-commit hook', () => {
    const HOOK = path.join(PROJECT_ROOT, 'hooks/pre-commit');
    const ORIGINAL = `${LEARN}/physics/what-is-bernoullis-principle-in-fluid-dynamics.md`;
    const BROKEN = `${LEARN}/physics/bernoulli-copy.md`;

    function withBaseline(): string {
      const dir = contentRepo();
      assert.equal(shell(dir, BASELINE_COMMAND).status, 0);
      fs.copyFileSync(HOOK, path.join(dir, '.git/hooks/pre-commit'));
      // a commit without articles is not checked
      git(dir, 'add', '.quicktakes-baseline.json');
      git(dir, 'commit', '-qm', 'baseline');
      return dir;
    }

    it('as a git hook: lets a commit without new problems through and stops one that adds a broken article', () => {
      const dir = withBaseline();
      edit(dir, ARTICLE, (t) => t.replace(/^title: .*$/m, (line) => `${line} `));
      git(dir, 'commit', '-qam', 'harmless');

      const head = git(dir, 'rev-parse', 'HEAD');
      // a copy of an article: its file name and url are wrong, and its id is now another article's too
      fs.copyFileSync(path.join(dir, ORIGINAL), path.join(dir, BROKEN));
      git(dir, 'add', BROKEN);
      const commit = run(dir, 'git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=.git/hooks', 'commit', '-qm', 'broken']);
      assert.equal(commit.status, 1);
      // git shows a hook's output on stderr
      const problems = commit.stderr.trimEnd().split('\n');
      const summary = problems.pop()!;
      assert.match(summary, /^\d+ files checked: 6 new problems \(6 errors, 0 warnings, 0 info\); \d+ known problems in the baseline\.$/);
      assert.deepEqual(
        [
          ...new Set(
            problems.map((l) =>
              l
                .split(' ')
                .slice(0, 3)
                .join(' ')
                .replace(/:\d+:\d+ /, ' '),
            ),
          ),
        ].sort(),
        [
          `${BROKEN} error duplicate-id`,
          `${BROKEN} error file-name-mismatch`,
          // the copy's links that were already broken in the original are new in the copy
          `${BROKEN} error related-broken-url`,
          `${BROKEN} error related-unknown-id`,
          `${BROKEN} error url-mismatch`,
          `${ORIGINAL} error duplicate-id`,
        ],
      );
      assert.equal(git(dir, 'rev-parse', 'HEAD'), head, 'the commit was stopped');
    });

    it('as the pre-commit framework runs it: the entry of .pre-commit-hooks.yaml from this checkout, in the content repository', () => {
      const hooks = parseYaml(fs.readFileSync(path.join(PROJECT_ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
      const hook = hooks.find((h: { id: string }) => h.id === 'quicktakes-lint');
      assert.deepEqual([hook.language, hook.files, hook.pass_filenames], ['script', '^content/learn/.*\\.md$', false]);
      const entry = path.join(PROJECT_ROOT, hook.entry);
      fs.accessSync(entry, fs.constants.X_OK);

      const dir = withBaseline();
      fs.rmSync(path.join(dir, '.git/hooks/pre-commit'));
      fs.copyFileSync(path.join(dir, ORIGINAL), path.join(dir, BROKEN));
      git(dir, 'add', BROKEN);
      const stopped = run(dir, entry, []);
      assert.equal(stopped.status, 1);
      assert.match(stopped.stdout, /bernoulli-copy\.md:\d+:\d+ error file-name-mismatch/);
      // args in .pre-commit-config.yaml go to the lint
      const json = run(dir, entry, ['--format', 'json']);
      assert.equal(json.status, 1);
      const files = (JSON.parse(json.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
      assert.deepEqual([...new Set(files)].sort(), [BROKEN, ORIGINAL]);

      git(dir, 'rm', '-qf', BROKEN);
      assert.deepEqual([run(dir, entry, []).status], [0]);
    });
  });
});
