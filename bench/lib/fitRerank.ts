/**
 * Fits the weights of the near-duplicate reranker (`core/authoring/similarRerank.ts`): a linear score per
 * candidate, its softmax over a question's candidates made to put the paraphrase first (cross-entropy),
 * by full-batch gradient descent (Adam) from zero on standardized features, the weights kept at 0 or more:
 * deterministic, no seed needed.
 */
import { FEATURES, RERANK_WEIGHTS, type CandidateFeatures, type RerankWeights } from '../../server/src/core/authoring/similarRerank';

/** One question asked, as the search asks it: its candidates' features (in `FEATURES` order) and ids. */
export interface RerankQuestion {
  features: number[][];
  ids: number[];
  /** The id of the paraphrase to find. */
  target: number;
  /** Which pair it comes from: both questions of a pair go to the same fold. */
  pair: number;
  /** Asked told its subject folder. */
  inSubject: boolean;
}

const EPOCHS = 400;
const LEARNING_RATE = 0.05;
/** L2 penalty on the standardized weights, per question. */
const L2 = 1e-3;

/** The weights (per raw feature) fitted on `questions`. */
export function fitRerank(questions: readonly RerankQuestion[]): number[] {
  const usable = questions.filter((q) => q.ids.includes(q.target));
  const k = FEATURES.length;
  const mean = new Array<number>(k).fill(0);
  const sd = new Array<number>(k).fill(0);
  let n = 0;
  for (const q of usable) {
    for (const x of q.features) {
      n++;
      x.forEach((v, f) => (mean[f] += v));
    }
  }
  mean.forEach((_, f) => (mean[f] /= n || 1));
  for (const q of usable) for (const x of q.features) x.forEach((v, f) => (sd[f] += (v - mean[f]) ** 2));
  sd.forEach((_, f) => (sd[f] = Math.sqrt(sd[f] / (n || 1)) || 1));
  const z = usable.map((q) => q.features.map((x) => x.map((v, f) => (v - mean[f]) / sd[f])));

  const w = new Array<number>(k).fill(0);
  const m = new Array<number>(k).fill(0);
  const v = new Array<number>(k).fill(0);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const grad = w.map((wf) => 2 * L2 * wf);
    usable.forEach((q, i) => {
      const scores = z[i].map((x) => x.reduce((s, xf, f) => s + w[f] * xf, 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const right = exp.reduce((a, e, c) => a + (q.ids[c] === q.target ? e : 0), 0);
      z[i].forEach((x, c) => {
        const g = exp[c] / all - (q.ids[c] === q.target ? exp[c] / right : 0);
        x.forEach((xf, f) => (grad[f] += (g * xf) / usable.length));
      });
    });
    grad.forEach((g, f) => {
      m[f] = 0.9 * m[f] + 0.1 * g;
      v[f] = 0.999 * v[f] + 0.001 * g * g;
      // never below 0: each feature grows with how likely a candidate is the one asked, so that a better match
      // is never ranked lower for it (a negative weight would learn the bench's labels, not the questions)
      w[f] = Math.max(0, w[f] - (LEARNING_RATE * (m[f] / (1 - 0.9 ** epoch))) / (Math.sqrt(v[f] / (1 - 0.999 ** epoch)) + 1e-8));
    });
  }
  return w.map((wf, f) => wf / sd[f]);
}

/** The share of `questions` whose paraphrase is among the first five distinct ids, ordered by `weights`. */
export function top5(questions: readonly RerankQuestion[], weights: readonly number[]): number {
  let found = 0;
  for (const q of questions) {
    const order = q.features
      .map((x, c): [number, number] => [c, x.reduce((s, xf, f) => s + weights[f] * xf, 0)])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const ids: number[] = [];
    for (const [c] of order) {
      if (!ids.includes(q.ids[c])) ids.push(q.ids[c]);
      if (ids.length === 5) break;
    }
    if (ids.includes(q.target)) found++;
  }
  return Math.round((found / (questions.length || 1)) * 1e4) / 1e4;
}

/** What the shipped weights and fitted ones reach (fitted on the other fold), and the weights fitted on all. */
export function trainingReport(questions: readonly RerankQuestion[]): string {
  const shipped = FEATURES.map((f) => RERANK_WEIGHTS[f]);
  const folds = [0, 1].map((fold) => questions.filter((q) => q.pair % 2 === fold));
  const crossed = folds.map((_, fold) => fitRerank(folds[1 - fold]));
  const rows = [
    ['', 'asked', 'found in 50', 'shipped weights', 'fitted on the other fold'],
    ...[false, true].map((inSubject) => {
      const part = (qs: readonly RerankQuestion[]) => qs.filter((q) => q.inSubject === inSubject);
      const found = part(questions).filter((q) => q.ids.includes(q.target)).length;
      const crossFound = folds.reduce((s, qs, fold) => s + top5(part(qs), crossed[fold]) * part(qs).length, 0);
      return [
        inSubject ? 'told the subject' : 'not told',
        String(part(questions).length),
        (found / (part(questions).length || 1)).toFixed(4),
        top5(part(questions), shipped).toFixed(4),
        (crossFound / (part(questions).length || 1)).toFixed(4),
      ];
    }),
  ];
  const fitted = fitRerank(questions);
  const table: Partial<Record<keyof CandidateFeatures, number>> = {};
  FEATURES.forEach((f, i) => (table[f] = Number(fitted[i].toPrecision(3))));
  return [
    ...rows.map((r) => r.join('\t')),
    `fitted on all ${questions.length} (paste into RERANK_WEIGHTS):`,
    JSON.stringify(table as RerankWeights, null, 2),
  ].join('\n');
}
