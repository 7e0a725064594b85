/**
 * Articles linking to each other across two subject folders, and the text each
 * file should have after a move: shared by the core and the LSP tests of moving
 * and renaming articles.
 */
import { articleText, linkTo, titleOf, type ArticleSpec } from './fixtures';

export const NEURON: ArticleSpec = {
  questionKey: 'what-is-a-neuron',
  id: 10,
  answer: 'A neuron carries signals with ions across its membrane.',
};
export const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11, answer: 'A synapse joins two neurons.' };
export const CELL: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'what-is-a-cell',
  id: 12,
  answer: 'A cell membrane holds ion channels.',
};
export const IONS: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  answer: 'Ions cross the membrane through channels.',
  related: [linkTo(NEURON), linkTo(SYNAPSE)],
};
export const SIGNALS: ArticleSpec = {
  subjectKey: 'biology',
  questionKey: 'how-do-cells-signal',
  id: 13,
  related: [linkTo(CELL), linkTo(NEURON)],
};
export const MEMORY: ArticleSpec = { questionKey: 'what-is-memory', id: 14, related: [linkTo(SYNAPSE)] };
export const MOVE_SPECS = [NEURON, SYNAPSE, CELL, IONS, SIGNALS, MEMORY];

/** The article at its new place (its title stays: the fixtures would make another from the question-key). */
export function movedTo(spec: ArticleSpec, subjectKey: string, questionKey = spec.questionKey): ArticleSpec {
  return { ...spec, subjectKey, questionKey, title: spec.title ?? titleOf(spec.questionKey) };
}

/** The neuron article renamed in place, and moved to biology; the psychology folder renamed. */
export const RENAMED = movedTo(NEURON, 'psychology', 'what-is-a-nerve-cell');
export const MOVED = movedTo(NEURON, 'biology');
export const FOLDER = { from: 'psychology', to: 'neuroscience', articles: [NEURON, SYNAPSE, IONS, MEMORY] } as const;
/** The neuron article with a new title (not a move: its links follow it all the same). */
export const RETITLED: ArticleSpec = { ...NEURON, title: 'What is a nerve cell, really?' };

/** Each file the change edits (its spec: where it is before a move) with its text after the edit; no other file changes. */
export function expectedAfter(change: 'rename' | 'move' | 'folder' | 'retitle'): [ArticleSpec, string][] {
  switch (change) {
    case 'retitle':
      return [
        [IONS, articleText({ ...IONS, related: [linkTo(RETITLED), linkTo(SYNAPSE)] })],
        [SIGNALS, articleText({ ...SIGNALS, related: [linkTo(CELL), { ...linkTo(RETITLED), subject: 'Biology' }] })],
      ];
    case 'rename':
      return [
        [NEURON, articleText(RENAMED)],
        [IONS, articleText({ ...IONS, related: [linkTo(RENAMED), linkTo(SYNAPSE)] })],
        // a link from another subject keeps its subject value: the folder did not change
        [SIGNALS, articleText({ ...SIGNALS, related: [linkTo(CELL), { ...linkTo(RENAMED), subject: 'Biology' }] })],
      ];
    case 'move':
      return [
        [NEURON, articleText(MOVED)],
        [IONS, articleText({ ...IONS, related: [{ ...linkTo(MOVED), subject: 'Biology' }, linkTo(SYNAPSE)] })],
        [SIGNALS, articleText({ ...SIGNALS, related: [linkTo(CELL), linkTo(MOVED)] })],
      ];
    case 'folder': {
      // a new folder has no article to take its subject name from: it is made from the folder name
      const n = (s: ArticleSpec) => movedTo(s, FOLDER.to);
      return [
        [NEURON, articleText(n(NEURON))],
        [SYNAPSE, articleText(n(SYNAPSE))],
        [IONS, articleText({ ...n(IONS), related: [linkTo(n(NEURON)), linkTo(n(SYNAPSE))] })],
        [MEMORY, articleText({ ...n(MEMORY), related: [linkTo(n(SYNAPSE))] })],
        [SIGNALS, articleText({ ...SIGNALS, related: [linkTo(CELL), { ...linkTo(n(NEURON)), subject: 'Neuroscience' }] })],
      ];
    }
  }
}
