/** The LSP features the server offers, each in its own module. */
import type { Feature } from './context';

export const FEATURES: Feature[] = [];
