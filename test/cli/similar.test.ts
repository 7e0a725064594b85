import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workspaceOf, writeWorkspace } from '../support/fixtures';
import { quicktakes } from '../support/process';
import { ALL, ASKED, askingAboutInflation, INFLATION_ASKED } from '../support/similarFixtures';

const ws = writeWorkspace(workspaceOf(ALL));

describe('quicktakes similar', () => {
  it('prints JSON mapping each question as given to the articles asking it, best first', () => {
    const r = quicktakes(['similar', 'content/learn', '--question', ASKED, '--question', 'Why do cats purr?', '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [ASKED, 'Why do cats purr?']);
    assert.deepEqual(Object.keys(out[ASKED][0]), ['id', 'url', 'title', 'score']);
    assert.deepEqual(
      out[ASKED].map((s: { id: number }) => s.id),
      [1, 2],
    );
    assert.equal(out[ASKED][0].url, '/learn/biology/questions/how-do-plants-produce-food-from-sunlight');
    assert.ok(out[ASKED][0].score >= out[ASKED][1].score);
    assert.deepEqual(out['Why do cats purr?'], []);
  });

  it('takes the site root or an article to name the corpus, prints text, limits the list', () => {
    const fromRoot = quicktakes(['similar', '.', '--question', ASKED, '--limit', '1'], ws);
    assert.equal(fromRoot.status, 0, fromRoot.stderr);
    const lines = fromRoot.stdout.trim().split('\n');
    assert.equal(lines[0], ASKED);
    assert.match(lines[1], /^ {2}1\. How do plants produce food from sunlight\? \(id 1, score \d\.\d\d\)$/);
    assert.equal(lines.length, 3);
    const fromArticle = quicktakes(['similar', 'content/learn/science/what-is-a-volcano.md', '--question', ASKED, '--limit', '1'], ws);
    assert.equal(fromArticle.stdout, fromRoot.stdout);
  });

  it('prefers the articles of the subject folder named with --subject, as New Question does', () => {
    const inflation = writeWorkspace(workspaceOf([askingAboutInflation('economics', 1), askingAboutInflation('history', 2), ...ALL]));
    const first = (...extra: string[]) => {
      const r = quicktakes(['similar', 'content/learn', '--question', INFLATION_ASKED, '--format', 'json', ...extra], inflation);
      assert.equal(r.status, 0, r.stderr);
      return { id: JSON.parse(r.stdout)[INFLATION_ASKED][0].id as number, stderr: r.stderr };
    };
    assert.equal(first('--subject', 'economics').id, 1);
    assert.equal(first('--subject', 'history').id, 2);
    const unknown = first('--subject', 'astrology');
    assert.match(unknown.stderr, /has no subject folder astrology/);
    assert.equal(first().stderr, '');
    const bad = quicktakes(['similar', 'content/learn', '--question', INFLATION_ASKED, '--subject', 'history/x'], inflation);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--subject takes a subject folder's name/);
  });

  it('refuses a missing question, a missing path, a bad limit and unknown formats (exit 2)', () => {
    for (const args of [
      ['similar', 'content/learn'],
      ['similar', '--question', ASKED],
      ['similar', 'content/learn', '--question', ASKED, '--limit', 'x'],
      ['similar', 'content/learn', '--question', ASKED, '--format', 'sarif'],
      ['similar', 'nowhere', '--question', ASKED],
    ]) {
      const r = quicktakes(args, ws);
      assert.equal(r.status, 2, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /quicktakes similar/);
    }
  });
});
