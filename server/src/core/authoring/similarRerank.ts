/**
 * The last step of the search for questions that already exist: the best
 * matches of the word search ordered again by a small linear model of what is
 * known of each one without the asker's answer (the asker may be an article not
 * written yet): how well it matches the question's words, how alike its answer
 * is to the answers of the best matches, its subject folder, how alike its
 * question is worded. Ids are not a signal: they say when an article was made,
 * not what it asks.
 *
 * The weights were fitted by `node --import tsx bench/similar.ts --train` on the
 * tuning half of the bench's real paraphrase pairs only (a softmax over each
 * question's candidates, the paraphrase being the one to find; plain gradient
 * descent from zero, deterministic), which prints them again. They are kept at
 * 0 or more: each feature grows with how likely a candidate is the question
 * asked, so a better match is never ranked lower for it.
 */

/** What is known of one candidate of a question; each a number in [0, 1]. */
export interface CandidateFeatures {
  /** Its cosine with the question widened by associated terms only (before feedback), divided by the best one's. */
  firstMatch: number;
  /** Its cosine with the terms the corpus associates with the question's words. */
  bridgingMatch: number;
  /** The share of the question's distinct words that its question has. */
  questionOverlap: number;
  /** How alike its answer is to the rank-weighted centre of the first five's answers (cosine). */
  answerLikeness: number;
  /** The same, divided by the most alike candidate's. */
  answerLikenessShare: number;
  /** How alike its answer is to the centre of the first ten's answers, weighed by their cosine with the question. */
  answerLikenessToTen: number;
  /** The share of the question's words (weighed by rarity) that its keywords and description have. */
  topicMentions: number;
  /** The share of the question's words (weighed by rarity) that the start of its answer has. */
  answerMentions: number;
  /** The rank-weighted share of the first five that are of its subject folder. */
  subjectShare: number;
  /** 1 when it is of the subject folder the question is asked in (when told). */
  askedSubject: number;
  /** The shorter of its question and the asked one over the longer, in distinct words. */
  lengthRatio: number;
}

export type RerankWeights = Readonly<CandidateFeatures>;

export const FEATURES: readonly (keyof CandidateFeatures)[] = [
  'firstMatch',
  'bridgingMatch',
  'questionOverlap',
  'answerLikeness',
  'answerLikenessShare',
  'answerLikenessToTen',
  'topicMentions',
  'answerMentions',
  'subjectShare',
  'askedSubject',
  'lengthRatio',
];

/** The fitted weights (see the file comment). */
export const RERANK_WEIGHTS: RerankWeights = {
  firstMatch: 2,
  bridgingMatch: 3.06,
  questionOverlap: 0.806,
  answerLikeness: 0.434,
  answerLikenessShare: 1.08,
  answerLikenessToTen: 4.91,
  topicMentions: 0.936,
  answerMentions: 3.25,
  subjectShare: 1.27,
  askedSubject: 3.21,
  lengthRatio: 0,
};

/** The weighted sum of a candidate's features: higher is likelier the question asked. */
export function rerankScore(features: CandidateFeatures, weights: RerankWeights = RERANK_WEIGHTS): number {
  let score = 0;
  for (const name of FEATURES) score += weights[name] * features[name];
  return score;
}

/** Each score's softmax over them all: how likely each candidate is the question asked, summing to 1. */
export function likelihoods(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
