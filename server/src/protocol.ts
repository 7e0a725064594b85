/**
 * Custom messages between the QuickTakes client and server, typed once for both
 * sides (plain method names and payload types: no `vscode` or LSP imports here).
 */

/** Server → client: the index state, for the status bar. */
export const STATUS_NOTIFICATION = 'quicktakes/status';

export interface StatusParams {
  state: 'indexing' | 'ready' | 'idle' | 'error';
  articles: number;
  /** Indexing progress, 0..1, while `state` is `indexing`. */
  progress?: number;
  message?: string;
}

/** Settings under `quicktakes.*`, as the server reads them. */
export interface Settings {
  contentGlob: string;
  severity: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  /** Milliseconds to wait after an edit before recomputing diagnostics. */
  diagnosticsDelay: number;
}

export const DEFAULT_SETTINGS: Settings = {
  contentGlob: 'content/learn/*/*.md',
  severity: {},
  diagnosticsDelay: 50,
};

/**
 * Client/tests → server: a canonical dump of the index (what each article's
 * summary says), to check that the live index equals a fresh one.
 */
export const INDEX_SNAPSHOT_REQUEST = 'quicktakes/indexSnapshot';

export interface IndexSnapshot {
  articles: number;
  /** One line per article, sorted: path, id, title, url, and its links. */
  lines: string[];
}
