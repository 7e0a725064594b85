import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linkTo, workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { MYELIN, NEURON, OTHERS, SIGNALS, SYNAPSE } from '../support/suggestFixtures';
import { quicktakes } from '../support/process';

/** The neuron article's copy under another folder (same id): never suggested for it. */
const NEURON_COPY: ArticleSpec = { ...NEURON, subjectKey: 'biology' };
const LINKED: ArticleSpec = { ...SYNAPSE, questionKey: 'what-links-to-a-synapse', id: 14, related: [linkTo(SYNAPSE)] };

const ws = writeWorkspace(workspaceOf([NEURON, SIGNALS, SYNAPSE, MYELIN, NEURON_COPY, LINKED, ...OTHERS]));
const neuron = 'content/learn/psychology/what-is-a-neuron.md';
const linked = 'content/learn/psychology/what-links-to-a-synapse.md';

describe('quicktakes suggest', () => {
  it('prints JSON mapping each path as given to suggestions, best first, never itself, its id or what it links to', () => {
    const abs = path.join(ws, linked);
    const r = quicktakes(['suggest', neuron, abs, '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [neuron, abs]);
    const first = out[neuron][0];
    assert.deepEqual(Object.keys(first), ['id', 'url', 'title', 'score']);
    assert.equal(first.id, 11);
    assert.equal(first.url, '/learn/psychology/questions/how-do-neurons-transmit-signals');
    assert.equal(first.title, 'How do neurons transmit signals?');
    const ids = out[neuron].map((s: { id: number }) => s.id);
    assert.ok(!ids.includes(10), 'neither the article nor its copy');
    assert.deepEqual([...ids].sort(), [11, 12, 13, 14]);
    const scores = out[neuron].map((s: { score: number }) => s.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.ok(!out[abs].some((s: { id: number }) => s.id === 12), 'not the article it already links to');
  });

  it('limits the list, prints text, and gives the same answer on every run', () => {
    const a = quicktakes(['suggest', neuron, '--limit', '2'], ws);
    assert.equal(a.status, 0, a.stderr);
    const lines = a.stdout.trim().split('\n');
    assert.equal(lines[0], neuron);
    assert.match(lines[1], /^ {2}1\. How do neurons transmit signals\? \(id 11, score \d+\.\d\d\)$/);
    assert.equal(lines[2], '     /learn/psychology/questions/how-do-neurons-transmit-signals');
    assert.equal(lines.length, 5);
    assert.equal(quicktakes(['suggest', neuron, '--limit', '2'], ws).stdout, a.stdout);
  });

  it('refuses folders, a bad limit and unknown formats (exit 2)', () => {
    assert.equal(quicktakes(['suggest', 'content/learn'], ws).status, 2);
    assert.equal(quicktakes(['suggest', neuron, '--limit', '0'], ws).status, 2);
    assert.equal(quicktakes(['suggest', neuron, '--format', 'sarif'], ws).status, 2);
    assert.equal(quicktakes(['suggest'], ws).status, 2);
  });
});
