/** The LSP features the server offers, each in its own module. */
import type { Feature } from './context';
import { answerDocumentFeature } from './answerDocument';
import { backlinksFeature } from './backlinks';
import { codeActionsFeature } from './codeActions';
import { codeLensFeature } from './codeLens';
import { completionFeature } from './completion';
import { definitionFeature } from './definition';
import { fileMovesFeature } from './fileMoves';
import { healthFeature } from './health';
import { hoverFeature } from './hover';
import { inspectFeature } from './inspect';
import { linksFeature } from './links';
import { lintWorkspaceFeature } from './lintWorkspace';
import { newQuestionFeature } from './newQuestion';
import { previewFeature } from './preview';
import { referencesFeature } from './references';
import { relatedFeature } from './related';
import { renameFeature } from './rename';
import { statsFeature } from './stats';
import { similarFeature } from './similar';
import { suggestFeature } from './suggest';
import { symbolsFeature } from './symbols';
import { viewsFeature } from './views';

export const FEATURES: Feature[] = [
  inspectFeature,
  previewFeature,
  newQuestionFeature,
  relatedFeature,
  backlinksFeature,
  lintWorkspaceFeature,
  healthFeature,
  completionFeature,
  definitionFeature,
  linksFeature,
  hoverFeature,
  referencesFeature,
  codeLensFeature,
  codeActionsFeature,
  suggestFeature,
  similarFeature,
  symbolsFeature,
  renameFeature,
  fileMovesFeature,
  statsFeature,
  answerDocumentFeature,
  viewsFeature,
];
