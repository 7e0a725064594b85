/** The LSP features the server offers, each in its own module. */
import type { Feature } from './context';
import { inspectFeature } from './inspect';

export const FEATURES: Feature[] = [inspectFeature];
