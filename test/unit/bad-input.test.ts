/**
 * Bad input (test/support/badInputs.ts) through the core: each gets a clear
 * diagnostic with a range inside the document, none throws, none hangs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleFromText } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import type { Code } from '../../server/src/core/checks/diagnostics';
import { BAD_INPUTS, NEURON_KEY, SYNAPSE } from '../support/badInputs';
import { fixtureCorpus, LEARN_ROOT } from '../support/fixtures';

const corpus = fixtureCorpus([SYNAPSE]);

function diagnose(text: string): { codes: Code[]; messages: string[] } {
  const location = {
    path: `${LEARN_ROOT}/psychology/${NEURON_KEY}.md`,
    learnRoot: LEARN_ROOT,
    subjectKey: 'psychology',
    questionKey: NEURON_KEY,
  };
  const article = articleFromText(location, text);
  const ds = checkArticle(article, article.model!, corpus);
  const lines = text.split('\n').length;
  for (const d of ds) {
    assert.ok(d.range.start.line >= 0 && d.range.end.line < lines + 1, `range inside the document: ${JSON.stringify(d.range)}`);
    assert.ok(d.message.length > 0);
  }
  return { codes: ds.map((d) => d.code), messages: ds.map((d) => d.message) };
}

describe('bad input', () => {
  for (const [name, text, expect] of BAD_INPUTS) {
    it(name, () => {
      const { codes, messages } = diagnose(text);
      expect(codes, messages);
    });
  }
});
