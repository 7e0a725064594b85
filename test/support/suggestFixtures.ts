/** A small neuroscience cluster among unrelated articles, for suggestion tests through the CLI and LSP. */
import type { ArticleSpec } from './fixtures';

export const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10, answer: 'A neuron has dendrites, an axon and synapses.' };
export const SIGNALS: ArticleSpec = {
  questionKey: 'how-do-neurons-transmit-signals',
  id: 11,
  answer: 'Neurons send impulses along the axon to synapses and dendrites.',
};
export const SYNAPSE: ArticleSpec = {
  questionKey: 'what-happens-at-a-synapse',
  id: 12,
  answer: 'At a synapse, neurotransmitters reach the next neuron.',
};
export const MYELIN: ArticleSpec = { questionKey: 'what-does-myelin-do-for-an-axon', id: 13, answer: 'Myelin insulates the axon.' };
/** Ten articles on unrelated topics. */
export const OTHERS: ArticleSpec[] = 'volcano glacier tariff sonnet enzyme orbit parliament bacteria sculpture inflation'
  .split(' ')
  .map((w, i) => ({ subjectKey: 'science', questionKey: `what-is-a-${w}`, id: 100 + i, answer: `A ${w} is studied in many courses.` }));
