/** Articles with the defects and links the corpus health report counts (shared by its unit, CLI and webview tests). */
import { linkTo, type ArticleSpec } from './fixtures';

export const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
/** Links to the neuron twice (a related-duplicate; one referrer). */
export const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11, related: [linkTo(NEURON), linkTo(NEURON)] };
/** Another subject; links to the neuron and to an article that does not exist. */
export const CELL: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-a-cell',
  id: 12,
  related: [linkTo(NEURON), { id: 404, title: 'Gone', url: '/learn/biology/questions/gone' }],
};
