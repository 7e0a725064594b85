/** The LSP features the server offers, each in its own module. */
import type { Feature } from './context';
import { backlinksFeature } from './backlinks';
import { inspectFeature } from './inspect';
import { lintWorkspaceFeature } from './lintWorkspace';
import { newQuestionFeature } from './newQuestion';
import { previewFeature } from './preview';
import { relatedFeature } from './related';

export const FEATURES: Feature[] = [
  inspectFeature,
  previewFeature,
  newQuestionFeature,
  relatedFeature,
  backlinksFeature,
  lintWorkspaceFeature,
];
