import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURES, likelihoods, rerankScore, RERANK_WEIGHTS, type CandidateFeatures } from '../../server/src/core/authoring/similarRerank';

/** A middling candidate: every feature at 0.5. */
const middling = (): CandidateFeatures => Object.fromEntries(FEATURES.map((f) => [f, 0.5])) as unknown as CandidateFeatures;

/** The order of `candidates` by the shipped weights, as indexes, best first. */
const order = (candidates: CandidateFeatures[]) =>
  candidates
    .map((c, i): [number, number] => [i, rerankScore(c)])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([i]) => i);

describe('the near-duplicate reranker', () => {
  it('puts first the candidate whose answer is likest the best matches’ answers, all else equal', () => {
    const alike = { ...middling(), answerLikeness: 0.9, answerLikenessShare: 1, answerLikenessToTen: 0.9 };
    assert.deepEqual(order([middling(), middling(), alike]), [2, 0, 1]);
  });

  it('puts first the candidate of the subject folder the question is asked in', () => {
    assert.deepEqual(order([middling(), { ...middling(), askedSubject: 1 }]), [1, 0]);
  });

  it('puts first the candidate matching the question’s words better', () => {
    const better = { ...middling(), firstMatch: 1, questionMatch: 0.9, bridgingMatch: 0.9 };
    assert.deepEqual(order([middling(), better]), [1, 0]);
  });

  it('weighs every feature with a finite number', () => {
    for (const f of FEATURES) assert.ok(Number.isFinite(RERANK_WEIGHTS[f]), f);
  });

  it('makes scores likelihoods: each in (0, 1], in the same order, summing to 1', () => {
    const chances = likelihoods([2, -1, 0.5, 2]);
    assert.ok(chances.every((c) => c > 0 && c <= 1));
    assert.ok(Math.abs(chances.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(chances[0] > chances[2] && chances[2] > chances[1]);
    assert.equal(chances[0], chances[3]);
    assert.deepEqual(likelihoods([1000, 0]).map(Math.round), [1, 0], 'no overflow');
  });
});
